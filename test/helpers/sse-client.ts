import { request as httpRequest, type IncomingMessage } from 'node:http';

/** One block of an event stream as a reader's EventSource would see it (or a comment). */
export interface SseBlock {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
  retry?: string;
}

export interface SseEvent {
  id: string;
  event: string;
  data: string;
  /** `data` parsed as JSON. */
  json: any;
}

export interface SseReader {
  response: IncomingMessage;
  /** The next block, waiting for it if need be; undefined once the stream has ended. */
  next(): Promise<SseBlock | undefined>;
  /** The next block that carries data (comments and `retry:` skipped); throws at the end. */
  nextEvent(): Promise<SseEvent>;
  close(): void;
}

export function parseSseBlock(block: string): SseBlock {
  const out: SseBlock = {};
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) out.comment = line.slice(1).trim();
    else {
      const at = line.indexOf(':');
      const field = line.slice(0, at);
      const value = line.slice(at + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'id' || field === 'event' || field === 'retry') out[field] = value;
    }
  }
  if (data.length > 0) out.data = data.join('\n');
  return out;
}

/** A GET on a connection of its own, read as an event stream (whatever the status). */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (response) => {
      response.setEncoding('utf8');
      let buffer = '';
      let hasEnded = false;
      const blocks: SseBlock[] = [];
      const waiting: Array<(value: SseBlock | undefined) => void> = [];
      const flush = () => {
        while (waiting.length > 0 && (blocks.length > 0 || hasEnded))
          waiting.shift()!(blocks.shift());
      };
      response.on('data', (chunk: string) => {
        buffer += chunk.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          blocks.push(parseSseBlock(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
        flush();
      });
      const finish = () => {
        hasEnded = true;
        flush();
      };
      response.on('end', finish);
      response.on('close', finish);
      const next = () =>
        new Promise<SseBlock | undefined>((done) => {
          waiting.push(done);
          flush();
        });
      resolve({
        response,
        next,
        async nextEvent() {
          for (;;) {
            const block = await next();
            if (block === undefined) throw new Error('the stream ended');
            if (block.data === undefined) continue;
            return {
              id: block.id ?? '',
              event: block.event ?? 'message',
              data: block.data,
              json: JSON.parse(block.data) as unknown,
            };
          }
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
