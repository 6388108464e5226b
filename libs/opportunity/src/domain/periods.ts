import { zonedTime } from '@crm/kernel';

/**
 * Calendar periods of the sales year [自然月 / 季度 / 年]: keys `2026-01`, `2026-Q1`, `2026`, each
 * a range of days [start, end). Figures fall in a period by a day: an expected close date as it
 * is, an instant (won_at) by its day in the company's time zone (AppConfig `timeZone`, Asia/Shanghai).
 */
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  key: string;
  kind: PeriodKind;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** First day after it, YYYY-MM-DD. */
  end: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

const day = (year: number, month: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;

function fromMonths(key: string, kind: PeriodKind, year: number, firstMonth: number, months: number): Period {
  const last = firstMonth + months; // 1-based month after the period, may be 13
  return { key, kind, start: day(year, firstMonth), end: last > 12 ? day(year + 1, last - 12) : day(year, last) };
}

/** The period a key names, or undefined for anything else. */
export function parsePeriod(key: string): Period | undefined {
  let match = MONTH.exec(key);
  if (match) return fromMonths(key, 'month', Number(match[1]), Number(match[2]), 1);
  match = QUARTER.exec(key);
  if (match) return fromMonths(key, 'quarter', Number(match[1]), (Number(match[2]) - 1) * 3 + 1, 3);
  match = YEAR.exec(key);
  if (match) return fromMonths(key, 'year', Number(match[1]), 1, 12);
  return undefined;
}

/** The key of the period of this kind holding a day (YYYY-MM-DD). */
export function periodKeyOf(dayString: string, kind: PeriodKind): string {
  const year = dayString.slice(0, 4);
  const month = Number(dayString.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return dayString.slice(0, 7);
}

/** The keys from one period to another of the same kind, both included; undefined when they differ in kind or run backwards. */
export function periodsBetween(from: string, to: string): string[] | undefined {
  const first = parsePeriod(from);
  const last = parsePeriod(to);
  if (!first || !last || first.kind !== last.kind || first.start > last.start) return undefined;
  const keys: string[] = [];
  for (let period = first; period.start <= last.start; period = parsePeriod(periodKeyOf(period.end, first.kind))!) keys.push(period.key);
  return keys;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  return zonedTime(instant, timeZone).date;
}

/** The Monday (YYYY-MM-DD) of the week holding an instant, in a time zone: the key of a weekly snapshot. */
export function weekStart(instant: Date, timeZone: string): string {
  const today = new Date(`${localDay(instant, timeZone)}T00:00:00Z`);
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  return new Date(today.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** The instant a calendar day (YYYY-MM-DD) begins in a time zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const local = zonedTime(new Date(guess), timeZone);
  const wall = Date.parse(`${local.date}T00:00:00Z`) + local.secondOfDay * 1000;
  return new Date(guess - (wall - guess));
}

/** The day after a calendar day (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A range of days [from, until): either end open (undefined). */
export interface DayRange {
  from?: string;
  until?: string;
}

/**
 * Days from `from` to `to` (YYYY-MM-DD, both included, either open) split into the calendar months wholly inside
 * (`months`: first days, `until` excluded; null when there is none) and the days at the edges outside them: what
 * a read model counted per month and per day answers for the range by reading at most two months' worth of days.
 */
export function splitIntoMonths(from: string | undefined, to: string | undefined): { months: DayRange | null; days: DayRange[] } {
  const firstWhole = from === undefined ? undefined : from.endsWith('-01') ? from : nextMonth(from);
  const after = to === undefined ? undefined : nextDay(to);
  const afterWhole = after === undefined ? undefined : after.endsWith('-01') ? after : `${to!.slice(0, 7)}-01`;
  if (firstWhole !== undefined && afterWhole !== undefined && firstWhole >= afterWhole) return { months: null, days: [{ from, until: after }] };
  const days: DayRange[] = [];
  if (from !== undefined && from < firstWhole!) days.push({ from, until: firstWhole });
  if (after !== undefined && afterWhole! < after) days.push({ from: afterWhole, until: after });
  return { months: { from: firstWhole, until: afterWhole }, days };
}

/** The first day of the month after the one holding a day. */
function nextMonth(day: string): string {
  return periodKeyOf(parsePeriod(day.slice(0, 7))!.end, 'month') + '-01';
}
