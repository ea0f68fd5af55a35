// Gutenberg's block delimiters, read by a single forward scan: each `<!--` is looked at once
// and the search for its `-->` never goes back, so the time is linear in the content.
//   <!-- wp:ns/name {"json":"attrs"} --> inner HTML and blocks <!-- /wp:ns/name -->
//   <!-- wp:name /-->                    (self-closing)
// Text outside any block is "freeform" (classic HTML). A name without a namespace is core/.

export interface WpBlock {
  /** `core/paragraph`, `jetpack/slideshow`…; null for freeform HTML between blocks. */
  name: string | null;
  attrs: Record<string, unknown>;
  innerBlocks: WpBlock[];
  /** HTML pieces in order, with null where each inner block sits. */
  innerContent: (string | null)[];
}

/** Deeper blocks are read as part of their parent's HTML. */
export const maxBlockDepth = 40;

// The comment's text between `<!--` and `-->`. The attributes cannot hold `-->`: WordPress
// escapes `--` in them as \u002d\u002d.
const DELIMITER =
  /^\s+(\/)?wp:((?:[a-z][a-z0-9_-]*\/)?[a-z][a-z0-9_-]*)\s+(?:(\{[\s\S]*\})\s+)?(\/)?$/;

export function parseBlocks(content: string): WpBlock[] {
  const top: WpBlock[] = [];
  const stack: WpBlock[] = [];
  let ignored = 0; // openers past the depth limit still waiting for their closer
  let position = 0;
  let textStart = 0;

  const addHtml = (html: string) => {
    if (html === '') return;
    const parent = stack.at(-1);
    if (parent) {
      const last = parent.innerContent.length - 1;
      if (typeof parent.innerContent[last] === 'string') parent.innerContent[last] += html;
      else parent.innerContent.push(html);
      return;
    }
    const previous = top.at(-1);
    if (previous?.name === null) previous.innerContent[0] += html;
    else top.push({ name: null, attrs: {}, innerBlocks: [], innerContent: [html] });
  };
  const addBlock = (block: WpBlock) => {
    const parent = stack.at(-1);
    if (parent) {
      parent.innerBlocks.push(block);
      parent.innerContent.push(null);
    } else {
      top.push(block);
    }
  };

  for (;;) {
    const open = content.indexOf('<!--', position);
    if (open < 0) break;
    const close = content.indexOf('-->', open + 4);
    if (close < 0) break;
    position = close + 3;
    const match = DELIMITER.exec(content.slice(open + 4, close));
    if (!match) continue;
    const [, closer, rawName = '', json, selfClosing] = match;
    const name = rawName.includes('/') ? rawName : `core/${rawName}`;
    addHtml(content.slice(textStart, open));
    textStart = position;
    if (closer) {
      if (ignored > 0) {
        ignored -= 1;
        continue;
      }
      const index = stack.map((block) => block.name).lastIndexOf(name);
      // A closer with no opener is dropped; blocks left open inside are closed with it.
      if (index >= 0) stack.length = index;
      continue;
    }
    if (stack.length >= maxBlockDepth) {
      if (!selfClosing) ignored += 1;
      continue;
    }
    const block: WpBlock = { name, attrs: parseAttrs(json), innerBlocks: [], innerContent: [] };
    addBlock(block);
    if (!selfClosing) stack.push(block);
  }
  addHtml(content.slice(textStart));
  return top;
}

function parseAttrs(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The block's HTML with its inner blocks' HTML in place and no delimiters. */
export function blockHtml(block: WpBlock): string {
  let inner = 0;
  return block.innerContent
    .map((piece) => {
      if (piece !== null) return piece;
      const child = block.innerBlocks[inner];
      inner += 1;
      return child ? blockHtml(child) : '';
    })
    .join('');
}
