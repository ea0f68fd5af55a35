/**
 * Ghost's filter language (NQL), the subset its Content API clients use (issue #15 §5):
 *
 *   tag:news+featured:true            AND binds tighter than OR
 *   tag:news,tag:world                OR
 *   (tag:news,tag:world)+featured:true
 *   tag:[news,world]  tag:-[news]     in / not in
 *   slug:-draft                       not equal
 *   published_at:>'2026-01-01'        >, >=, <, <= (quoted or bare values)
 *   title:~'river'  ~^ starts, ~$ ends
 *
 * Parsed into a small tree that the Ghost layer checks against each resource's fields before
 * any SQL is built. Input is hostile: length, nesting, leaves and list sizes are bounded, and
 * every problem is a `NqlError` naming the position, never an exception of another kind.
 */

export type NqlValue = string | number | boolean | null;

export type NqlOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '~^' | '~$';

export type NqlNode =
  | { readonly kind: 'and' | 'or'; readonly children: readonly NqlNode[] }
  | {
      readonly kind: 'compare';
      readonly field: string;
      readonly op: NqlOperator;
      readonly value: NqlValue;
    }
  | {
      readonly kind: 'in';
      readonly field: string;
      readonly negated: boolean;
      readonly values: readonly NqlValue[];
    };

export class NqlError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at character ${position + 1}`);
    this.name = 'NqlError';
  }
}

export const nqlLimits = {
  maxLength: 1000,
  maxDepth: 8,
  maxLeaves: 40,
  maxListValues: 100,
} as const;

const fieldPattern = /[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*/y;
/** A bare value: what Ghost accepts unquoted (slugs, numbers, dates without spaces). */
const barePattern = /[^\s'"()[\],+:]+/y;
const numberPattern = /^-?\d+(?:\.\d+)?$/;

/** Parses a filter; throws NqlError on anything it cannot read or that passes the limits. */
export function parseNql(text: string): NqlNode {
  if (text.length > nqlLimits.maxLength)
    throw new NqlError(`longer than ${nqlLimits.maxLength} characters`, nqlLimits.maxLength);
  let at = 0;
  let leaves = 0;

  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at += 1;
  };
  const peek = () => {
    skipSpace();
    return text[at];
  };
  const expect = (char: string) => {
    if (peek() !== char) throw new NqlError(`expected "${char}"`, at);
    at += 1;
  };

  const orExpr = (depth: number): NqlNode => {
    const children = [andExpr(depth)];
    while (peek() === ',') {
      at += 1;
      children.push(andExpr(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  };
  const andExpr = (depth: number): NqlNode => {
    const children = [term(depth)];
    while (peek() === '+') {
      at += 1;
      children.push(term(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  };
  const term = (depth: number): NqlNode => {
    if (peek() === '(') {
      if (depth >= nqlLimits.maxDepth)
        throw new NqlError(`nested deeper than ${nqlLimits.maxDepth} levels`, at);
      at += 1;
      const inner = orExpr(depth + 1);
      expect(')');
      return inner;
    }
    return comparison();
  };
  const comparison = (): NqlNode => {
    skipSpace();
    fieldPattern.lastIndex = at;
    const field = fieldPattern.exec(text)?.[0];
    if (!field) throw new NqlError('expected a field name', at);
    at += field.length;
    expect(':');
    leaves += 1;
    if (leaves > nqlLimits.maxLeaves)
      throw new NqlError(`more than ${nqlLimits.maxLeaves} conditions`, at);
    skipSpace();
    // `-` before a value negates it (`slug:-draft`, `tag:-[a,b]`); before a digit it is a sign.
    const negated = text[at] === '-' && text[at + 1] !== undefined && !/\d/.test(text[at + 1]!);
    if (negated) at += 1;
    if (text[at] === '[') {
      at += 1;
      const values: NqlValue[] = [];
      if (peek() !== ']') {
        values.push(value());
        while (peek() === ',') {
          at += 1;
          values.push(value());
          if (values.length > nqlLimits.maxListValues)
            throw new NqlError(`a list of more than ${nqlLimits.maxListValues} values`, at);
        }
      }
      expect(']');
      return { kind: 'in', field, negated, values };
    }
    let op: NqlOperator = negated ? '!=' : '=';
    if (!negated) {
      for (const candidate of ['>=', '<=', '~^', '~$', '>', '<', '~'] as const) {
        if (text.startsWith(candidate, at)) {
          op = candidate;
          at += candidate.length;
          break;
        }
      }
    }
    return { kind: 'compare', field, op, value: value() };
  };
  const value = (): NqlValue => {
    skipSpace();
    if (text[at] === "'" || text[at] === '"') {
      const quote = text[at]!;
      const start = at;
      at += 1;
      let out = '';
      while (at < text.length && text[at] !== quote) {
        // A backslash escapes the next character, as in Ghost (\' inside a quoted value).
        if (text[at] === '\\' && at + 1 < text.length) at += 1;
        out += text[at];
        at += 1;
      }
      if (at >= text.length) throw new NqlError('a quoted value is not closed', start);
      at += 1;
      return out;
    }
    barePattern.lastIndex = at;
    const bare = barePattern.exec(text)?.[0];
    if (!bare) throw new NqlError('expected a value', at);
    at += bare.length;
    if (bare === 'null') return null;
    if (bare === 'true') return true;
    if (bare === 'false') return false;
    if (numberPattern.test(bare)) return Number(bare);
    return bare;
  };

  if (peek() === undefined) throw new NqlError('the filter is empty', 0);
  const tree = orExpr(0);
  if (peek() !== undefined) throw new NqlError(`unexpected "${text[at]}"`, at);
  return tree;
}

/** Every field a filter names (checked against a resource's allowed fields by the caller). */
export function nqlFields(node: NqlNode): string[] {
  return 'children' in node ? node.children.flatMap(nqlFields) : [node.field];
}
