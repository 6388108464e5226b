import { DomainError, NotFoundError } from '@crm/kernel';
import { LEAD_ATTRIBUTES, type LeadProfile } from './lead.types.js';

/**
 * Web forms [表单] on landing pages (LEAD-1): which lead fields a form asks for and which it
 * requires; channel and campaign come from the form, UTM parameters from the page.
 */

/** Fields a form may ask for: the lead's own, except those the form or the page fill in. */
export const FORM_FIELDS = ['personName', 'mobile', 'email', 'companyName', 'title', 'province', 'city', 'industry', 'notes'] as const;
export type FormFieldName = (typeof FORM_FIELDS)[number];

export interface FormField {
  name: FormFieldName;
  required: boolean;
}

export interface FormProblem {
  field: string;
  code: 'REQUIRED' | 'NOT_APPLICABLE' | 'BAD_FORMAT';
}

/**
 * What is wrong with a submission against its form: each required field that is empty, each
 * field the form does not ask for. Empty: it may be captured.
 */
export function submissionProblems(fields: readonly FormField[], submitted: Partial<Record<FormFieldName, string | undefined>>): FormProblem[] {
  const asked = new Set(fields.map((field) => field.name));
  const problems: FormProblem[] = [];
  for (const field of fields) {
    if (field.required && !submitted[field.name]?.trim()) problems.push({ field: field.name, code: 'REQUIRED' });
  }
  for (const [name, value] of Object.entries(submitted)) {
    if (value !== undefined && !asked.has(name as FormFieldName)) problems.push({ field: name, code: 'NOT_APPLICABLE' });
  }
  return problems;
}

/** The lead profile a submission makes: the form's channel and campaign, the page's UTM parameters. */
export function profileOfSubmission(
  form: { channel: string; campaign: string | null },
  submitted: Partial<Record<FormFieldName, string | undefined>>,
  utm: { utmSource?: string; utmMedium?: string; utmCampaign?: string },
): LeadProfile {
  const profile = Object.fromEntries(LEAD_ATTRIBUTES.map((name) => [name, null])) as unknown as LeadProfile;
  for (const name of FORM_FIELDS) {
    const value = submitted[name]?.trim();
    if (value) profile[name] = value;
  }
  return {
    ...profile,
    notes: submitted.notes?.trim() || null,
    channel: form.channel,
    campaign: form.campaign,
    utmSource: utm.utmSource ?? null,
    utmMedium: utm.utmMedium ?? null,
    utmCampaign: utm.utmCampaign ?? null,
  };
}

export function checkFormFields(fields: readonly FormField[]): void {
  const names = fields.map((field) => field.name);
  if (new Set(names).size !== names.length) throw LeadFormErrors.invalidFields('a field is listed twice');
  if (!names.some((name) => name === 'mobile' || name === 'email' || name === 'companyName')) {
    throw LeadFormErrors.invalidFields('a form must ask for a mobile, an e-mail or a company name');
  }
}

/** Submissions per minute from one address when a form sets no limit; also the budget of misses (unknown form keys) per address. */
export const DEFAULT_MAX_PER_ADDRESS_PER_MINUTE = 10;

export const LeadFormErrors = {
  notFound: () => new NotFoundError('LEAD_FORM.NOT_FOUND', 'No such form.'),
  keyTaken: () => new DomainError('LEAD_FORM.KEY_TAKEN', 'conflict', 'Another form has this key.'),
  invalidFields: (detail: string) => new DomainError('LEAD_FORM.INVALID_FIELDS', 'invalid', `Invalid form fields: ${detail}.`, { problem: detail }),
};
