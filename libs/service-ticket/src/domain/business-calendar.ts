/**
 * Business calendars [工作日历] and the arithmetic SLA clocks run on: working days and hours (several
 * periods a day: 09:00–12:00 and 13:30–18:00), holidays and China's make-up working days [调休] as
 * dated exceptions, all in the calendar's time zone (IANA, Asia/Shanghai by default; daylight
 * saving handled through Intl, no library). Instants are epoch milliseconds.
 *
 * Time outside business hours never counts, and neither does paused time (waiting on the
 * customer): pauses are merged first, then cut out of the working periods, so a pause over a night,
 * a weekend or a holiday takes away only the working time inside it, once.
 */

import { zonedTime } from '@crm/kernel';

/** `HH:mm`, from 00:00 to 24:00. */
export interface WorkingPeriod {
  start: string;
  end: string;
}

export const EXCEPTION_KINDS = ['holiday', 'workday'] as const;

/** A dated exception: a holiday [节假日], or a working day on a weekend [调休], with the usual periods unless given. */
export interface CalendarException {
  date: string;
  kind: (typeof EXCEPTION_KINDS)[number];
  name?: string;
  periods?: WorkingPeriod[];
}

export interface CalendarRules {
  timeZone: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  periods: WorkingPeriod[];
  exceptions: CalendarException[];
}

/** A span of time in epoch ms; `end` may be Infinity (a pause still running). */
export interface Interval {
  start: number;
  end: number;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The rules used when no calendar is the default: Monday to Friday, 09:00–12:00 and 13:30–18:00 in Asia/Shanghai. */
export const FALLBACK_CALENDAR_RULES: CalendarRules = {
  timeZone: DEFAULT_TIME_ZONE,
  workingDays: [1, 2, 3, 4, 5],
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  exceptions: [],
};
const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead a deadline is looked for before the calendar is deemed to have no working time left. */
const HORIZON_DAYS = 3660;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Why a calendar's rules cannot be used, or null when they can. */
export function calendarProblem(rules: CalendarRules): string | null {
  if (!isTimeZone(rules.timeZone)) return `Unknown time zone ${rules.timeZone}.`;
  if (rules.workingDays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) return 'Working days are ISO weekdays 1 (Monday) to 7 (Sunday).';
  const periodsProblem = (periods: WorkingPeriod[]) => {
    let previousEnd = -1;
    for (const period of periods) {
      if (!TIME.test(period.start) || !TIME.test(period.end)) return `A working period is HH:mm to HH:mm (${period.start}–${period.end}).`;
      const start = minutesOf(period.start);
      const end = minutesOf(period.end);
      if (start >= end) return `A working period ends after it starts (${period.start}–${period.end}).`;
      if (start < previousEnd) return 'Working periods are in order and do not overlap.';
      previousEnd = end;
    }
    return null;
  };
  const problem = periodsProblem(rules.periods);
  if (problem) return problem;
  const dates = new Set<string>();
  for (const exception of rules.exceptions) {
    if (!isDate(exception.date)) return `Not a date: ${exception.date}.`;
    if (dates.has(exception.date)) return `${exception.date} is listed twice.`;
    dates.add(exception.date);
    if (exception.periods) {
      const exceptionProblem = periodsProblem(exception.periods);
      if (exceptionProblem) return exceptionProblem;
    }
  }
  return null;
}

export class BusinessCalendar {
  private readonly exceptions: Map<string, CalendarException>;
  private readonly workingDays: Set<number>;
  private readonly dayCache = new Map<string, Interval[]>();

  constructor(readonly rules: CalendarRules) {
    const problem = calendarProblem(rules);
    if (problem) throw new Error(problem);
    this.exceptions = new Map(rules.exceptions.map((exception) => [exception.date, exception]));
    this.workingDays = new Set(rules.workingDays);
  }

  /** The working periods of one local date, as instants. */
  periodsOn(date: string): Interval[] {
    const cached = this.dayCache.get(date);
    if (cached) return cached;
    const exception = this.exceptions.get(date);
    const periods =
      exception?.kind === 'holiday'
        ? []
        : exception?.kind === 'workday'
          ? (exception.periods ?? this.rules.periods)
          : this.workingDays.has(isoWeekday(date))
            ? this.rules.periods
            : [];
    const intervals = periods.map((period) => ({
      start: zonedToInstant(date, minutesOf(period.start), this.rules.timeZone),
      end: zonedToInstant(date, minutesOf(period.end), this.rules.timeZone),
    }));
    if (this.dayCache.size > 4096) this.dayCache.clear();
    this.dayCache.set(date, intervals);
    return intervals;
  }

  /** Working time from `from` on, minus the pauses, in order; stops at `until` (exclusive) or the horizon. */
  *workingTime(from: number, pauses: readonly Interval[] = [], until = Infinity): Generator<Interval> {
    const merged = mergeIntervals(pauses);
    const stopAt = Math.min(until, merged.find((pause) => pause.end === Infinity)?.start ?? Infinity);
    let date = localDate(from, this.rules.timeZone);
    for (let day = 0; day < HORIZON_DAYS; day++, date = nextDate(date)) {
      for (const period of this.periodsOn(date)) {
        if (period.start >= stopAt) return;
        const start = Math.max(period.start, from);
        const end = Math.min(period.end, stopAt);
        if (end <= start) continue;
        yield* subtract({ start, end }, merged);
      }
    }
  }

  /**
   * The instant `minutes` business minutes after `start`, not counting the pauses; null when that
   * never comes (a pause still running before it, or no working time left in the horizon).
   */
  addBusinessMinutes(start: number, minutes: number, pauses: readonly Interval[] = []): number | null {
    let remaining = minutes * MINUTE;
    if (remaining <= 0) return start;
    for (const piece of this.workingTime(start, pauses)) {
      const length = piece.end - piece.start;
      if (remaining <= length) return piece.start + remaining;
      remaining -= length;
    }
    return null;
  }

  /** Business minutes from `from` to `to`, not counting the pauses. */
  businessMinutesBetween(from: number, to: number, pauses: readonly Interval[] = []): number {
    if (to <= from) return 0;
    let total = 0;
    for (const piece of this.workingTime(from, pauses, to)) total += piece.end - piece.start;
    return total / MINUTE;
  }
}

/** Sorted, overlapping or touching intervals joined: a pause counted once however often it was recorded. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((interval) => interval.end > interval.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** `piece` without the (merged, sorted) pauses. */
function* subtract(piece: Interval, pauses: readonly Interval[]): Generator<Interval> {
  let start = piece.start;
  for (const pause of pauses) {
    if (pause.end <= start) continue;
    if (pause.start >= piece.end) break;
    if (pause.start > start) yield { start, end: pause.start };
    start = Math.max(start, pause.end);
    if (start >= piece.end) return;
  }
  if (start < piece.end) yield { start, end: piece.end };
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

function isDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return value.toISOString().slice(0, 10) === date;
}

function isTimeZone(timeZone: string): boolean {
  try {
    zonedTime(new Date(0), timeZone);
    return true;
  } catch {
    return false;
  }
}

function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/** The wall-clock reading of an instant in a zone (to the second), as if it were UTC. */
function wallClock(instant: number, timeZone: string): number {
  const local = zonedTime(new Date(instant), timeZone);
  return Date.parse(`${local.date}T00:00:00Z`) + local.secondOfDay * 1000;
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  return zonedTime(new Date(instant), timeZone).date;
}

/** The instant a local date and time (minutes after midnight) names in a zone; a time skipped by a DST change moves forward. */
export function zonedToInstant(date: string, minutes: number, timeZone: string): number {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  const firstGuess = asUtc - (wallClock(asUtc, timeZone) - asUtc);
  const offset = wallClock(firstGuess, timeZone) - firstGuess;
  return asUtc - offset;
}
