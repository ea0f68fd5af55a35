// A streaming reader for WordPress's export format (WXR 1.1 and 1.2): the file is fed to a
// SAX parser chunk by chunk and each author, term or item is handed out as soon as its element
// closes, so memory holds one item at a time whatever the size of the export.
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { OperatorError } from '../../platform/errors.js';
import type { Fields, PendingRecord } from './wxr-record-builders.js';
import { checked, newPending, siteRecord, toRecord } from './wxr-record-builders.js';
import type { WxrRecord } from './wxr-records.js';
import { wxrSiteSchema } from './wxr-records.js';

export class WxrFormatError extends OperatorError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`The WordPress export is not valid XML at line ${line}, column ${column}: ${message}`);
    this.name = 'WxrFormatError';
  }
}

// The wp and excerpt namespaces carry the format's version: http or https, 1.0 to 1.2.
const WP_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/(1\.\d+)\/$/;
const EXCERPT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/;
const namespaces: Record<string, string> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
};

function prefixOf(uri: string): string {
  if (uri === '') return '';
  if (WP_NAMESPACE.test(uri)) return 'wp';
  if (EXCERPT_NAMESPACE.test(uri)) return 'excerpt';
  return namespaces[uri] ?? 'other';
}

// Titles written outside CDATA by older exporters can carry HTML's named entities, which XML
// does not define; a strict parser would stop the whole import on the first one.
const htmlEntities: Record<string, string> = {
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  bull: '\u2022',
  middot: '\u00b7',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  deg: '\u00b0',
  euro: '\u20ac',
  pound: '\u00a3',
  times: '\u00d7',
};

const recordElements: Record<string, PendingRecord['kind']> = {
  'wp:author': 'author',
  'wp:category': 'category',
  'wp:tag': 'tag',
  'wp:term': 'term',
  item: 'item',
};

export async function* readWxr(input: Readable): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  Object.assign(parser.ENTITIES, htmlEntities);
  const out: WxrRecord[] = [];
  const stack: string[] = []; // qualified names (`wp:post_id`) of the open elements
  const site: Fields = {};
  let namespaceVersion = '';
  let hasSite = false;
  let pending: PendingRecord | undefined;
  let text: string[] | undefined; // the text of the field being read, if any
  let isRss = false;

  const emitSite = () => {
    if (hasSite) return;
    hasSite = true;
    out.push(checked(wxrSiteSchema, siteRecord(site, namespaceVersion), 'channel', 1));
  };

  parser.on('opentag', (tag) => {
    const prefix = prefixOf(tag.uri ?? '');
    if (namespaceVersion === '') {
      // The version is in the wp namespace, declared on <rss> before anything uses it.
      for (const uri of Object.values(tag.ns ?? {})) {
        namespaceVersion ||= WP_NAMESPACE.exec(uri)?.[1] ?? '';
      }
    }
    const name = prefix === '' ? tag.local : `${prefix}:${tag.local}`;
    stack.push(name);
    const depth = stack.length;
    if (depth === 1) isRss = name === 'rss';
    if (!isRss || depth < 3) return;
    text = undefined;
    if (depth === 3) {
      const kind = recordElements[name];
      if (kind) {
        emitSite();
        pending = newPending(kind, parser.line);
      } else {
        text = [];
      }
      return;
    }
    if (!pending) return;
    if (depth === 4) {
      if (name === 'wp:comment') pending.commentCount += 1;
      else if (name === 'wp:postmeta') pending.meta = {};
      else if (name !== 'wp:termmeta') text = [];
      if (name === 'category' && pending.kind === 'item') {
        const attr = (key: string) => {
          const value = tag.attributes[key];
          return typeof value === 'object' ? value.value : (value ?? '');
        };
        pending.categories.push({ domain: attr('domain'), nicename: attr('nicename'), name: '' });
      }
    } else if (depth === 5 && pending.meta && stack[3] === 'wp:postmeta') {
      text = [];
    }
  });

  const addText = (value: string) => {
    if (text) text.push(value);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  parser.on('closetag', () => {
    const name = stack.pop() ?? '';
    const depth = stack.length + 1;
    if (!isRss || depth < 3) {
      if (depth === 2 && isRss) emitSite();
      return;
    }
    const value = text?.join('') ?? '';
    text = undefined;
    if (depth === 3) {
      if (pending) {
        out.push(toRecord(pending));
        pending = undefined;
      } else {
        site[name] ??= value.trim();
      }
      return;
    }
    if (!pending) return;
    if (depth === 4) {
      if (name === 'wp:postmeta' && pending.meta) {
        pending.postmeta.push({
          key: pending.meta['wp:meta_key'] ?? '',
          value: pending.meta['wp:meta_value'] ?? '',
        });
        pending.meta = undefined;
      } else if (name === 'category' && pending.kind === 'item') {
        const last = pending.categories.at(-1);
        if (last) last.name = value.trim();
      } else if (name !== 'wp:comment' && name !== 'wp:termmeta') {
        pending.fields[name] ??= value;
      }
    } else if (depth === 5 && pending.meta) {
      pending.meta[name] = value;
    }
  });

  const decoder = new TextDecoder('utf-8');
  const write = (chunk: string | null) => {
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (error) {
      const message =
        error instanceof Error ? error.message.replace(/^[^:]*:\d+:\d+: /, '') : String(error);
      throw new WxrFormatError(message, parser.line, parser.column + 1);
    }
  };
  for await (const chunk of input) {
    write(
      typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }),
    );
    yield* out.splice(0);
  }
  write(decoder.decode());
  write(null);
  if (!isRss)
    throw new WxrFormatError('the root element is not <rss>: this is not a WordPress export', 1, 1);
  emitSite();
  yield* out.splice(0);
}
