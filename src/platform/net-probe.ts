import { connect as connectTcp } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * Opens a TCP (or TLS) connection and reads the first line the server sends, or sends `send`
 * first. Used by `masthead doctor` to check SMTP and Redis without their client libraries.
 */
export function probeLine(options: {
  host: string;
  port: number;
  tls?: boolean;
  send?: string;
  timeoutMs?: number;
}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = options.tls
      ? connectTls({ host: options.host, port: options.port, servername: options.host })
      : connectTcp({ host: options.host, port: options.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no answer from ${options.host}:${options.port} within ${options.timeoutMs ?? 3000} ms`,
        ),
      );
    }, options.timeoutMs ?? 3000);
    let buffer = '';
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      if (options.send) socket.write(options.send);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        socket.end();
        resolve(buffer.slice(0, end).trim());
      }
    });
    socket.once('error', (error: Error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
