import { instalmentStatus, todayIn } from './instalment-collection.js';

describe('instalmentStatus', () => {
  const at = (paid: string, dueDate = '2026-03-31', stored: 'pending' | 'voided' | 'superseded' = 'pending') => ({ stored, amount: '33.33', paid, dueDate });

  it('paid, partially paid, pending and overdue by what was allocated and the due date', () => {
    expect(instalmentStatus(at('33.33'), 'executing', '2026-12-01')).toBe('paid');
    expect(instalmentStatus(at('33.32', '2027-01-01'), 'executing', '2026-12-01')).toBe('partially-paid');
    expect(instalmentStatus(at('0.00', '2027-01-01'), 'executing', '2026-12-01')).toBe('pending');
    expect(instalmentStatus(at('33.32'), 'executing', '2026-12-01')).toBe('overdue');
    expect(instalmentStatus(at('0.00', '2026-12-01'), 'approved', '2026-12-01')).toBe('pending');
  });

  it('only contracts in force fall overdue; stored voided and superseded stay as they are', () => {
    expect(instalmentStatus(at('0.00'), 'draft', '2026-12-01')).toBe('pending');
    expect(instalmentStatus(at('0.00'), 'suspended', '2026-12-01')).toBe('overdue');
    expect(instalmentStatus(at('33.33', '2026-03-31', 'voided'), 'voided', '2026-12-01')).toBe('voided');
    expect(instalmentStatus(at('0.00', '2026-03-31', 'superseded'), 'executing', '2026-12-01')).toBe('superseded');
  });

  it('today in the company time zone', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(todayIn('UTC', new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-25');
  });
});
