import { describe, expect, it } from 'vitest';
import { NqlError, nqlFields, nqlLimits, parseNql } from './nql-filter.js';

describe('parseNql (Ghost filter syntax)', () => {
  it('reads comparisons with bare, quoted, boolean, null and number values', () => {
    expect(parseNql('tag:news')).toEqual({ kind: 'compare', field: 'tag', op: '=', value: 'news' });
    expect(parseNql('featured:true')).toMatchObject({ value: true });
    expect(parseNql('feature_image:null')).toMatchObject({ value: null });
    expect(parseNql('reading_time:-5')).toMatchObject({ op: '=', value: -5 });
    expect(parseNql("published_at:>'2026-01-01 10:00:00'")).toEqual({
      kind: 'compare',
      field: 'published_at',
      op: '>',
      value: '2026-01-01 10:00:00',
    });
    expect(parseNql('published_at:<=2026-01-01')).toMatchObject({ op: '<=', value: '2026-01-01' });
    expect(parseNql("title:~'river'")).toMatchObject({ op: '~', value: 'river' });
    expect(parseNql("title:~^'The'")).toMatchObject({ op: '~^', value: 'The' });
    expect(parseNql("title:'it\\'s'")).toMatchObject({ value: "it's" });
    expect(parseNql('slug:-draft')).toMatchObject({ op: '!=', value: 'draft' });
    expect(parseNql('tags.slug:news')).toMatchObject({ field: 'tags.slug' });
  });

  it('reads lists, AND before OR, and parentheses', () => {
    expect(parseNql('tag:[news, world]')).toEqual({
      kind: 'in',
      field: 'tag',
      negated: false,
      values: ['news', 'world'],
    });
    expect(parseNql('tag:-[news]')).toMatchObject({ kind: 'in', negated: true });
    expect(parseNql('tag:a,tag:b+featured:true')).toEqual({
      kind: 'or',
      children: [
        { kind: 'compare', field: 'tag', op: '=', value: 'a' },
        {
          kind: 'and',
          children: [
            { kind: 'compare', field: 'tag', op: '=', value: 'b' },
            { kind: 'compare', field: 'featured', op: '=', value: true },
          ],
        },
      ],
    });
    const grouped = parseNql('(tag:a,tag:b)+featured:true');
    expect(grouped).toMatchObject({ kind: 'and', children: [{ kind: 'or' }, { kind: 'compare' }] });
    expect(nqlFields(grouped)).toEqual(['tag', 'tag', 'featured']);
  });

  it('refuses what it cannot read with an NqlError naming where, never another error', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty at character 1/],
      ['tag', /expected ":" at character 4/],
      ['tag:', /expected a value/],
      ["title:'open", /quoted value is not closed at character 7/],
      ['tag:a)', /unexpected "\)"/],
      ['(tag:a', /expected "\)"/],
      ['Tag:a', /expected a field name at character 1/],
      // A bare value runs to a space: what follows it is not read as anything else.
      ['tag:a;drop table posts', /unexpected "t" at character 12/],
      ['tag:[a,b', /expected "\]"/],
    ];
    for (const [filter, message] of cases) {
      expect(() => parseNql(filter), filter).toThrow(NqlError);
      expect(() => parseNql(filter), filter).toThrow(message);
    }
  });

  it('bounds length, nesting, conditions and list sizes', () => {
    expect(() => parseNql(`slug:${'a'.repeat(nqlLimits.maxLength)}`)).toThrow(/longer than/);
    const deep = `${'('.repeat(nqlLimits.maxDepth + 1)}tag:a${')'.repeat(nqlLimits.maxDepth + 1)}`;
    expect(() => parseNql(deep)).toThrow(/nested deeper/);
    expect(() =>
      parseNql(`${'('.repeat(nqlLimits.maxDepth)}tag:a${')'.repeat(nqlLimits.maxDepth)}`),
    ).not.toThrow();
    const many = Array.from({ length: nqlLimits.maxLeaves + 1 }, (_, i) => `tag:t${i}`).join(',');
    expect(() => parseNql(many)).toThrow(/more than 40 conditions/);
    const list = `tag:[${Array.from({ length: nqlLimits.maxListValues + 1 }, (_, i) => `t${i}`).join(',')}]`;
    expect(() => parseNql(list)).toThrow(/a list of more than 100 values/);
  });

  it('answers any input with a tree or an NqlError (2,000 generated filters of its own syntax)', () => {
    const alphabet = [
      'tag',
      'featured',
      ':',
      '+',
      ',',
      '(',
      ')',
      '[',
      ']',
      '-',
      "'",
      '"',
      '\\',
      '>',
      '<=',
      '~^',
      'a',
      '1',
      ' ',
      'null',
      '.',
      '\u0000',
      'é',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 2000; n += 1) {
      const length = 1 + Math.floor(random() * 30);
      const filter = Array.from(
        { length },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      try {
        parseNql(filter);
      } catch (error) {
        expect(error, filter).toBeInstanceOf(NqlError);
      }
    }
  });
});
