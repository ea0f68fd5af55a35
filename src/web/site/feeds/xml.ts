/** Characters XML 1.0 cannot hold at all, even escaped (C0 controls but tab, CR and LF; U+FFFE/FFFF; lone surrogates). */
const forbidden =
  // eslint-disable-next-line no-control-regex -- these are the characters to remove
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text made safe for XML character data and double- or single-quoted attributes. */
export function escapeXml(value: string): string {
  return value.replace(forbidden, '').replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

/** `<name>text</name>`, escaped; nothing when the text is empty. */
export function textElement(name: string, text: string | null | undefined): string {
  return text ? `<${name}>${escapeXml(text)}</${name}>` : '';
}

/** Attributes from a record, escaped; undefined and null values are left out. */
export function attributes(values: Record<string, string | number | null | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] != null)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';
