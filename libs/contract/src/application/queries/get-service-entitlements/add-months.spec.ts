import { addMonths } from './get-service-entitlements.handler.js';

describe('warranty end', () => {
  it('adds whole months, clamped to the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-03-15T00:00:00Z'), 12).toISOString()).toBe('2027-03-15T00:00:00.000Z');
    expect(addMonths(new Date('2027-12-31T23:59:59Z'), 2).toISOString()).toBe('2028-02-29T23:59:59.000Z');
  });
});
