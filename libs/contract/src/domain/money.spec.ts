import { sameAmount, sumOf, toMoney, toQuantity } from './money.js';

describe('contract money', () => {
  it('adds decimals exactly', () => {
    expect(sumOf(['0.1', '0.2'])).toBe('0.30');
    expect(sameAmount(sumOf(['0.1', '0.2']), '0.3')).toBe(true);
    expect(sumOf(['33.33', '33.33', '33.33'])).toBe('99.99');
    expect(sameAmount(sumOf(['33.33', '33.33', '33.33']), '100')).toBe(false);
  });

  it('normalises amounts and quantities, refusing what does not fit', () => {
    expect(toMoney('12')).toBe('12.00');
    expect(toMoney('1.005')).toBeUndefined();
    expect(toMoney('-1')).toBeUndefined();
    expect(toMoney('12345678901234567')).toBeUndefined();
    expect(toQuantity('2.5000')).toBe('2.5');
    expect(toQuantity('0')).toBeUndefined();
  });
});
