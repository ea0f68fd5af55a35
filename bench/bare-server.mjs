// The baseline for bench/site-bench.mjs: a bare node:http server that answers every request
// with the same bytes and headers, held in memory. Whatever Masthead costs on top is the ratio.
//
//   node bench/bare-server.mjs <body-file> <headers-json-file>
//
// Prints "listening <port>" on stdout once it listens on 127.0.0.1 (a free port).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [bodyFile, headersFile] = process.argv.slice(2);
if (!bodyFile || !headersFile) {
  process.stderr.write('usage: node bench/bare-server.mjs <body-file> <headers-json-file>\n');
  process.exit(2);
}
const body = readFileSync(bodyFile);
/** @type {Record<string, string>} */
const headers = JSON.parse(readFileSync(headersFile, 'utf8'));
headers['content-length'] = String(body.length);

const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.keepAliveTimeout = 75_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
