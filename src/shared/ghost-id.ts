/**
 * Ghost-style ids (24 lowercase hex characters) derived from Masthead's UUIDv7 ids, for the
 * Ghost Content API layer (issue #15 §5): Ghost's clients and themes expect ids of that shape.
 *
 * A UUIDv7 `tttttttt-tttt-7sss-vrrr-rrrrrrrrrrrr` keeps its 48-bit millisecond time in the
 * first 12 hex digits and random bits in the last 12; the derived id is those two halves. It
 * is stable, and reversible: the time half names a primary-key range (every id made in that
 * millisecond), and the random half picks the one id in that range (ghostIdMatches).
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ghostIdPattern = /^[0-9a-f]{24}$/;

export const isGhostId = (value: string): boolean => ghostIdPattern.test(value);

/**
 * The Ghost id of a local id. A UUID gives its time and random halves; anything else (ids
 * written by hand in fixtures) a stable 24-hex hash, which only a lookup over a whole list can
 * reverse (authors, tags and tiers are looked up that way; posts by range).
 */
export function ghostIdOf(localId: string): string {
  const id = localId.toLowerCase();
  if (uuidPattern.test(id)) {
    const hex = id.replaceAll('-', '');
    return `${hex.slice(0, 12)}${hex.slice(-12)}`;
  }
  return hashHex(localId);
}

/**
 * The primary-key range a derived Ghost id's UUID lies in: ids of that millisecond sort
 * between `from` (inclusive) and `to` (exclusive) as strings.
 */
export function localIdRangeOf(ghostId: string): { from: string; to: string } | undefined {
  if (!isGhostId(ghostId)) return undefined;
  const prefix = `${ghostId.slice(0, 8)}-${ghostId.slice(8, 12)}-`;
  // '.' is the character after '-': the range holds exactly the ids starting with the prefix.
  return { from: prefix, to: `${ghostId.slice(0, 8)}-${ghostId.slice(8, 12)}.` };
}

/** Whether a local id derives to this Ghost id (the final check after a range lookup). */
export const ghostIdMatches = (localId: string, ghostId: string): boolean =>
  ghostIdOf(localId) === ghostId;

/** Three FNV-1a-style 32-bit hashes with different seeds: 24 hex digits, stable everywhere. */
function hashHex(text: string): string {
  let out = '';
  for (const seed of [0x811c9dc5, 0x01000193, 0x9e3779b9]) {
    let hash = seed >>> 0;
    for (let i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out;
}
