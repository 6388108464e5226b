import { articleSearchText, containsPattern, normaliseSearchText, suggestionFragments } from './knowledge-search.js';

describe('knowledge search text', () => {
  it('folds full-width characters and case, and collapses spaces', () => {
    expect(normaliseSearchText('  ＨＰ 打印机\n\t卡纸  ')).toBe('hp 打印机 卡纸');
  });

  it('indexes question, answer and tags together', () => {
    expect(articleSearchText({ question: '如何重置密码？', answer: '登录页点击「忘记密码」。', tags: ['账号', 'VPN'] })).toBe(
      '如何重置密码? 登录页点击「忘记密码」。 账号 vpn',
    );
  });

  it('takes %, _ and backslash literally in a query', () => {
    expect(containsPattern('100%_完成\\')).toBe('%100\\%\\_完成\\\\%');
  });

  it('cuts Chinese runs into overlapping three- then two-character windows and keeps Latin words of 3+ characters', () => {
    expect(suggestionFragments('我的HP打印机卡纸, ok')).toEqual(['打印机', '印机卡', '机卡纸', '我的', '打印', '印机', '机卡', '卡纸']);
    expect(suggestionFragments('HPLaserJet1020卡纸')).toEqual(['hplaserjet1020', '卡纸']);
    expect(suggestionFragments('VPN 连不上')).toEqual(['连不上', 'vpn', '连不', '不上']);
  });

  it('keeps at most 64 fragments', () => {
    expect(suggestionFragments(String.fromCodePoint(...Array.from({ length: 100 }, (_, index) => 0x4e00 + index))).length).toBe(64);
  });
});
