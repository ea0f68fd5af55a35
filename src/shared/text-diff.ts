export interface DiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * Line diff by longest common subsequence: what a revision added and removed, for editors
 * comparing two versions. Quadratic, so callers pass article-sized texts (a few hundred lines).
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'equal', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: 'delete', text: a[i++]! });
    } else {
      out.push({ op: 'insert', text: b[j++]! });
    }
  }
  while (i < n) out.push({ op: 'delete', text: a[i++]! });
  while (j < m) out.push({ op: 'insert', text: b[j++]! });
  return out;
}
