import type { DomainError } from '@crm/kernel';
import { leadKeys, matchingKeys } from './lead-keys.js';

const codeOf = (work: () => unknown) => {
  try {
    work();
    return 'ok';
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('lead de-duplication keys', () => {
  it('give one key to the same mobile, e-mail and company however they were typed', () => {
    const a = leadKeys({ mobile: '+86 138-0013-8000', email: ' Zhang.Wei@Example.CN ', companyName: '杭州云栖科技（浙江）有限公司' });
    const b = leadKeys({ mobile: '13800138000', email: 'zhang.wei@example.cn', companyName: '杭州云栖科技 (浙江) 股份有限公司' });
    expect(a).toEqual(b);
    expect(a).toEqual({ mobile: '13800138000', email: 'zhang.wei@example.cn', company: '杭州云栖科技浙江' });
    expect(leadKeys({ mobile: '008613800138000', email: null, companyName: null }).mobile).toBe('13800138000');
    expect(leadKeys({ mobile: '１３８００１３８０００', email: null, companyName: null }).mobile).toBe('13800138000');
  });

  it('need something to reach the lead by, and a mobile with a sensible number of digits', () => {
    expect(codeOf(() => leadKeys({ mobile: null, email: null, companyName: null }))).toBe('LEAD.NO_CONTACT');
    expect(codeOf(() => leadKeys({ mobile: null, email: null, companyName: '  ' }))).toBe('LEAD.NO_CONTACT');
    expect(codeOf(() => leadKeys({ mobile: '12-3', email: null, companyName: null }))).toBe('LEAD.INVALID_MOBILE');
  });

  it('match a person on mobile, then e-mail; on the company name only when there is neither', () => {
    expect(matchingKeys({ mobile: '13800138000', email: 'a@b.cn', company: 'acme' }).map((key) => key.on)).toEqual(['mobile', 'email']);
    expect(matchingKeys({ mobile: null, email: 'a@b.cn', company: 'acme' }).map((key) => key.on)).toEqual(['email']);
    expect(matchingKeys({ mobile: null, email: null, company: 'acme' })).toEqual([{ on: 'company', key: 'acme' }]);
  });
});
