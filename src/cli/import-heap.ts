import { setFlagsFromString } from 'node:v8';

/**
 * Imports stream their input, so what they keep alive is small (about 60 MB for a 200,000-post
 * Ghost export: the link lists of the first pass); what makes their memory large is garbage. V8
 * lets the heap grow to about four times what was live at the last full collection before it
 * collects again, which for an import that allocates a parse tree per post meant a peak of
 * 230 MB of heap (560 MB resident) where 60 MB was live. Growing the heap by 40 % at a time
 * instead trades a little time for a resident set that stays near what is live (measured in
 * bench/ghost-import-memory.mjs, docs/performance.md). The flag is read at each collection, so
 * setting it when an import command starts takes effect; it only concerns this process.
 */
export function collectGarbageSooner(growingPercent = 40): void {
  setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
}
