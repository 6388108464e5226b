export { normalizePhone } from '@crm/kernel';

/**
 * Normalisation used for duplicate prevention [查重]. Pure functions: the same input always
 * gives the same key, whatever spacing, width or legal-form suffix was typed.
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

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function normalizeCreditCode(code: string): string {
  return code.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Unified social credit code [统一社会信用代码], GB 32100-2015: 18 characters with a mod-31 check digit. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(code[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return code[17] === CREDIT_CODE_ALPHABET[check];
}
