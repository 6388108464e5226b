import { rankByValue } from './ranking.js';

describe('leaderboard ranking', () => {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

  it('ranks by decimal value, highest first; equal values share a rank and the next one skips', () => {
    const ranked = rankByValue(
      [
        { name: 'd', value: '0.30' },
        { name: 'a', value: '99.99' },
        { name: 'c', value: '100.00' },
        { name: 'b', value: '99.99' },
        { name: 'e', value: '0' },
      ],
      byName,
    );
    expect(ranked.map(({ rank, entry }) => [rank, entry.name])).toEqual([
      [1, 'c'],
      [2, 'a'],
      [2, 'b'],
      [4, 'd'],
      [5, 'e'],
    ]);
  });

  it('compares decimals as decimals, not as text or floats', () => {
    const ranked = rankByValue(
      [
        { name: 'x', value: '9.00' },
        { name: 'y', value: '10.00' },
        { name: 'z', value: '0.30' },
        { name: 'w', value: '0.3' },
      ],
      byName,
    );
    expect(ranked.map(({ rank, entry }) => [rank, entry.name])).toEqual([
      [1, 'y'],
      [2, 'x'],
      [3, 'w'],
      [3, 'z'],
    ]);
  });
});
