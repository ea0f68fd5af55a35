import { isIP } from 'node:net';

/**
 * Which IP addresses an outbound request may reach. Anything that is not plainly a public
 * unicast address is refused: loopback, private, link-local, CGNAT, unique-local, multicast,
 * unspecified, documentation and benchmarking ranges, and IPv6 forms that embed an IPv4 address
 * (mapped, compatible, NAT64, 6to4) are judged by the address they embed.
 */

/** [first octets as a prefix, prefix length in bits, why] for IPv4. */
const blockedV4: ReadonlyArray<readonly [readonly number[], number, string]> = [
  [[0], 8, 'this-network (0.0.0.0/8)'],
  [[10], 8, 'private (10.0.0.0/8)'],
  [[100, 64], 10, 'carrier-grade NAT (100.64.0.0/10)'],
  [[127], 8, 'loopback (127.0.0.0/8)'],
  [[169, 254], 16, 'link-local (169.254.0.0/16)'],
  [[172, 16], 12, 'private (172.16.0.0/12)'],
  [[192, 0, 0], 24, 'IETF protocol assignments (192.0.0.0/24)'],
  [[192, 0, 2], 24, 'documentation (192.0.2.0/24)'],
  [[192, 88, 99], 24, '6to4 relay (192.88.99.0/24)'],
  [[192, 168], 16, 'private (192.168.0.0/16)'],
  [[198, 18], 15, 'benchmarking (198.18.0.0/15)'],
  [[198, 51, 100], 24, 'documentation (198.51.100.0/24)'],
  [[203, 0, 113], 24, 'documentation (203.0.113.0/24)'],
  [[224], 4, 'multicast (224.0.0.0/4)'],
  [[240], 4, 'reserved or broadcast (240.0.0.0/4)'],
];

/** [16-byte prefix (leading bytes), prefix length in bits, why] for IPv6 (after embedded-IPv4 forms). */
const blockedV6: ReadonlyArray<readonly [readonly number[], number, string]> = [
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, 'local-use NAT64 (64:ff9b:1::/48)'],
  [[0x01, 0x00], 64, 'discard-only (100::/64)'],
  [[0x20, 0x01, 0x00], 23, 'IETF protocol assignments, Teredo (2001::/23)'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation (2001:db8::/32)'],
  [[0x3f, 0xff], 20, 'documentation (3fff::/20)'],
  [[0xfc], 7, 'unique-local (fc00::/7)'],
  [[0xfe, 0x80], 10, 'link-local (fe80::/10)'],
  [[0xfe, 0xc0], 10, 'site-local (fec0::/10)'],
  [[0xff], 8, 'multicast (ff00::/8)'],
];

function matchesPrefix(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const remaining = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - remaining)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function parseV4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : undefined;
}

/** 16 bytes of an IPv6 address (zone id ignored), or undefined when it is not one. */
export function parseV6(input: string): number[] | undefined {
  let text = input.replace(/%.*$/, '');
  if (isIP(text) !== 6) return undefined;
  const lastColon = text.lastIndexOf(':');
  const dotted = text.slice(lastColon + 1);
  if (dotted.includes('.')) {
    // A trailing a.b.c.d is two 16-bit groups.
    const v4 = parseV4(dotted);
    if (!v4) return undefined;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    text = `${text.slice(0, lastColon + 1)}${hex(v4[0] ?? 0, v4[1] ?? 0)}:${hex(v4[2] ?? 0, v4[3] ?? 0)}`;
  }
  const [left = '', right, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const leftGroups = groups(left);
  const rightGroups = right === undefined ? [] : groups(right);
  const fill = right === undefined ? 0 : 8 - leftGroups.length - rightGroups.length;
  if (fill < 0) return undefined;
  const all = [...leftGroups, ...Array<number>(fill).fill(0), ...rightGroups];
  if (all.length !== 8 || all.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) {
    return undefined;
  }
  const bytes: number[] = [];
  for (const g of all) bytes.push((g >> 8) & 0xff, g & 0xff);
  return bytes;
}

function v4Reason(bytes: readonly number[]): string | undefined {
  for (const [prefix, bits, why] of blockedV4) {
    if (matchesPrefix(bytes, prefix, bits)) return why;
  }
  return undefined;
}

const allZero = (bytes: readonly number[]) => bytes.every((b) => b === 0);

function v6Reason(bytes: readonly number[]): string | undefined {
  const first10 = bytes.slice(0, 10);
  const embedded = bytes.slice(12, 16);
  if (allZero(bytes)) return 'unspecified (::)';
  if (allZero(bytes.slice(0, 15)) && bytes[15] === 1) return 'loopback (::1)';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated): judged as the IPv4 inside.
  if (
    allZero(first10) &&
    ((bytes[10] === 0xff && bytes[11] === 0xff) || allZero(bytes.slice(10, 12)))
  ) {
    const why = v4Reason(embedded);
    return why && `IPv4 embedded in IPv6: ${why}`;
  }
  // 64:ff9b::/96, the well-known NAT64 prefix, reaches the IPv4 address in its last 32 bits.
  if (matchesPrefix(bytes, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) {
    const why = v4Reason(embedded);
    return why && `NAT64 to ${why}`;
  }
  // 2002::/16 (6to4) carries an IPv4 address in bits 16–47.
  if (bytes[0] === 0x20 && bytes[1] === 0x02) {
    const why = v4Reason(bytes.slice(2, 6));
    if (why) return `6to4 of ${why}`;
  }
  for (const [prefix, bits, why] of blockedV6) {
    if (matchesPrefix(bytes, prefix, bits)) return why;
  }
  // Only global unicast (2000::/3) is public; the rest of the space is unassigned or special.
  if (((bytes[0] ?? 0) & 0xe0) !== 0x20) return 'not global unicast (outside 2000::/3)';
  return undefined;
}

/**
 * Why an IP address must not be contacted, or undefined when it is a public unicast address.
 * Something that is not an IP address at all is refused too.
 */
export function blockedAddressReason(address: string): string | undefined {
  const v4 = isIP(address) === 4 ? parseV4(address) : undefined;
  if (v4) return v4Reason(v4);
  const v6 = parseV6(address);
  if (v6) return v6Reason(v6);
  return 'not an IP address';
}

export const isPublicAddress = (address: string): boolean =>
  blockedAddressReason(address) === undefined;
