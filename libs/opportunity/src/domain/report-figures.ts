import Big from 'big.js';

/**
 * Conversion rate [转化率] in percent with two decimals, rounded half up: of `reached` opportunities,
 * `advanced` went further. Null when nobody reached the stage (no rate rather than a made-up 0).
 */
export function conversionRate(advanced: number, reached: number): string | null {
  return percentOf(String(advanced), String(reached));
}

/** part / whole in percent, two decimals half up, exact on decimal strings; null for a whole of 0. */
export function percentOf(part: string, whole: string): string | null {
  if (new Big(whole).eq(0)) return null;
  return new Big(part).times(100).div(whole).round(2, Big.roundHalfUp).toFixed(2);
}

/** How many times the gap the pipeline covers [覆盖倍数], two decimals half up; null when there is no gap. */
export function coverageRatio(pipeline: string, gap: string): string | null {
  if (new Big(gap).lte(0)) return null;
  return new Big(pipeline).div(gap).round(2, Big.roundHalfUp).toFixed(2);
}

/** What is left to reach a target, never below 0. */
export function remainingGap(target: string, achieved: string): string {
  const gap = new Big(target).minus(achieved);
  return (gap.lt(0) ? new Big(0) : gap).toFixed(2);
}

/**
 * Forecast accuracy [预测准确率] in percent, two decimals half up: 100 − |won − forecast| / forecast × 100,
 * never below 0; null when nothing was forecast (no figure to be accurate about).
 */
export function forecastAccuracy(forecast: string, won: string): string | null {
  const expected = new Big(forecast);
  if (expected.eq(0)) return null;
  const miss = new Big(won).minus(expected).abs().times(100).div(expected);
  const accuracy = new Big(100).minus(miss);
  return (accuracy.lt(0) ? new Big(0) : accuracy).round(2, Big.roundHalfUp).toFixed(2);
}
