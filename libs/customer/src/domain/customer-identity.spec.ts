import { isValidCreditCode, normalizePhone } from './customer-identity.js';

describe('duplicate keys', () => {
  it('strip mainland prefixes and punctuation from phones', () => {
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('0086 13800138000')).toBe('13800138000');
    expect(normalizePhone('(0571) 8888 6666')).toBe('057188886666');
  });

  it('check the credit code digit (GB 32100-2015)', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91110000600037341L')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y42')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('9135010OM000100Y43')).toBe(false);
  });
});
