import { startOfToday } from './pool-time.js';

describe('startOfToday', () => {
  it('is the last midnight in the given time zone', () => {
    const now = new Date('2026-11-26T01:30:15.250Z');
    // 09:30:15 in Shanghai: its day began at 16:00Z the day before.
    expect(startOfToday(now, 'Asia/Shanghai').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(startOfToday(now, 'UTC').toISOString()).toBe('2026-11-26T00:00:00.000Z');
    // 02:30:15 in Berlin (UTC+1 in November).
    expect(startOfToday(now, 'Europe/Berlin').toISOString()).toBe('2026-11-25T23:00:00.000Z');
  });
});
