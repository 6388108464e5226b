import Big from 'big.js';

/**
 * Conversion rate [转化率] in percent with two decimals, rounded half up: of `reached` opportunities,
 * `advanced` went further. Null when nobody reached the stage (no rate rather than a made-up 0).
 */
export function conversionRate(advanced: number, reached: number): string | null {
  if (reached === 0) return null;
  return new Big(advanced).times(100).div(reached).round(2, Big.roundHalfUp).toFixed(2);
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
