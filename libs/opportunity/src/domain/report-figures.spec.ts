import { conversionRate, coverageRatio, forecastAccuracy, percentOf, remainingGap } from './report-figures.js';

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

  it('forecast accuracy: 100 − the miss in percent of the forecast, not below 0, none without a forecast', () => {
    expect(forecastAccuracy('1300.00', '800.00')).toBe('61.54'); // 500 / 1300 = 38.4615…% missed
    expect(forecastAccuracy('1000.00', '800.00')).toBe('80.00');
    expect(forecastAccuracy('1000.00', '1200.00')).toBe('80.00'); // over by as much counts the same
    expect(forecastAccuracy('200.00', '200.00')).toBe('100.00');
    expect(forecastAccuracy('100.00', '350.00')).toBe('0.00');
    expect(forecastAccuracy('0.30', '0.10')).toBe('33.33'); // decimals stay exact: 0.20 / 0.30
    expect(forecastAccuracy('0.00', '500.00')).toBeNull();
  });

  it('achievement, gap and coverage on decimal strings', () => {
    expect(percentOf('0.30', '0.90')).toBe('33.33'); // 0.10 + 0.20 against 0.90
    expect(percentOf('99.99', '100.00')).toBe('99.99'); // 3 × 33.33
    expect(percentOf('1500.00', '1000.00')).toBe('150.00');
    expect(percentOf('5', '0')).toBeNull();
    expect(remainingGap('1000.00', '99.99')).toBe('900.01');
    expect(remainingGap('1000.00', '1200.00')).toBe('0.00');
    expect(coverageRatio('1350.02', '900.01')).toBe('1.50'); // 1.500005… → 1.50
    expect(coverageRatio('1349.00', '900.01')).toBe('1.50'); // 1.49887… → 1.50
    expect(coverageRatio('1340.00', '900.01')).toBe('1.49'); // 1.48887… → 1.49
    expect(coverageRatio('100.00', '0.00')).toBeNull();
  });
});
