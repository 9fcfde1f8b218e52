// The one rule for how worn a shoe is. It imports nothing, so the web client bundles it too.

/** Shoe usage at or above this share of its max distance is an alert. */
export const SHOE_ALERT_USAGE = 0.8;
/** Shoe usage at or above this share of its max distance is due for retirement. */
export const SHOE_RETIRE_USAGE = 1;

/** A shoe's usage as the runner sees it: a whole percentage of its max distance. */
export const shoeUsagePercent = (usage: number): number => Math.round(usage * 100);

/** How worn a shoe is: fine, an alert (plan a replacement), or due for retirement. */
export type ShoeWear = 'ok' | 'alert' | 'retire';

/**
 * The one rule for a shoe's wear — shoe alerts, the coach's shoe report and the app all use it.
 * Judged on the whole percentage the runner is shown, so a shoe shown at 100 % is due for
 * retirement and one shown at 80 % is an alert (not 99.6 % "fine to keep" next to "100 %").
 */
export function shoeWear(usage: number): ShoeWear {
  const percent = shoeUsagePercent(usage);
  if (percent >= SHOE_RETIRE_USAGE * 100) return 'retire';
  return percent >= SHOE_ALERT_USAGE * 100 ? 'alert' : 'ok';
}
