import { BusinessCalendar, calendarProblem, localDate, mergeIntervals, type CalendarRules } from './business-calendar.js';

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());

/** Asia/Shanghai (UTC+8): 09:00 local is 01:00Z, 12:00 is 04:00Z, 13:30 is 05:30Z, 18:00 is 10:00Z. */
const shanghai: CalendarRules = {
  timeZone: 'Asia/Shanghai',
  workingDays: [1, 2, 3, 4, 5],
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  // The 2025 National Day and Mid-Autumn holiday [国庆中秋]: 1–8 October off, Sunday 28 September and Saturday 11 October worked [调休].
  exceptions: [
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((day) => ({ date: `2025-10-${day}`, kind: 'holiday' as const, name: '国庆节、中秋节' })),
    { date: '2025-09-28', kind: 'workday', name: '国庆调休' },
    { date: '2025-10-11', kind: 'workday', name: '国庆调休' },
  ],
};
const calendar = new BusinessCalendar(shanghai);

describe('BusinessCalendar: adding business minutes', () => {
  it('counts within the working periods of a day, across lunch, from before opening and up to closing exactly', () => {
    // Wednesday 25 November 2026, 10:00 + 60 min → 11:00.
    expect(iso(calendar.addBusinessMinutes(at('2026-11-25T02:00:00Z'), 60))).toBe('2026-11-25T03:00:00.000Z');
    // 11:45 + 30 min: 15 before lunch, 15 after 13:30 → 13:45.
    expect(iso(calendar.addBusinessMinutes(at('2026-11-25T03:45:00Z'), 30))).toBe('2026-11-25T05:45:00.000Z');
    // 07:00 + 30 min → 09:30.
    expect(iso(calendar.addBusinessMinutes(at('2026-11-24T23:00:00Z'), 30))).toBe('2026-11-25T01:30:00.000Z');
    // 17:00 + 60 min → 18:00 the same day, not the next morning.
    expect(iso(calendar.addBusinessMinutes(at('2026-11-25T09:00:00Z'), 60))).toBe('2026-11-25T10:00:00.000Z');
    // 20:00 + 60 min → 10:00 the next day.
    expect(iso(calendar.addBusinessMinutes(at('2026-11-25T12:00:00Z'), 60))).toBe('2026-11-26T02:00:00.000Z');
  });

  it('skips weekends', () => {
    // Friday 27 November 17:30 + 60 min: 30 on Friday, 30 on Monday 30 November → 09:30.
    expect(iso(calendar.addBusinessMinutes(at('2026-11-27T09:30:00Z'), 60))).toBe('2026-11-30T01:30:00.000Z');
    // A whole working week is 5 × 450 minutes: Monday 09:00 + 2250 min → Friday 18:00.
    expect(iso(calendar.addBusinessMinutes(at('2026-11-23T01:00:00Z'), 2250))).toBe('2026-11-27T10:00:00.000Z');
  });

  it('skips holidays and works the make-up days [调休]', () => {
    // Tuesday 30 September 2025 17:00 + 120 min: 60 that day, 1–8 October off, Thursday 9 October 09:00 + 60 → 10:00.
    expect(iso(calendar.addBusinessMinutes(at('2025-09-30T09:00:00Z'), 120))).toBe('2025-10-09T02:00:00.000Z');
    // Friday 10 October 17:30 + 60 min: 30 that day, Saturday 11 October is worked → 09:30.
    expect(iso(calendar.addBusinessMinutes(at('2025-10-10T09:30:00Z'), 60))).toBe('2025-10-11T01:30:00.000Z');
    // Friday 26 September 17:30 + 60 min: Sunday 28 September is worked → 09:30.
    expect(iso(calendar.addBusinessMinutes(at('2025-09-26T09:30:00Z'), 60))).toBe('2025-09-28T01:30:00.000Z');
  });

  it('does not count a pause over a night, and subtracts only the working time inside it, once', () => {
    // Tuesday 24 November 16:00; waiting on the customer from 17:00 to Wednesday 10:00; 180 minutes:
    // 16:00–17:00 (60), the pause (its working part: Wednesday 09:00–10:00), then 10:00–12:00 (120) → Wednesday 12:00.
    const pause = { start: at('2026-11-24T09:00:00Z'), end: at('2026-11-25T02:00:00Z') };
    expect(iso(calendar.addBusinessMinutes(at('2026-11-24T08:00:00Z'), 180, [pause]))).toBe('2026-11-25T04:00:00.000Z');
    // The same pause recorded twice, and an overlapping one, change nothing.
    const overlapping = { start: at('2026-11-24T12:00:00Z'), end: at('2026-11-25T01:30:00Z') };
    expect(iso(calendar.addBusinessMinutes(at('2026-11-24T08:00:00Z'), 180, [pause, overlapping, pause]))).toBe('2026-11-25T04:00:00.000Z');
    // Without the pause the same 180 minutes end at Wednesday 10:00.
    expect(iso(calendar.addBusinessMinutes(at('2026-11-24T08:00:00Z'), 180))).toBe('2026-11-25T02:00:00.000Z');
  });

  it('stops the clock during a pause still running, unless the deadline comes before it', () => {
    const running = { start: at('2026-11-24T09:00:00Z'), end: Infinity };
    expect(calendar.addBusinessMinutes(at('2026-11-24T08:00:00Z'), 180, [running])).toBeNull();
    expect(iso(calendar.addBusinessMinutes(at('2026-11-24T08:00:00Z'), 30, [running]))).toBe('2026-11-24T08:30:00.000Z');
  });

  it('follows daylight saving time in zones that have it', () => {
    const berlin = new BusinessCalendar({
      timeZone: 'Europe/Berlin',
      workingDays: [1, 2, 3, 4, 5],
      periods: [{ start: '09:00', end: '17:00' }],
      exceptions: [],
    });
    // Friday 27 March 2026 16:00 CET (15:00Z) + 120: 60 on Friday, Monday 30 March 09:00 CEST (07:00Z) + 60 → 08:00Z.
    expect(iso(berlin.addBusinessMinutes(at('2026-03-27T15:00:00Z'), 120))).toBe('2026-03-30T08:00:00.000Z');
  });

  it('answers null when there is no working time at all', () => {
    const never = new BusinessCalendar({ timeZone: 'Asia/Shanghai', workingDays: [], periods: [{ start: '09:00', end: '18:00' }], exceptions: [] });
    expect(never.addBusinessMinutes(at('2026-11-24T08:00:00Z'), 1)).toBeNull();
  });
});

describe('BusinessCalendar: business minutes between two instants', () => {
  it('counts only working time, minus pauses counted once', () => {
    // Tuesday 16:00 to Wednesday 12:00: 120 on Tuesday, 180 on Wednesday morning.
    expect(calendar.businessMinutesBetween(at('2026-11-24T08:00:00Z'), at('2026-11-25T04:00:00Z'))).toBe(300);
    const pause = { start: at('2026-11-24T09:00:00Z'), end: at('2026-11-25T02:00:00Z') };
    expect(calendar.businessMinutesBetween(at('2026-11-24T08:00:00Z'), at('2026-11-25T04:00:00Z'), [pause, pause])).toBe(180);
    // A pause from 11:00 to 14:00 takes 60 + 30 working minutes out of a 450-minute day.
    const lunch = { start: at('2026-11-25T03:00:00Z'), end: at('2026-11-25T06:00:00Z') };
    expect(calendar.businessMinutesBetween(at('2026-11-25T01:00:00Z'), at('2026-11-25T10:00:00Z'), [lunch])).toBe(360);
    // Over the 2025 National Day holiday: 30 September 17:00 to 9 October 10:00 is 60 + 60 minutes.
    expect(calendar.businessMinutesBetween(at('2025-09-30T09:00:00Z'), at('2025-10-09T02:00:00Z'))).toBe(120);
    expect(calendar.businessMinutesBetween(at('2026-11-25T04:00:00Z'), at('2026-11-25T02:00:00Z'))).toBe(0);
  });
});

describe('calendar rules and helpers', () => {
  it('names what is wrong with a calendar', () => {
    expect(calendarProblem(shanghai)).toBeNull();
    expect(calendarProblem({ ...shanghai, timeZone: 'Mars/Olympus' })).toMatch(/time zone/);
    expect(calendarProblem({ ...shanghai, workingDays: [0] })).toMatch(/ISO weekdays/);
    expect(
      calendarProblem({
        ...shanghai,
        periods: [
          { start: '09:00', end: '12:30' },
          { start: '12:00', end: '18:00' },
        ],
      }),
    ).toMatch(/overlap/);
    expect(calendarProblem({ ...shanghai, periods: [{ start: '18:00', end: '09:00' }] })).toMatch(/ends after/);
    expect(calendarProblem({ ...shanghai, periods: [{ start: '9:00', end: '18:00' }] })).toMatch(/HH:mm/);
    expect(calendarProblem({ ...shanghai, exceptions: [{ date: '2025-02-30', kind: 'holiday' }] })).toMatch(/Not a date/);
    expect(
      calendarProblem({
        ...shanghai,
        exceptions: [
          { date: '2025-10-01', kind: 'holiday' },
          { date: '2025-10-01', kind: 'workday' },
        ],
      }),
    ).toMatch(/twice/);
  });

  it('merges overlapping and touching intervals', () => {
    expect(
      mergeIntervals([
        { start: 5, end: 8 },
        { start: 1, end: 3 },
        { start: 3, end: 4 },
        { start: 7, end: 10 },
        { start: 12, end: 12 },
      ]),
    ).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 10 },
    ]);
  });

  it('knows the local date of an instant', () => {
    expect(localDate(at('2026-11-24T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-25');
  });
});
