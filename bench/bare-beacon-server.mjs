// The baseline for bench/beacon-bench.mjs: a bare node:http server that reads each request's
// body and answers 202 with none, as the beacon does. Prints "listening <port>" once it listens.
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(202, { 'cache-control': 'no-store' });
    response.end();
  });
});
server.keepAliveTimeout = 75_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
