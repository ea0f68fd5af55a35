// The last step of every Ghost body conversion: keep within the document's size limits
// (cutting the body off with a report line rather than failing), make sure the result passes
// the validator, and list the images it refers to.
import type { Block, Doc, DocNode } from '../../shared/richtext/index.js';
import { documentLimits, forEachNode, parseDocument } from '../../shared/richtext/index.js';
import type { BodyConversion } from './body-conversion.js';
import type { GhostContext } from './ghost-context.js';

type Size = { nodes: number; text: number };

function sizeOf(block: Block): Size {
  const size: Size = { nodes: 0, text: 0 };
  const visit = (node: DocNode) => {
    size.nodes += 1;
    if (node.type === 'text') size.text += node.text.length;
    if ('content' in node && node.content) for (const child of node.content) visit(child);
  };
  visit(block);
  return size;
}

/** The leading blocks that fit the node and text limits; the rest are reported. */
function withinLimits(blocks: Block[], ctx: GhostContext): Block[] {
  const total: Size = { nodes: 0, text: 0 };
  for (const [index, block] of blocks.entries()) {
    const size = sizeOf(block);
    total.nodes += size.nodes;
    total.text += size.text;
    if (total.nodes > documentLimits.maxNodes || total.text > documentLimits.maxTotalTextLength) {
      ctx.drop(
        'body',
        `Too long for one Masthead document (${documentLimits.maxNodes} nodes or ` +
          `${documentLimits.maxTotalTextLength} characters): the last ${blocks.length - index} ` +
          'blocks were left out',
      );
      return blocks.slice(0, index);
    }
  }
  return blocks;
}

const validation = { allowRawHtml: true } as const;

/**
 * A safety net: the converters are written to produce valid nodes, but a block the validator
 * still refuses is left out and reported rather than failing the whole import.
 */
function validated(blocks: Block[], ctx: GhostContext): Doc {
  const whole = parseDocument({ type: 'doc', content: blocks }, validation);
  if (whole.doc && whole.issues.length === 0) return whole.doc;
  const kept = blocks.filter((block) => {
    const alone = parseDocument({ type: 'doc', content: [block] }, validation);
    if (alone.doc && alone.issues.length === 0) return true;
    ctx.drop(block.type, `Could not be converted: ${alone.issues[0]?.message ?? 'invalid'}`);
    return false;
  });
  return (
    parseDocument({ type: 'doc', content: kept }, validation).doc ?? {
      type: 'doc',
      content: [],
    }
  );
}

function imageUrlsOf(doc: Doc): string[] {
  const urls = new Set<string>();
  forEachNode(doc, (node) => {
    if (node.type === 'figure') urls.add(node.attrs.src);
    if (node.type === 'gallery') for (const image of node.attrs.images) urls.add(image.src);
  });
  return [...urls];
}

export function finishConversion(blocks: Block[], ctx: GhostContext): BodyConversion {
  const doc = validated(withinLimits(blocks, ctx), ctx);
  return { doc, dropped: ctx.dropped, imageUrls: imageUrlsOf(doc) };
}
