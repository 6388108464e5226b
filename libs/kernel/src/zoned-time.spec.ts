import { zonedTime } from './zoned-time.js';

const at = (iso: string) => new Date(iso);

describe('zonedTime', () => {
  it('reads an instant in Asia/Shanghai (UTC+8 all year), across its midnight', () => {
    expect(zonedTime(at('2026-11-26T01:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-26', minute: '09:30', secondOfDay: 9 * 3600 + 30 * 60 });
    // 16:00Z is midnight in Shanghai: the next day has begun there.
    expect(zonedTime(at('2026-11-25T15:59:59.999Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-25', minute: '23:59', secondOfDay: 86_399 });
    expect(zonedTime(at('2026-11-25T16:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-26', minute: '00:00', secondOfDay: 0 });
    // New year arrives eight hours before it does in UTC.
    expect(zonedTime(at('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2027-01-01', minute: '00:30', secondOfDay: 30 * 60 });
  });

  it('reads an instant in UTC as its ISO form says', () => {
    expect(zonedTime(at('2026-12-31T16:30:00Z'), 'UTC')).toEqual({ date: '2026-12-31', minute: '16:30', secondOfDay: 16 * 3600 + 30 * 60 });
    expect(zonedTime(at('2026-11-25T23:59:59.999Z'), 'UTC')).toEqual({ date: '2026-11-25', minute: '23:59', secondOfDay: 86_399 });
    expect(zonedTime(at('2026-11-26T00:00:00Z'), 'UTC')).toEqual({ date: '2026-11-26', minute: '00:00', secondOfDay: 0 });
  });

  it('follows daylight saving in Europe/Berlin: UTC+1 in winter, UTC+2 in summer, the changes in between', () => {
    expect(zonedTime(at('2026-01-15T23:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-01-16', minute: '00:30', secondOfDay: 30 * 60 });
    expect(zonedTime(at('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-07-02', minute: '00:30', secondOfDay: 30 * 60 });
    // 29 March 2026, 01:00Z: the clocks jump from 02:00 to 03:00; 02:xx never shows.
    expect(zonedTime(at('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toMatchObject({ date: '2026-03-29', minute: '01:59' });
    expect(zonedTime(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-03-29', minute: '03:00', secondOfDay: 3 * 3600 });
    // 25 October 2026, 01:00Z: the clocks fall back from 03:00 to 02:00; 02:30 shows twice, an hour apart.
    expect(zonedTime(at('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-10-25', minute: '02:30', secondOfDay: 2.5 * 3600 });
    expect(zonedTime(at('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-10-25', minute: '02:30', secondOfDay: 2.5 * 3600 });
    expect(zonedTime(at('2026-10-25T02:00:00Z'), 'Europe/Berlin')).toMatchObject({ minute: '03:00' });
  });

  it('refuses an unknown zone', () => {
    expect(() => zonedTime(at('2026-11-26T01:30:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});
