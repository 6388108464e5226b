import { closuresByReason } from './closure-report.js';

const reason = (key: string, active = true) => ({ key, label: key.toUpperCase(), noteRequired: false, active, sortOrder: 0 });

describe('closuresByReason', () => {
  it('lists every active reason in the given order, deactivated ones only with closures, shares to 4 places half-up', () => {
    const report = closuresByReason(
      [reason('invalid'), reason('duplicate'), reason('retired', false), reason('gone', false), reason('other')],
      new Map([
        ['invalid', 1],
        ['retired', 2],
        ['other', 3],
      ]),
    );
    expect(report.closed).toBe(6);
    // 1/6 = 0.16666… -> 0.1667; 2/6 = 0.3333…; 3/6 = 0.5.
    expect(report.items.map((item) => [item.reason, item.active, item.closed, item.share])).toEqual([
      ['invalid', true, 1, '0.1667'],
      ['duplicate', true, 0, '0.0000'],
      ['retired', false, 2, '0.3333'],
      ['other', true, 3, '0.5000'],
    ]);
  });

  it('has no shares when nothing was closed', () => {
    expect(closuresByReason([reason('invalid')], new Map())).toEqual({
      closed: 0,
      items: [{ reason: 'invalid', label: 'INVALID', active: true, closed: 0, share: null }],
    });
  });
});
