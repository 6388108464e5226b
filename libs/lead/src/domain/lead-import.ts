import { DomainError, NotFoundError, spreadsheetDate } from '@crm/kernel';
import { leadKeys, type LeadKeys } from './lead-keys.js';
import { emptyProfile, type LeadProfile } from './lead.types.js';

/**
 * One row of an import file [线索导入] as a lead profile, or the reason it is rejected, with the
 * error codes the capture API answers (LEAD.NO_CONTACT, LEAD.INVALID_MOBILE) and the import's own.
 */

type ProfileField = keyof LeadProfile;
/** A column the import reads: a profile field, or the date the lead was first captured elsewhere. */
type ImportField = ProfileField | 'capturedAt';

/** Column headings understood, English or Chinese, compared without case, spaces, dashes or underscores. */
const HEADINGS: Record<ImportField, string[]> = {
  personName: ['personname', 'name', 'contact', '姓名', '联系人'],
  mobile: ['mobile', 'phone', 'mobilephone', 'cellphone', '手机', '手机号', '手机号码', '电话'],
  email: ['email', 'mail', '邮箱', '电子邮箱', '电子邮件'],
  companyName: ['companyname', 'company', '公司', '公司名称', '企业名称', '单位'],
  title: ['title', 'jobtitle', 'position', '职位', '职务'],
  province: ['province', 'region', '省份', '省', '地区'],
  city: ['city', '城市', '市'],
  industry: ['industry', '行业'],
  channel: ['channel', 'source', '渠道', '来源', '来源渠道'],
  campaign: ['campaign', '活动', '市场活动'],
  utmSource: ['utmsource'],
  utmMedium: ['utmmedium'],
  utmCampaign: ['utmcampaign'],
  notes: ['notes', 'note', 'remark', 'remarks', '备注'],
  capturedAt: ['capturedat', 'captureddate', 'createdat', 'createddate', '获取日期', '获取时间', '创建日期', '创建时间', '录入日期', '录入时间'],
};

const LIMITS: Partial<Record<ProfileField, number>> = { notes: 2000, email: 200, companyName: 200, mobile: 40 };
const DEFAULT_LIMIT = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const headingKey = (heading: string) =>
  heading
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-.]/g, '');
const BY_HEADING = new Map(Object.entries(HEADINGS).flatMap(([field, names]) => names.map((name) => [name, field as ImportField])));

/** The profile field each column feeds (null: ignored); a file without any known column is refused. */
export function columnsOf(headings: readonly string[]): (ImportField | null)[] {
  const columns = headings.map((heading) => BY_HEADING.get(headingKey(String(heading ?? ''))) ?? null);
  if (!columns.some((column) => column !== null)) throw ImportErrors.noKnownColumns();
  return columns;
}

export interface RowProblem {
  code: string;
  field: string | null;
}

export type ParsedRow = { ok: true; profile: LeadProfile; keys: LeadKeys; capturedAt: string | null } | { ok: false; problem: RowProblem };

/**
 * A row's cells (in column order) as a profile; the defaults (channel, campaign) fill empty cells.
 * `capturedAt` takes a date as text (2026-03-31, 2026/3/31) or an XLSX date cell, which the
 * streaming reader gives as the spreadsheet's serial day number.
 */
export function parseRow(cells: readonly unknown[], columns: readonly (ImportField | null)[], defaults: Partial<LeadProfile>): ParsedRow {
  let capturedAt: string | null = null;
  const profile: LeadProfile = { ...emptyProfile(), ...defaults };
  for (const [index, field] of columns.entries()) {
    if (!field) continue;
    const raw = cells[index];
    const value = raw === null || raw === undefined ? '' : String(raw).trim();
    if (value === '') continue;
    if (field === 'capturedAt') {
      const date = spreadsheetDate(typeof raw === 'number' ? raw : value);
      if (!date) return { ok: false, problem: { code: 'LEAD_IMPORT.INVALID_DATE', field } };
      capturedAt = date;
      continue;
    }
    if (value.length > (LIMITS[field] ?? DEFAULT_LIMIT)) return { ok: false, problem: { code: 'LEAD_IMPORT.VALUE_TOO_LONG', field } };
    profile[field] = value;
  }
  if (profile.email && !EMAIL.test(profile.email)) return { ok: false, problem: { code: 'LEAD_IMPORT.INVALID_EMAIL', field: 'email' } };
  try {
    return { ok: true, profile, keys: leadKeys(profile), capturedAt };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, problem: { code: error.code, field: error.code === 'LEAD.INVALID_MOBILE' ? 'mobile' : null } };
    throw error;
  }
}

export const ImportErrors = {
  notFound: () => new NotFoundError('LEAD_IMPORT.NOT_FOUND', 'No such import (or it is not yours and not in your pools).'),
  unsupportedFormat: () => new DomainError('LEAD_IMPORT.UNSUPPORTED_FORMAT', 'invalid', 'Send a .csv or .xlsx file in the `file` part.'),
  noKnownColumns: () =>
    new DomainError(
      'LEAD_IMPORT.NO_KNOWN_COLUMNS',
      'invalid',
      'No column heading names a lead field (姓名, 手机, 邮箱, 公司, … or personName, mobile, email, companyName, …).',
    ),
};
