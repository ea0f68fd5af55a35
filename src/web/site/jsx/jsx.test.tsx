import { describe, expect, it } from 'vitest';
import { Fragment, h, raw } from './jsx.js';

describe('the server JSX runtime', () => {
  it('escapes text and attribute values by default', () => {
    const hostile = '"><script>alert(1)</script>';
    const html = (
      <a href={hostile} title="it's">
        {hostile}
      </a>
    ).value;
    expect(html).toBe(
      '<a href="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" title="it&#39;s">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>',
    );
  });

  it('passes trusted HTML through raw() only', () => {
    expect((<div>{raw('<b>bold</b>')}</div>).value).toBe('<div><b>bold</b></div>');
  });

  it('renders void elements, boolean attributes, fragments and lists', () => {
    const items = ['a', 'b'];
    const html = (
      <>
        <input type="checkbox" checked disabled={false} />
        <ul>
          {items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
      </>
    ).value;
    expect(html).toBe('<input type="checkbox" checked><ul><li>a</li><li>b</li></ul>');
  });

  it('refuses inline event handlers', () => {
    expect(() => <button onclick="steal()">x</button>).toThrow(/inline event handlers/);
  });

  it('skips null, undefined and false children', () => {
    expect(
      (
        <p>
          {null}
          {undefined}
          {false}ok
        </p>
      ).value,
    ).toBe('<p>ok</p>');
  });
});
