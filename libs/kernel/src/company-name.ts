/**
 * Company-name key for duplicate detection [查重], shared by every context that matches companies
 * (customers, leads): the same input always gives the same key, whatever spacing, width or
 * legal-form suffix was typed.
 */

/** Chinese legal forms, stripped from the end of the name (longest first). */
const CJK_LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '公司'];

/** Latin legal forms, stripped only as whole trailing words ("Cisco" keeps its "co"). */
const LATIN_LEGAL_FORMS = new Set(['co', 'company', 'ltd', 'limited', 'inc', 'incorporated', 'llc', 'corp', 'corporation', 'gmbh', 'plc']);

/** 腾讯科技（深圳）有限公司 and "腾讯科技 (深圳) 有限公司" share one key: 腾讯科技深圳. */
export function normalizeCompanyName(name: string): string {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .filter(Boolean);
  while (words.length > 1 && LATIN_LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  let key = words.join('');
  for (;;) {
    // A name that is nothing but a legal form is kept as it is.
    const suffix = CJK_LEGAL_FORMS.find((candidate) => key.endsWith(candidate));
    if (!suffix || suffix.length === key.length) break;
    key = key.slice(0, -suffix.length);
  }
  return key;
}
