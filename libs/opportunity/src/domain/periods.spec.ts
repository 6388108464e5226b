import { localDay, nextDay, parsePeriod, periodKeyOf, periodsBetween, splitIntoMonths, startOfLocalDay, weekStart } from './periods.js';

describe('sales periods', () => {
  it('reads month, quarter and year keys as day ranges, end excluded', () => {
    expect(parsePeriod('2026-02')).toEqual({ key: '2026-02', kind: 'month', start: '2026-02-01', end: '2026-03-01' });
    expect(parsePeriod('2026-12')).toMatchObject({ start: '2026-12-01', end: '2027-01-01' });
    expect(parsePeriod('2026-Q4')).toEqual({ key: '2026-Q4', kind: 'quarter', start: '2026-10-01', end: '2027-01-01' });
    expect(parsePeriod('2026-Q2')).toMatchObject({ start: '2026-04-01', end: '2026-07-01' });
    expect(parsePeriod('2026')).toEqual({ key: '2026', kind: 'year', start: '2026-01-01', end: '2027-01-01' });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '26-01', '2026-1', 'Q1']) expect(parsePeriod(bad)).toBeUndefined();
  });

  it('puts a day in its month, quarter and year', () => {
    expect(periodKeyOf('2026-03-31', 'month')).toBe('2026-03');
    expect(periodKeyOf('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodKeyOf('2026-04-01', 'quarter')).toBe('2026-Q2');
    expect(periodKeyOf('2026-12-31', 'year')).toBe('2026');
  });

  it('lists the periods between two keys of one kind, across a year end', () => {
    expect(periodsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodsBetween('2026-Q3', '2027-Q1')).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
    expect(periodsBetween('2026-01', '2026-01')).toEqual(['2026-01']);
    expect(periodsBetween('2026-02', '2026-01')).toBeUndefined();
    expect(periodsBetween('2026-01', '2026-Q1')).toBeUndefined();
  });

  it('takes the day and the week of an instant in the company time zone (Asia/Shanghai, UTC+8)', () => {
    // 16:30 UTC on 31 December is 00:30 on 1 January in Shanghai.
    expect(localDay(new Date('2025-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-01-01');
    expect(localDay(new Date('2025-12-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2025-12-31');
    // Sunday 29 November 2026, 17:00 UTC is Monday 30 November 01:00 in Shanghai: a new week.
    expect(weekStart(new Date('2026-11-29T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-30');
    expect(weekStart(new Date('2026-11-29T15:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(weekStart(new Date('2026-11-29T15:00:00Z'), 'UTC')).toBe('2026-11-23');
    expect(weekStart(new Date('2026-12-02T00:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-30');
  });

  it('finds where a local day begins and the day after', () => {
    // Midnight in Shanghai is 16:00 UTC the day before.
    expect(startOfLocalDay('2026-01-01', 'Asia/Shanghai').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(startOfLocalDay('2026-11-25', 'UTC').toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});

describe('a range of days split into whole months and edge days', () => {
  it('keeps whole months whole and leaves the partial months at the edges as days', () => {
    expect(splitIntoMonths('2026-04-01', '2026-06-30')).toEqual({ months: { from: '2026-04-01', until: '2026-07-01' }, days: [] });
    expect(splitIntoMonths('2026-04-15', '2026-08-20')).toEqual({
      months: { from: '2026-05-01', until: '2026-08-01' },
      days: [
        { from: '2026-04-15', until: '2026-05-01' },
        { from: '2026-08-01', until: '2026-08-21' },
      ],
    });
    expect(splitIntoMonths('2025-12-31', '2026-01-31')).toEqual({
      months: { from: '2026-01-01', until: '2026-02-01' },
      days: [{ from: '2025-12-31', until: '2026-01-01' }],
    });
  });

  it('reads a range within one month, or across one month end without a whole month, as days', () => {
    expect(splitIntoMonths('2026-02-03', '2026-02-27')).toEqual({ months: null, days: [{ from: '2026-02-03', until: '2026-02-28' }] });
    expect(splitIntoMonths('2026-01-20', '2026-02-10')).toEqual({ months: null, days: [{ from: '2026-01-20', until: '2026-02-11' }] });
    expect(splitIntoMonths('2028-02-01', '2028-02-29')).toEqual({ months: { from: '2028-02-01', until: '2028-03-01' }, days: [] });
  });

  it('leaves an open end open', () => {
    expect(splitIntoMonths(undefined, '2026-01-31')).toEqual({ months: { from: undefined, until: '2026-02-01' }, days: [] });
    expect(splitIntoMonths('2026-07-02', undefined)).toEqual({
      months: { from: '2026-08-01', until: undefined },
      days: [{ from: '2026-07-02', until: '2026-08-01' }],
    });
  });
});
