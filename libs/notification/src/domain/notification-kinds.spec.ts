import { ALL_NOTIFICATION_KINDS, NOTIFICATION_KINDS, recipients } from './notification-kinds.js';

describe('Notification kinds', () => {
  it('has an English code and a Chinese label for every kind', () => {
    expect(ALL_NOTIFICATION_KINDS).toEqual([
      'approval-pending',
      'approval-granted',
      'approval-rejected',
      'customer-transferred',
      'recycle-reminder',
      'webhook-disabled',
      'contract-ending',
      'instalment-reminder',
      'lead-recycle-reminder',
    ]);
    for (const kind of ALL_NOTIFICATION_KINDS) expect(NOTIFICATION_KINDS[kind]).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('names each recipient once and never the actor', () => {
    expect(recipients(['a', 'b', 'a', 'c'], 'c')).toEqual(['a', 'b']);
    expect(recipients(['a'], null)).toEqual(['a']);
  });
});
