import { matchRule, ruleListProblems, type AssignmentRule } from './rules.js';
import { pickAssignee, pickSequence, type Candidate } from './pick.js';

describe('assignment rules: ordered, first match wins', () => {
  const rules: AssignmentRule<string>[] = [
    {
      id: 'vip',
      when: [
        { fact: 'grade', op: 'eq', value: 'A' },
        { fact: 'score', op: 'range', min: 80 },
      ],
      then: 'sales',
    },
    { id: 'east', when: [{ fact: 'region', op: 'in', values: ['浙江', '江苏', '上海'] }], then: 'east-team' },
    { id: 'mid-score', when: [{ fact: 'score', op: 'range', min: 20, max: 49 }], then: 'nurture' },
    { id: 'catch-all', when: [], then: 'call-centre' },
  ];

  it('takes the first entry whose conditions all hold, and says why earlier ones missed', () => {
    const m = matchRule(rules, { grade: 'a', score: 85, region: '浙江' });
    expect(m.rule?.id).toBe('vip');
    expect(m.index).toBe(0);
    expect(m.misses).toEqual([]);

    const east = matchRule(rules, { grade: 'A', score: 70, region: ' 浙江 ' });
    expect(east.rule?.then).toBe('east-team');
    expect(east.misses).toEqual([{ ruleId: 'vip', failed: rules[0]!.when[1], actual: 70 }]);
  });

  it('treats range bounds as inclusive, numeric text as a number, and a missing fact as no match', () => {
    expect(matchRule(rules, { score: 20 }).rule?.id).toBe('mid-score');
    expect(matchRule(rules, { score: '49' }).rule?.id).toBe('mid-score');
    expect(matchRule(rules, { score: 50 }).rule?.id).toBe('catch-all');
    expect(matchRule(rules, { score: 'abc' }).rule?.id).toBe('catch-all');
    expect(matchRule(rules, {}).misses.map((x) => x.actual)).toEqual([null, null, null]);
  });

  it('matches nothing without a catch-all', () => {
    const m = matchRule(rules.slice(0, 2), { region: '广东' });
    expect(m.rule).toBeNull();
    expect(m.index).toBe(-1);
    expect(m.misses.map((x) => x.ruleId)).toEqual(['vip', 'east']);
  });

  it('reports problems in a rule list stored as data', () => {
    expect(ruleListProblems(rules)).toEqual([]);
    expect(
      ruleListProblems([
        { id: 'x', when: [{ fact: 'score', op: 'range' }], then: 1 },
        { id: 'x', when: [{ fact: '', op: 'in', values: [] }], then: 1 },
        { id: 'y', when: [{ fact: 'score', op: 'range', min: 5, max: 1 }], then: 1 },
      ]),
    ).toEqual([
      'rules[0].when[0] has neither min nor max',
      'rules[1].id "x" is used twice',
      'rules[1].when[0].fact is empty',
      'rules[1].when[0].values is empty',
      'rules[2].when[0].min is above max',
    ]);
  });
});

describe('picking an assignee', () => {
  const people: Candidate[] = [{ id: 'c' }, { id: 'a' }, { id: 'b' }];

  it('round-robin goes round in id order from the persisted cursor, wrapping', () => {
    const first = pickAssignee({ strategy: 'round-robin', candidates: people });
    expect(first).toEqual({ assigneeId: 'a', cursor: 'a', skipped: [] });
    expect(pickAssignee({ strategy: 'round-robin', candidates: people, cursor: 'a' }).assigneeId).toBe('b');
    expect(pickAssignee({ strategy: 'round-robin', candidates: people, cursor: 'c' }).assigneeId).toBe('a');
    // the cursor's holder left: the turn goes to whoever comes after them, nobody gets two in a row
    expect(pickAssignee({ strategy: 'round-robin', candidates: people, cursor: 'ab' }).assigneeId).toBe('b');
  });

  it('round-robin is fair: 1,000 items over 3 people give 334/333/333', () => {
    const { assigneeIds, cursor } = pickSequence({ strategy: 'round-robin', candidates: people }, 1000);
    const counts = new Map<string | null, number>();
    for (const id of assigneeIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ a: 334, b: 333, c: 333 });
    expect(cursor).toBe('a'); // 1,000th item: 999 = 3 × 333, so the 1,000th is 'a'
  });

  it('skips candidates at capacity or unavailable, and says why', () => {
    const r = pickAssignee({
      strategy: 'round-robin',
      candidates: [
        { id: 'a', load: 5, capacity: 5 },
        { id: 'b', unavailable: 'cool-down' },
        { id: 'c', load: 4, capacity: 5 },
      ],
    });
    expect(r).toEqual({
      assigneeId: 'c',
      cursor: 'c',
      skipped: [
        { id: 'a', reason: 'at-capacity' },
        { id: 'b', reason: 'cool-down' },
      ],
    });
  });

  it('answers null and keeps the cursor when nobody is free', () => {
    const r = pickAssignee({
      strategy: 'least-busy',
      candidates: [
        { id: 'a', load: 1, capacity: 1 },
        { id: 'b', load: 0, capacity: 0 },
      ],
      cursor: 'a',
    });
    expect(r.assigneeId).toBeNull();
    expect(r.cursor).toBe('a');
    expect(r.skipped).toHaveLength(2);
    expect(pickAssignee({ strategy: 'round-robin', candidates: [] }).assigneeId).toBeNull();
  });

  it('least-busy takes the lowest load; equals take turns from the cursor', () => {
    const cands = [
      { id: 'a', load: 3 },
      { id: 'b', load: 1 },
      { id: 'c', load: 1 },
    ];
    expect(pickAssignee({ strategy: 'least-busy', candidates: cands }).assigneeId).toBe('b');
    expect(pickAssignee({ strategy: 'least-busy', candidates: cands, cursor: 'b' }).assigneeId).toBe('c');
    // a batch fills the gaps first: loads 3/1/1 + 5 more → 3/3/3... then a, b
    const { assigneeIds } = pickSequence({ strategy: 'least-busy', candidates: cands }, 6);
    expect(assigneeIds).toEqual(['b', 'c', 'b', 'c', 'a', 'b']);
  });

  it('weighted follows the weights over time, and skips a zero weight', () => {
    const cands = [
      { id: 'a', weight: 2 },
      { id: 'b', weight: 1 },
      { id: 'z', weight: 0 },
    ];
    const { assigneeIds } = pickSequence({ strategy: 'weighted', candidates: cands }, 300);
    expect(assigneeIds.filter((x) => x === 'a')).toHaveLength(200);
    expect(assigneeIds.filter((x) => x === 'b')).toHaveLength(100);
    expect(pickAssignee({ strategy: 'weighted', candidates: cands }).skipped).toEqual([{ id: 'z', reason: 'zero-weight' }]);
  });

  it('a batch stops at capacity and then answers null', () => {
    const { assigneeIds } = pickSequence(
      {
        strategy: 'round-robin',
        candidates: [
          { id: 'a', capacity: 1 },
          { id: 'b', capacity: 2 },
        ],
      },
      5,
    );
    expect(assigneeIds).toEqual(['a', 'b', 'b', null, null]);
  });
});
