import { isValidCreditCode, normalizeCompanyName, normalizePhone } from './customer-identity.js';

describe('duplicate keys', () => {
  it('give one key to the same company typed differently', () => {
    const key = normalizeCompanyName('腾讯科技（深圳）有限公司');
    expect(normalizeCompanyName('腾讯科技 (深圳) 有限公司')).toBe(key);
    expect(normalizeCompanyName('腾讯科技（深圳）股份有限公司')).toBe(key);
    expect(key).toBe('腾讯科技深圳');
    expect(normalizeCompanyName('ACME Trading Co., Ltd.')).toBe(normalizeCompanyName('acme  trading'));
    expect(normalizeCompanyName('Huawei Technologies Co.,Ltd')).toBe('huaweitechnologies');
  });

  it('strips Latin legal forms only as whole words, so different companies stay apart', () => {
    expect(normalizeCompanyName('Cisco')).toBe('cisco');
    expect(normalizeCompanyName('Cisco')).not.toBe(normalizeCompanyName('CIS Ltd'));
    expect(normalizeCompanyName('Taco Co.')).toBe('taco');
    expect(normalizeCompanyName('Limited')).toBe('limited');
  });

  it('never strips a name down to nothing', () => {
    expect(normalizeCompanyName('有限公司')).toBe('有限公司');
  });

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
