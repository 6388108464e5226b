import Big from 'big.js';

/**
 * Conversion rate [转化率] in percent with two decimals, rounded half up: of `reached` opportunities,
 * `advanced` went further. Null when nobody reached the stage (no rate rather than a made-up 0).
 */
export function conversionRate(advanced: number, reached: number): string | null {
  if (reached === 0) return null;
  return new Big(advanced).times(100).div(reached).round(2, Big.roundHalfUp).toFixed(2);
}
