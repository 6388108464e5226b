import { conversionRate } from './report-figures.js';

describe('funnel figures', () => {
  it('conversion rate: advanced of reached, in percent, half up to two decimals, none for nobody', () => {
    expect(conversionRate(2, 3)).toBe('66.67'); // 200 / 3 = 66.666…
    expect(conversionRate(1, 3)).toBe('33.33'); // 100 / 3 = 33.333…
    expect(conversionRate(1, 8)).toBe('12.50');
    expect(conversionRate(1, 200)).toBe('0.50');
    expect(conversionRate(1, 400)).toBe('0.25');
    expect(conversionRate(1, 800)).toBe('0.13'); // 0.125 half up
    expect(conversionRate(0, 5)).toBe('0.00');
    expect(conversionRate(5, 5)).toBe('100.00');
    expect(conversionRate(0, 0)).toBeNull();
  });
});
