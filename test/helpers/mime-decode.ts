/**
 * A small MIME reader for tests, independent of nodemailer's encoder: header fields unfolded and
 * RFC 2047 words decoded, the text/plain and text/html parts decoded from quoted-printable or
 * base64. Enough for the messages our mailers write (one level of multipart), no more.
 */
export interface DecodedMail {
  subject: string;
  /** The decoded text/plain part (or the whole decoded body of a single-part message). */
  text: string;
  /** The decoded text/html part ('' when there is none). */
  html: string;
  /**
   * The message's header fields, names in lower case (`message-id`, `list-unsubscribe`, …),
   * unfolded and decoded; the first occurrence of a repeated name.
   */
  headers: Record<string, string>;
}

export const decodeQuotedPrintable = (body: string): string =>
  Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header value. */
const decodeHeader = (value: string): string =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );

function decodePart(headers: string, body: string): string {
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers))
    return decodeQuotedPrintable(body);
  if (/content-transfer-encoding:\s*base64/i.test(headers))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** The header block as fields: unfolded, names lower-cased, values decoded, first one wins. */
function parseHeaderFields(block: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    fields[name] ??= decodeHeader(line.slice(colon + 1).trim());
  }
  return fields;
}

export function decodeMail(raw: string): DecodedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const fields = parseHeaderFields(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const subject = fields['subject'] ?? '';
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  if (!boundary) return { subject, text: decodePart(headers, body), html: '', headers: fields };
  const decoded = { text: '', html: '' };
  for (const part of body.split(`--${boundary}`)) {
    const at = part.indexOf('\r\n\r\n');
    if (at < 0) continue;
    const partHeaders = part.slice(0, at);
    // The CRLF before the next delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    const content = part.slice(at + 4).replace(/\r\n$/, '');
    if (/content-type:\s*text\/plain/i.test(partHeaders))
      decoded.text ||= decodePart(partHeaders, content);
    else if (/content-type:\s*text\/html/i.test(partHeaders))
      decoded.html ||= decodePart(partHeaders, content);
  }
  return { subject, ...decoded, headers: fields };
}
