import { firstMatchingRule, pickAgent, type AssignmentRule } from './assignment.js';

const rule = (id: string, conditions: AssignmentRule['conditions']): AssignmentRule => ({
  id,
  name: id,
  conditions,
  teamId: `team-${id}`,
  strategy: 'least-busy',
});

describe('assignment rules [自动分派]', () => {
  const rules = [
    rule('zj-wechat', { regions: ['浙江'], channels: ['wechat'] }),
    rule('repairs', { typeIds: ['repair'] }),
    rule('line-a', { productLineIds: ['A'] }),
    rule('rest', {}),
  ];

  it('takes the first rule whose every condition holds', () => {
    expect(firstMatchingRule(rules, { region: '浙江', channel: 'wechat', typePath: ['repair'], productLineId: 'A' })?.id).toBe('zj-wechat');
    expect(firstMatchingRule(rules, { region: '浙江', channel: 'phone', typePath: ['repair', 'repair-screen'], productLineId: 'A' })?.id).toBe('repairs');
    expect(firstMatchingRule(rules, { region: null, channel: 'phone', typePath: ['complaint'], productLineId: 'A' })?.id).toBe('line-a');
    expect(firstMatchingRule(rules, { region: null, channel: 'phone', typePath: ['complaint'], productLineId: null })?.id).toBe('rest');
    expect(firstMatchingRule(rules.slice(0, 3), { region: null, channel: 'phone', typePath: [], productLineId: null })).toBeUndefined();
  });
});

describe('picking an agent in a team', () => {
  const agents = [
    { userId: 'c', capacity: 3, open: 1 },
    { userId: 'a', capacity: 2, open: 2 },
    { userId: 'b', capacity: 4, open: 1 },
  ];

  it('least-busy: the fewest open tickets, equals taking turns, never one at capacity', () => {
    expect(pickAgent('least-busy', agents, null)).toBe('b'); // b and c hold 1 each; a is full
    expect(pickAgent('least-busy', agents, 'b')).toBe('c');
    expect(pickAgent('least-busy', [{ userId: 'a', capacity: 1, open: 1 }], null)).toBeNull();
  });

  it('round-robin: the next agent with room after the last one served, wrapping around', () => {
    expect(pickAgent('round-robin', agents, null)).toBe('b');
    expect(pickAgent('round-robin', agents, 'b')).toBe('c');
    expect(pickAgent('round-robin', agents, 'c')).toBe('b');
  });

  it('queue: nobody is picked, the ticket waits to be grabbed', () => {
    expect(pickAgent('queue', agents, null)).toBeNull();
  });
});
