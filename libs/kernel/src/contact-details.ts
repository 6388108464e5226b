/** Normalised contact details, so the same phone or e-mail typed differently is recognised. */

/** Digits only, without the +86 / 0086 country prefix of mainland numbers. */
export function normalizePhone(phone: string): string {
  const digits = phone.normalize('NFKC').replace(/\D+/g, '');
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}

export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
