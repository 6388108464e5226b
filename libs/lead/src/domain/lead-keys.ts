import { normalizeCompanyName, normalizeEmail, normalizePhone } from '@crm/kernel';
import { LeadErrors } from './lead.errors.js';
import type { LeadProfile } from './lead.types.js';

/**
 * The keys de-duplication [线索查重] matches on (LEAD-2), in the one canonical form the kernel
 * gives every context: digits of the mobile without the +86 prefix, the e-mail lower-cased, the
 * company name without spacing, width and legal-form differences.
 */
export interface LeadKeys {
  mobile: string | null;
  email: string | null;
  company: string | null;
}

export type MatchedOn = 'mobile' | 'email' | 'company';

export function leadKeys(profile: Pick<LeadProfile, 'mobile' | 'email' | 'companyName'>): LeadKeys {
  const mobile = profile.mobile ? normalizePhone(profile.mobile) : '';
  if (profile.mobile && (mobile.length < 5 || mobile.length > 20)) throw LeadErrors.invalidMobile();
  const email = profile.email ? normalizeEmail(profile.email) : '';
  const company = profile.companyName ? normalizeCompanyName(profile.companyName) : '';
  if (!mobile && !email && !company) throw LeadErrors.noContact();
  return { mobile: mobile || null, email: email || null, company: company || null };
}

/**
 * Which keys find the same lead: the mobile, then the e-mail; the company name only for a lead
 * that has neither, since two people of one company are two leads.
 */
export function matchingKeys(keys: LeadKeys): { on: MatchedOn; key: string }[] {
  const result: { on: MatchedOn; key: string }[] = [];
  if (keys.mobile) result.push({ on: 'mobile', key: keys.mobile });
  if (keys.email) result.push({ on: 'email', key: keys.email });
  if (!keys.mobile && !keys.email && keys.company) result.push({ on: 'company', key: keys.company });
  return result;
}
