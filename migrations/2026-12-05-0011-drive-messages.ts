import type { Kysely } from 'kysely';

/**
 * Drive texts become ICU MessageFormat messages (`Help us reach {goal, number} members`), so the
 * goal written into a text follows the goal when it changes. Existing texts: braces that were
 * meant literally are quoted ('{'), and the goal written as a number (25000, 25,000, 25.000,
 * 25 000) becomes `{goal, number}`. Self-contained: migrations never import the features.
 */
export function toDriveMessage(text: string, goal: number): string {
  const quoted = text.replace(/[{}]/g, (brace) => `'${brace}'`);
  const digits = String(Math.trunc(goal));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3)
    groups.unshift(digits.slice(Math.max(0, end - 3), end));
  const number = groups.join("[,.\\u00a0\\u202f' ]?");
  return quoted.replace(
    new RegExp(`(?<![\\d.,])${number}(?![\\d]|[.,]\\d)`, 'g'),
    '{goal, number}',
  );
}

interface Row {
  id: string;
  goal: number | string;
  headline: string;
  body: string;
  texts: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const campaigns = db as unknown as Kysely<{ campaigns: Row }>;
  const rows = await campaigns
    .selectFrom('campaigns')
    .select(['id', 'goal', 'headline', 'body', 'texts'])
    .execute();
  for (const row of rows) {
    const goal = Number(row.goal);
    let texts: Record<string, unknown>;
    try {
      texts = JSON.parse(row.texts) as Record<string, unknown>;
    } catch {
      texts = {};
    }
    const next = Object.fromEntries(
      Object.entries(texts).map(([key, value]) => [
        key,
        typeof value === 'string' ? toDriveMessage(value, goal) : value,
      ]),
    );
    await campaigns
      .updateTable('campaigns')
      .set({
        headline: toDriveMessage(row.headline, goal),
        body: toDriveMessage(row.body, goal),
        texts: JSON.stringify(next),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

/** Back to plain text: the goal written out, quoted braces unquoted. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const campaigns = db as unknown as Kysely<{ campaigns: Row }>;
  const rows = await campaigns
    .selectFrom('campaigns')
    .select(['id', 'goal', 'headline', 'body', 'texts'])
    .execute();
  const plain = (text: string, goal: number) =>
    text.replace(/\{goal, number\}/g, goal.toLocaleString('en-US')).replace(/'([{}])'/g, '$1');
  for (const row of rows) {
    const goal = Number(row.goal);
    const texts = JSON.parse(row.texts) as Record<string, unknown>;
    await campaigns
      .updateTable('campaigns')
      .set({
        headline: plain(row.headline, goal),
        body: plain(row.body, goal),
        texts: JSON.stringify(
          Object.fromEntries(
            Object.entries(texts).map(([k, v]) => [k, typeof v === 'string' ? plain(v, goal) : v]),
          ),
        ),
      })
      .where('id', '=', row.id)
      .execute();
  }
}
