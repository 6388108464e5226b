import { normalizeCompanyName } from './company-name.js';

describe('company-name key', () => {
  it('gives one key to the same company typed differently', () => {
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
});
