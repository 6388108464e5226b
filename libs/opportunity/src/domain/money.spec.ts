import { isZero, lineAmount, sumOf, toMoney, toPercent, toQuantity } from './money.js';

describe('money as decimal strings (big.js, never floating point)', () => {
  it('adds 0.1 and 0.2 to exactly 0.30', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumOf(['0.1', '0.2'])).toBe('0.30');
  });

  it('three lines of 33.33 make exactly 99.99', () => {
    const lines = [1, 2, 3].map(() => lineAmount('1', '33.33', '0')!);
    expect(lines).toEqual(['33.33', '33.33', '33.33']);
    expect(sumOf(lines)).toBe('99.99');
  });

  it('rounds a discounted line half up to the cent, once per line', () => {
    expect(lineAmount('3', '33.33', '10')).toBe('89.99'); // 89.991
    expect(lineAmount('1', '0.05', '50')).toBe('0.03'); // 0.025
    expect(lineAmount('2.5', '19.99', '0')).toBe('49.98'); // 49.975
    expect(lineAmount('1', '100', '100')).toBe('0.00');
  });

  it('normalises and refuses what does not fit numeric(18,2)', () => {
    expect(toMoney('12')).toBe('12.00');
    expect(toMoney('12.5')).toBe('12.50');
    expect(toMoney('9999999999999999.99')).toBe('9999999999999999.99');
    expect(toMoney('10000000000000000')).toBeUndefined();
    expect(toMoney('1.005')).toBeUndefined();
    expect(toMoney('-1')).toBeUndefined();
    expect(toMoney('1e3')).toBeUndefined();
    expect(sumOf(['9999999999999999.99', '0.01'])).toBeUndefined();
    expect(lineAmount('100000', '9999999999999999.99', '0')).toBeUndefined();
  });

  it('quantities are positive with up to four decimals; discounts between 0 and 100', () => {
    expect(toQuantity('2.5000')).toBe('2.5');
    expect(toQuantity('0')).toBeUndefined();
    expect(toQuantity('1.00001')).toBeUndefined();
    expect(toPercent('12.5')).toBe('12.50');
    expect(toPercent('100.01')).toBeUndefined();
    expect(isZero('0.00')).toBe(true);
    expect(isZero('0.01')).toBe(false);
  });
});
