// Ghost's export is one JSON document; it is written in parts so no table is held in memory:
// each table's rows go to a file of their own as they are made (comma-separated objects), and
// the document is then streamed together from those files.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

async function write(stream: WriteStream, text: string | Buffer): Promise<void> {
  if (!stream.write(text))
    await new Promise<void>((resolve, reject) => {
      stream.once('drain', resolve);
      stream.once('error', reject);
    });
}

export function closeStream(stream: WriteStream): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

/** One table's rows, appended one at a time. */
export class JsonArrayPart {
  readonly file: string;
  private readonly stream: WriteStream;
  rows = 0;

  constructor(
    dir: string,
    readonly table: string,
  ) {
    this.file = join(dir, `${table}.part`);
    this.stream = createWriteStream(this.file, { mode: 0o600 });
  }

  async add(row: object): Promise<void> {
    await write(this.stream, `${this.rows === 0 ? '' : ',\n'}${JSON.stringify(row)}`);
    this.rows += 1;
  }

  close(): Promise<void> {
    return closeStream(this.stream);
  }
}

/** `{"db":[{"meta":…,"data":{"<table>":[…],…}}]}` into `out`, table by table from the parts. */
export async function assembleGhostJson(
  out: WriteStream,
  meta: object,
  parts: readonly JsonArrayPart[],
): Promise<void> {
  await write(out, `{"db":[{"meta":${JSON.stringify(meta)},"data":{`);
  for (const [index, part] of parts.entries()) {
    await write(out, `${index === 0 ? '' : ','}\n${JSON.stringify(part.table)}:[\n`);
    for await (const chunk of createReadStream(part.file)) await write(out, chunk as Buffer);
    await write(out, '\n]');
  }
  await write(out, '\n}}]}\n');
}
