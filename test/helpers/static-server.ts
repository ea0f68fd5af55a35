import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
};

export interface StaticServer {
  url: string;
  /** Paths asked for, in order (to see what a crawl reached). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A plain static file server over a folder, as nginx or an object store serves one: the decoded
 * path is the file, a directory answers its index.html, anything else is a 404. Dot files are
 * never served (the mirror's state file lives beside the tree).
 */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = new URL(request.url ?? '/', 'http://x').pathname;
      requests.push(pathname);
      let path: string;
      try {
        path = resolve(base, `.${decodeURIComponent(pathname)}`);
      } catch {
        response.writeHead(400).end();
        return;
      }
      if ((path !== base && !path.startsWith(base + sep)) || pathname.includes('/.')) {
        response.writeHead(404).end();
        return;
      }
      try {
        if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
        const body = await readFile(path);
        response
          .writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
          .end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
