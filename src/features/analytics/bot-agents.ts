/**
 * Known crawlers, monitors and HTTP libraries, matched in the user agent. A small local list
 * until a maintained one (the `isbot` package) is added as a dependency: it covers the agents
 * that make most automated traffic, not every one (decision 0021).
 */
const botPattern = new RegExp(
  [
    'bot\\b',
    'bot/',
    'crawl',
    'spider',
    'slurp',
    'archiver',
    'facebookexternalhit',
    'embedly',
    'quora link preview',
    'whatsapp',
    'preview',
    'headless',
    'lighthouse',
    'pingdom',
    'uptime',
    'monitor',
    'curl/',
    'wget/',
    'python-requests',
    'python-urllib',
    'aiohttp',
    'go-http-client',
    'okhttp',
    'java/',
    'libwww',
    'httpclient',
    'axios/',
    'node-fetch',
    'undici',
    'phantomjs',
    'scrapy',
    'feedfetcher',
    'rss',
    'bingpreview',
    'petalbot',
    'semrush',
    'ahrefs',
    'mj12',
    'dotbot',
    'gptbot',
    'ccbot',
    'claudebot',
    'perplexity',
  ].join('|'),
  'i',
);

/** True for a user agent of a known bot, and for a missing one (browsers always send it). */
export function isBotAgent(userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.trim() === '') return true;
  return botPattern.test(userAgent);
}
