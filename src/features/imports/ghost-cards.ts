// Every Ghost card, by its Lexical node type, in one place: Mobiledoc cards are renamed to these
// types before they get here (ghost-mobiledoc.ts), so both formats share the handling.
import type { Block } from '../../shared/richtext/index.js';
import type { CardHandler, CardNode } from './ghost-card-support.js';
import type { GhostContext } from './ghost-context.js';
import { own } from './ghost-context.js';
import { mediaCards } from './ghost-media-cards.js';
import { textCards } from './ghost-text-cards.js';

const horizontalrule: CardHandler = () => [{ type: 'horizontalRule' }];

const cardHandlers: Record<string, CardHandler> = {
  ...mediaCards,
  ...textCards,
  horizontalrule,
};

/** Cards with no place in a Masthead body, and why (one report line each). */
const droppedCards: Record<string, string> = {
  paywall: 'Paywall card: Masthead gates the whole body by visibility',
  email: 'Email-only content; Masthead’s newsletters are written separately',
  'email-cta': 'Email-only call to action; Masthead’s newsletters are written separately',
  signup: 'Member signup form; Masthead shows its own signup boxes',
  'call-to-action': 'Call-to-action box; Masthead shows its own membership prompts',
  collection: 'Dynamic list of posts; Masthead has no such block',
  transistor: 'Transistor podcast player; Masthead has no such block',
  'before-after': 'Before/after image slider; Masthead has no such block',
};

export function isCardType(type: string): boolean {
  return Object.hasOwn(cardHandlers, type) || Object.hasOwn(droppedCards, type);
}

export function convertCard(node: CardNode, ctx: GhostContext): Block[] {
  const reason = own(droppedCards, node.type);
  if (reason !== undefined) {
    ctx.drop(node.type, reason);
    return [];
  }
  const handler = own(cardHandlers, node.type);
  if (!handler) {
    ctx.drop(node.type, 'Unknown card or node type; left out');
    return [];
  }
  return handler(node, ctx);
}
