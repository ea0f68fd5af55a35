// The last step of every body converter: keep the document within the model's size limits,
// list its images and fold repeated report lines into one with a count.
import type { Block, Doc } from '../../shared/richtext/index.js';
import { documentLimits, forEachNode } from '../../shared/richtext/index.js';
import type { BodyConversion, DroppedPart } from './body-conversion.js';

/** Report lines as a converter finds them; identical lines are counted, not repeated. */
export class DropLog {
  private readonly counts = new Map<string, { part: DroppedPart; count: number }>();

  add(kind: string, reason: string): void {
    const key = `${kind}\u0000${reason}`;
    const entry = this.counts.get(key);
    if (entry) entry.count += 1;
    else this.counts.set(key, { part: { kind, reason }, count: 1 });
  }

  list(): DroppedPart[] {
    return [...this.counts.values()].map(({ part, count }) =>
      count === 1 ? part : { kind: part.kind, reason: `${part.reason} (${count} times)` },
    );
  }
}

export function finishConversion(blocks: Block[], log: DropLog): BodyConversion {
  const kept: Block[] = [];
  let nodes = 0;
  let text = 0;
  for (const [index, block] of blocks.entries()) {
    const size = measure(block);
    // Leave room below the validator's limits: it also counts the doc node.
    if (
      nodes + size.nodes >= documentLimits.maxNodes ||
      text + size.text > documentLimits.maxTotalTextLength
    ) {
      log.add(
        'body',
        `The body is longer than a Masthead document may be; ${blocks.length - index} blocks at the end were left out`,
      );
      break;
    }
    nodes += size.nodes;
    text += size.text;
    kept.push(block);
  }
  const doc: Doc = { type: 'doc', content: kept };
  return { doc, dropped: log.list(), imageUrls: imageUrlsOf(doc) };
}

function measure(block: Block): { nodes: number; text: number } {
  let nodes = -1; // the wrapping doc below is not part of the block
  let text = 0;
  forEachNode({ type: 'doc', content: [block] }, (node) => {
    nodes += 1;
    if (node.type === 'text') text += node.text.length;
  });
  return { nodes, text };
}

function imageUrlsOf(doc: Doc): string[] {
  const urls = new Set<string>();
  forEachNode(doc, (node) => {
    if (node.type === 'figure') urls.add(node.attrs.src);
    if (node.type === 'gallery') for (const image of node.attrs.images) urls.add(image.src);
  });
  return [...urls];
}
