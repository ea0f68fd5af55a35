/**
 * Quoted-printable (RFC 2045 §6.7) for text that is encoded in pieces and joined: every line
 * break of the input becomes CRLF, every encoded line is at most 76 characters with its soft
 * break, and the last line at most 75, so a soft break ("=" CRLF) can always follow it. Joining
 * two encoded pieces with `joinQuotedPrintable` then encodes their concatenation.
 */

const hex = Array.from(
  { length: 256 },
  (_, byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`,
);
/** Printable ASCII but "=", and spaces and tabs (at the line's end they are encoded instead). */
const literalLine = /^[\x21-\x3c\x3e-\x7e \t]*$/;
const maxLine = 75;

export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(encodeLine)
    .join('\r\n');
}

function encodeLine(line: string): string {
  if (line.length <= maxLine && literalLine.test(line) && !/[ \t]$/.test(line)) return line;
  const bytes = Buffer.from(line, 'utf8');
  let out = '';
  let current = '';
  // Where the current character's bytes began in `current`: a soft break goes before a whole
  // UTF-8 sequence, never inside one (decoders do not mind, some mail clients do).
  let charStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    const isLiteral =
      (byte >= 0x21 && byte <= 0x7e && byte !== 0x3d) ||
      ((byte === 0x20 || byte === 0x09) && i < bytes.length - 1);
    const encoded = isLiteral ? String.fromCharCode(byte) : (hex[byte] as string);
    const isContinuation = byte >= 0x80 && byte < 0xc0;
    if (current.length + encoded.length > maxLine) {
      const cut = isContinuation && charStart > 0 ? charStart : current.length;
      out += `${current.slice(0, cut)}=\r\n`;
      current = current.slice(cut);
      charStart = 0;
    }
    if (!isContinuation) charStart = current.length;
    current += encoded;
  }
  return out + current;
}

/**
 * Concatenates encoded pieces, with a soft break between two where the first does not end its
 * line; empty pieces are left out.
 */
export function joinQuotedPrintable(pieces: readonly string[]): string {
  let out = '';
  let isAtLineStart = true;
  for (const piece of pieces) {
    if (piece === '') continue;
    out += isAtLineStart ? piece : `=\r\n${piece}`;
    isAtLineStart = piece.endsWith('\n');
  }
  return out;
}
