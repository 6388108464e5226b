/**
 * Normalisation used for duplicate prevention [查重]. Phone and company-name keys are the kernel's,
 * shared with other contexts (leads match customers on them); the credit code is the customer's own.
 */
export { normalizePhone } from '@crm/kernel';

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
