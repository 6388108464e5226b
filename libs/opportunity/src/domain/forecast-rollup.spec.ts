import { rollUp, type OwnerForecastLine } from './forecast-rollup.js';

const ORDER = ['pipeline', 'best-case', 'commit', 'closed-won'];
const line = (ownerId: string, category: string, amount: string, weighted: string, adjustedAmount: string | null = null): OwnerForecastLine => ({
  ownerId,
  period: '2026-01',
  category,
  amount,
  weighted,
  adjustedAmount,
});

describe('forecast roll-up', () => {
  it('adds decimals exactly and rounds the weighted sum once, at the level shown', () => {
    const lines = [line('a', 'commit', '0.10', '0.08'), line('b', 'commit', '0.20', '0.16'), line('c', 'commit', '33.33', '19.998')];
    const team = () => 'team-1';
    // 0.10 + 0.20 + 33.33 = 33.63; 0.08 + 0.16 + 19.998 = 20.238 → 20.24.
    expect(rollUp(lines, team, ORDER)).toEqual([
      { period: '2026-01', groupId: 'team-1', category: 'commit', amount: '33.63', weightedAmount: '20.24', adjustedAmount: '33.63' },
    ]);
    // Three owners each at 33.33 × 60 % = 19.998: per owner 20.00, together 59.994 → 59.99 (not 60.00).
    const thirds = ['a', 'b', 'c'].map((owner) => line(owner, 'best-case', '33.33', '19.998'));
    expect(rollUp(thirds, (owner) => owner, ORDER).map((row) => row.weightedAmount)).toEqual(['20.00', '20.00', '20.00']);
    expect(rollUp(thirds, () => 'team-1', ORDER)[0]).toMatchObject({ amount: '99.99', weightedAmount: '59.99' });
  });

  it("takes a manager's amount where one was set and the raw amount elsewhere; raw stays as it was", () => {
    const lines = [line('a', 'commit', '100.00', '80', '150.00'), line('b', 'commit', '40.00', '32'), line('b', 'pipeline', '10.00', '1')];
    expect(rollUp(lines, () => null, ORDER)).toEqual([
      { period: '2026-01', groupId: null, category: 'pipeline', amount: '10.00', weightedAmount: '1.00', adjustedAmount: '10.00' },
      { period: '2026-01', groupId: null, category: 'commit', amount: '140.00', weightedAmount: '112.00', adjustedAmount: '190.00' },
    ]);
  });
});
