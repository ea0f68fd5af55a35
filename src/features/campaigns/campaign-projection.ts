const dayMs = 86_400_000;

/**
 * The day a drive reaches its goal at the pace of its last 7 days (linear: the change over the
 * last up-to-7 days of the series, per day). The day it was reached when it already is; null
 * when there is no progress to extrapolate.
 */
export function projectGoalDate(
  days: ReadonlyArray<{ date: string; value: number }>,
  goal: number,
): string | null {
  const last = days[days.length - 1];
  if (!last) return null;
  if (last.value >= goal) return days.find((d) => d.value >= goal)?.date ?? last.date;
  const window = Math.min(7, days.length - 1);
  if (window <= 0) return null;
  const pace = (last.value - days[days.length - 1 - window]!.value) / window;
  if (pace <= 0) return null;
  const daysToGo = Math.ceil((goal - last.value) / pace);
  return new Date(Date.parse(`${last.date}T00:00:00Z`) + daysToGo * dayMs)
    .toISOString()
    .slice(0, 10);
}
