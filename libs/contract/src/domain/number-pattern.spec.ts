import { invalidPattern, renderNumber, sequenceKey, sequenceLimit } from './number-pattern.js';

describe('contract number pattern', () => {
  const date = { year: 2026, month: 3, day: 9 };

  it('renders the date and pads the counter', () => {
    const key = sequenceKey('HT{yyyy}{MM}-{seq:4}', date);
    expect(key).toBe('HT202603-{seq}');
    expect(renderNumber('HT{yyyy}{MM}-{seq:4}', key, 7)).toBe('HT202603-0007');
    expect(renderNumber('C{yy}{MM}{dd}{seq:2}', sequenceKey('C{yy}{MM}{dd}{seq:2}', date), 12)).toBe('C26030912');
    expect(sequenceLimit('HT{yyyy}-{seq:3}')).toBe(999);
  });

  it('refuses patterns without exactly one counter, unknown tokens and odd characters', () => {
    expect(invalidPattern('HT{yyyy}{MM}-{seq:4}')).toBeUndefined();
    expect(invalidPattern('HT{yyyy}')).toMatch(/exactly one/);
    expect(invalidPattern('{seq:2}{seq:3}')).toMatch(/exactly one/);
    expect(invalidPattern('HT{hh}{seq:4}')).toMatch(/not one of/);
    expect(invalidPattern('HT{seq:0}')).toMatch(/1 to 10/);
    expect(invalidPattern('合同{seq:4}')).toMatch(/letters/);
  });
});
