import { isbot } from 'isbot';

/**
 * True for a known crawler, monitor, link preview, headless browser or HTTP library, and for a
 * missing user agent (browsers always send one). The list is `isbot`'s, a maintained pattern
 * set tested against a corpus of real browsers' agents (decision 0021); the beacon needs no
 * finer class than "bot": a bot's view is dropped, never stored.
 */
export function isBotAgent(userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.trim() === '') return true;
  return isbot(userAgent);
}
