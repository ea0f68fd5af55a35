import { randomBytes } from 'node:crypto';
import type MailComposerClass from 'nodemailer/lib/mail-composer';
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer';
import type * as MimeFuncs from 'nodemailer/lib/mime-funcs';
import type MimeNodeClass from 'nodemailer/lib/mime-node';
import { loadOnFirstUse } from '../load-on-first-use.js';
import type { BulkMessage, FilledBulkMessage } from './bulk-mailer.js';
import { encodeQuotedPrintable, joinQuotedPrintable } from './quoted-printable.js';

// nodemailer's parts, loaded by the first newsletter composed (only with SMTP configured), not by
// every start (issue #14: cold start).
const mailComposer = loadOnFirstUse<typeof MailComposerClass>('nodemailer/lib/mail-composer');
const mimeFuncs = loadOnFirstUse<typeof MimeFuncs>('nodemailer/lib/mime-funcs');
const mimeNode = loadOnFirstUse<typeof MimeNodeClass>('nodemailer/lib/mime-node');

/**
 * One MIME message per BulkTemplate, filled per recipient (docs/performance.md, "Compose once").
 *
 * nodemailer composes the template once, from its first recipient's message, with a token for
 * each body and `Content-Transfer-Encoding: quoted-printable`; that gives the header block, its
 * order and folding, the MIME structure and the boundaries. Per recipient:
 *
 * - the header fields that differ (To, Message-ID, Date and the message's own headers, such as
 *   List-Unsubscribe) are written again as nodemailer writes them: `encodeHeaderValue` (RFC 2047
 *   words for non-ASCII text, punycode for domains) and `foldLines` at 76;
 * - each body is the template's pieces, quoted-printable encoded once, joined with the
 *   recipient's values encoded on their own, a soft line break between an encoded piece and the
 *   next. A soft break decodes to nothing, so the joined body decodes to the filled-in text, and
 *   no line passes 76 characters. (Substituting into one encoded body would not do: a value's
 *   `=` must become `=3D` and the line around it must be wrapped again, and base64 cannot be cut
 *   at all.)
 *
 * Per recipient that is string joins and the encoding of a few short values, instead of the
 * encoding of ~30 KB of HTML and text and the building of every header.
 */
export interface MimeTemplate {
  /** Envelope sender (MAIL FROM), as nodemailer derives it from From. */
  readonly envelopeFrom: string;
  /** Whether `fill` can write this message: it has the template's set of own headers. */
  fits(message: BulkMessage): boolean;
  /** The recipient's whole message (CRLF line breaks), dated `date`. */
  fill(message: BulkMessage, date: Date): string;
}

/** sendMail's fields for one filled-in message, as the adapter has always sent it. */
export function mailOptionsOf(
  message: FilledBulkMessage,
  from: { header: string; address: string },
): MailComposerOptions {
  return {
    from:
      message.fromName === undefined
        ? from.header
        : { name: message.fromName, address: from.address },
    to: message.to,
    ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: { ...message.headers },
  };
}

type Slot =
  | { kind: 'to' | 'messageId' | 'date'; key: string }
  | { kind: 'own'; key: string; name: string }
  | { kind: 'text' | 'html' };

/** Headers nodemailer writes from the message's own fields: no recipient header may be one. */
const writtenByComposer = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

const ownHeaderNames = (message: BulkMessage) =>
  Object.keys(message.headers)
    .map((name) => name.toLowerCase())
    .sort()
    .join('\n');

const hasContent = (pieces: readonly string[]) => pieces.length > 1 || (pieces[0] ?? '') !== '';

/**
 * Composes `first`'s template. Null when it cannot be a template (nothing to fill, a recipient
 * header nodemailer writes itself, a field it left out or wrote twice): every message of it is
 * then composed whole.
 */
export async function composeMimeTemplate(
  first: BulkMessage,
  mail: MailComposerOptions,
): Promise<MimeTemplate | null> {
  const { template } = first;
  const ownNames = ownHeaderNames(first);
  if (ownNames.split('\n').some((name) => writtenByComposer.has(name))) return null;
  const hasText = hasContent(template.text);
  const hasHtml = hasContent(template.html);
  if (!hasText && !hasHtml) return null;

  const nonce = randomBytes(12).toString('hex');
  const tokens = { text: `MHTEXT${nonce}`, html: `MHHTML${nonce}` };
  const MailComposer = mailComposer();
  const node = new MailComposer({
    ...mail,
    text: hasText ? { content: tokens.text, contentTransferEncoding: 'quoted-printable' } : '',
    html: hasHtml ? { content: tokens.html, contentTransferEncoding: 'quoted-printable' } : '',
  }).compile();
  const raw = (await node.build()).toString('utf8');
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;

  // The header block as fields (each with its folded lines), then the body around its tokens.
  const fields = raw.slice(0, headEnd).split(/\r\n(?![ \t])/);
  const ownKeys = new Set(Object.keys(first.headers).map((name) => name.toLowerCase()));
  const chunks: string[] = [];
  const slots: Slot[] = [];
  const seen = new Map<string, number>();
  let literal = '';
  for (const field of fields) {
    const key = field.slice(0, field.indexOf(':')).trim();
    const name = key.toLowerCase();
    const kind =
      name === 'to'
        ? 'to'
        : name === 'message-id'
          ? 'messageId'
          : name === 'date'
            ? 'date'
            : ownKeys.has(name)
              ? 'own'
              : undefined;
    if (kind === undefined) {
      literal += `${field}\r\n`;
      continue;
    }
    seen.set(name, (seen.get(name) ?? 0) + 1);
    chunks.push(literal);
    literal = '';
    slots.push(kind === 'own' ? { kind, key, name: ownName(first, name) } : { kind, key });
  }
  const expected = ['to', 'message-id', 'date', ...ownKeys];
  if (seen.size !== expected.length || expected.some((name) => seen.get(name) !== 1)) return null;

  let body = `\r\n${raw.slice(headEnd + 4)}`;
  const bodySlots = (['text', 'html'] as const)
    .filter((part) => (part === 'text' ? hasText : hasHtml))
    .map((part) => ({ part, at: body.indexOf(tokens[part]) }))
    .sort((a, b) => a.at - b.at);
  for (const { part, at } of bodySlots) {
    if (at < 0 || body.indexOf(tokens[part], at + 1) >= 0) return null;
  }
  for (const { part } of bodySlots) {
    const at = body.indexOf(tokens[part]);
    chunks.push(literal + body.slice(0, at));
    literal = '';
    body = body.slice(at + tokens[part].length);
    slots.push({ kind: part });
  }
  chunks.push(literal + body);

  // The bodies' own pieces, encoded once.
  const encoded = {
    text: template.text.map(encodeQuotedPrintable),
    html: template.html.map(encodeQuotedPrintable),
  };
  const MimeNode = mimeNode();
  const encoder = new MimeNode();
  const headerLine = (key: string, value: string | Date): string => {
    const encodedValue = encoder.encodeHeaderValue(key, value);
    // nodemailer leaves out a header with nothing in it.
    return encodedValue.trim() === ''
      ? ''
      : `${mimeFuncs().foldLines(`${key}: ${encodedValue}`, 76)}\r\n`;
  };
  const bodyOf = (part: 'text' | 'html', values: readonly string[]): string => {
    const pieces = encoded[part];
    const joined: string[] = [pieces[0] ?? ''];
    for (let i = 1; i < pieces.length; i++)
      joined.push(encodeQuotedPrintable(values[i - 1] ?? ''), pieces[i] ?? '');
    return joinQuotedPrintable(joined);
  };

  return {
    envelopeFrom: node.getEnvelope().from || '',
    fits: (message) => message.template === template && ownHeaderNames(message) === ownNames,
    fill(message, date) {
      let out = chunks[0] ?? '';
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i] as Slot;
        if (slot.kind === 'to') out += headerLine(slot.key, message.to);
        else if (slot.kind === 'messageId') out += headerLine(slot.key, message.messageId);
        else if (slot.kind === 'date') out += headerLine(slot.key, date);
        else if (slot.kind === 'own') out += headerLine(slot.key, message.headers[slot.name] ?? '');
        else if (slot.kind === 'text') out += bodyOf('text', message.textValues);
        else out += bodyOf('html', message.htmlValues);
        out += chunks[i + 1] ?? '';
      }
      return out;
    },
  };
}

/** The message's own spelling of a header name (its headers are keyed as the caller wrote them). */
function ownName(message: BulkMessage, lowerCased: string): string {
  return Object.keys(message.headers).find((name) => name.toLowerCase() === lowerCased) ?? '';
}
