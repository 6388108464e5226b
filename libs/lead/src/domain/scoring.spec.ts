import { DomainError } from '@crm/kernel';
import type { LeadProfile } from './lead.types.js';
import { checkScoringRules, gradeFor, longestWindowDays, scoreLead, type ScoringRules } from './scoring.js';

/** A new installation's rules: none yet, grades A ≥ 80, B ≥ 50, C ≥ 20, else D. */
const DEFAULT_SCORING_RULES: ScoringRules = {
  rules: [],
  grades: [
    { grade: 'A', minScore: 80 },
    { grade: 'B', minScore: 50 },
    { grade: 'C', minScore: 20 },
  ],
  defaultGrade: 'D',
};

const NOW = new Date('2024-11-25T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

const profile = (fields: Partial<LeadProfile> = {}): LeadProfile => ({
  personName: '张伟',
  mobile: '13800138000',
  email: null,
  companyName: '杭州云栖科技有限公司',
  title: null,
  province: '浙江',
  city: '杭州',
  industry: 'manufacturing',
  channel: 'baidu-sem',
  campaign: null,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  notes: null,
  ...fields,
});

/** Seed 004's example: industry +5, visited the mini-program within 7 days +10, opened an H5 page +5, watched a live stream +10. */
const SEED_RULES: ScoringRules = {
  rules: [
    { id: 'industry', name: '行业 5分', kind: 'attribute', field: 'industry', op: 'in', values: ['Manufacturing', 'software'], points: 5 },
    { id: 'mini-program', name: '最近7天访问过小程序', kind: 'behaviour', activity: 'mini-program-visit', withinDays: 7, points: 10, tag: '活跃' },
    { id: 'h5', name: '打开H5微页面', kind: 'behaviour', activity: 'h5-open', withinDays: 30, points: 5 },
    { id: 'live', name: '观看直播', kind: 'behaviour', activity: 'live-stream', withinDays: 30, points: 10 },
  ],
  grades: DEFAULT_SCORING_RULES.grades,
  defaultGrade: 'D',
};

describe('lead scoring', () => {
  it('adds what every firing rule contributes and explains it rule by rule', () => {
    const result = scoreLead({
      profile: profile(),
      activities: [
        { kind: 'mini-program-visit', occurredAt: daysAgo(2) },
        { kind: 'live-stream', occurredAt: daysAgo(10) },
      ],
      lastCall: null,
      rules: SEED_RULES,
      now: NOW,
    });
    expect(result.contributions).toEqual([
      { ruleId: 'industry', ruleName: '行业 5分', kind: 'attribute', points: 5 },
      { ruleId: 'mini-program', ruleName: '最近7天访问过小程序', kind: 'behaviour', points: 10, count: 1, capped: false },
      { ruleId: 'live', ruleName: '观看直播', kind: 'behaviour', points: 10, count: 1, capped: false },
    ]);
    expect(result).toMatchObject({ score: 25, grade: 'C', tags: ['活跃'] });
  });

  it('counts behaviour only inside its window, and says when the first counted activity leaves it', () => {
    const visits = [
      { kind: 'mini-program-visit' as const, occurredAt: daysAgo(6) },
      { kind: 'mini-program-visit' as const, occurredAt: daysAgo(8) },
    ];
    const result = scoreLead({ profile: profile({ industry: null }), activities: visits, lastCall: null, rules: SEED_RULES, now: NOW });
    expect(result.score).toBe(10);
    expect(result.nextRescoreAt).toEqual(new Date(daysAgo(6).getTime() + 7 * DAY));
    // A day later the six-day-old visit is seven days old: out of the window, nothing left to count.
    const later = scoreLead({
      profile: profile({ industry: null }),
      activities: visits,
      lastCall: null,
      rules: SEED_RULES,
      now: new Date(NOW.getTime() + DAY),
    });
    expect(later).toMatchObject({ score: 0, grade: 'D', contributions: [], tags: [], nextRescoreAt: null });
  });

  it('gives points per activity up to the cap, and a rule without a cap counts once', () => {
    const rules: ScoringRules = {
      ...SEED_RULES,
      rules: [
        { id: 'pages', name: '浏览页面', kind: 'behaviour', activity: 'page-view', withinDays: 7, points: 3, cap: 10 },
        { id: 'form', name: '提交表单', kind: 'behaviour', activity: 'form-submit', withinDays: 7, points: 20 },
      ],
    };
    const views = (count: number) => Array.from({ length: count }, (_, i) => ({ kind: 'page-view' as const, occurredAt: daysAgo(i / 10) }));
    const score = (activities: { kind: 'page-view' | 'form-submit'; occurredAt: Date }[]) =>
      scoreLead({ profile: profile(), activities, lastCall: null, rules, now: NOW });
    expect(score(views(2)).score).toBe(6);
    expect(score(views(3)).score).toBe(9);
    expect(score(views(4)).contributions).toEqual([{ ruleId: 'pages', ruleName: '浏览页面', kind: 'behaviour', points: 10, count: 4, capped: true }]);
    const twoForms = [
      { kind: 'form-submit' as const, occurredAt: daysAgo(1) },
      { kind: 'form-submit' as const, occurredAt: daysAgo(2) },
    ];
    expect(score(twoForms).score).toBe(20);
  });

  it('takes points away with negative rules, capped the same way', () => {
    const rules: ScoringRules = {
      ...SEED_RULES,
      rules: [
        { id: 'industry', name: '行业', kind: 'attribute', field: 'industry', op: 'equals', value: 'manufacturing', points: 30 },
        { id: 'no-email', name: '邮箱缺失', kind: 'attribute', field: 'email', op: 'present', points: 5 },
        { id: 'bounced', name: '退订邮件', kind: 'behaviour', activity: 'email-open', withinDays: 30, points: -15, cap: 20 },
      ],
    };
    const opens = [0.5, 1, 2].map((days) => ({ kind: 'email-open' as const, occurredAt: daysAgo(days) }));
    const result = scoreLead({ profile: profile(), activities: opens, lastCall: null, rules, now: NOW });
    expect(result.contributions.map((c) => [c.ruleId, c.points])).toEqual([
      ['industry', 30],
      ['bounced', -20],
    ]);
    expect(result).toMatchObject({ score: 10, grade: 'D' });
  });

  it('scores the latest call-centre outcome with its own rules, and only while it is recent when the rule says so', () => {
    const rules: ScoringRules = {
      ...SEED_RULES,
      rules: [
        { id: 'interested', name: '外呼有意向', kind: 'call-outcome', outcome: 'interested', points: 60, withinDays: 30, tag: '高意向' },
        { id: 'wrong-number', name: '空号错号', kind: 'call-outcome', outcome: 'wrong-number', points: -50 },
      ],
    };
    const call = (outcome: 'interested' | 'wrong-number', days: number) => ({ outcome, at: daysAgo(days) });
    expect(scoreLead({ profile: profile(), activities: [], lastCall: call('interested', 3), rules, now: NOW })).toMatchObject({
      score: 60,
      grade: 'B',
      tags: ['高意向'],
      nextRescoreAt: new Date(daysAgo(3).getTime() + 30 * DAY),
    });
    expect(scoreLead({ profile: profile(), activities: [], lastCall: call('interested', 31), rules, now: NOW }).score).toBe(0);
    expect(scoreLead({ profile: profile(), activities: [], lastCall: call('wrong-number', 400), rules, now: NOW })).toMatchObject({
      score: -50,
      grade: 'D',
      nextRescoreAt: null,
    });
  });

  it('compares attribute values without regard to case, width or surrounding spaces, and ignores blanks', () => {
    const rules: ScoringRules = {
      ...SEED_RULES,
      rules: [
        { id: 'east', name: '华东', kind: 'attribute', field: 'province', op: 'in', values: ['浙江', '江苏'], points: 5 },
        { id: 'utm', name: '百度投放', kind: 'attribute', field: 'utmSource', op: 'equals', value: 'BAIDU', points: 5 },
        { id: 'title', name: '有职位', kind: 'attribute', field: 'title', op: 'present', points: 5 },
      ],
    };
    expect(
      scoreLead({ profile: profile({ province: ' 浙江 ', utmSource: 'ｂａｉｄｕ', title: '  ' }), activities: [], lastCall: null, rules, now: NOW }).score,
    ).toBe(10);
  });

  it('grades by the first threshold the score reaches, else the default grade', () => {
    const grades = DEFAULT_SCORING_RULES;
    expect([80, 79, 50, 49, 20, 19, -5].map((score) => gradeFor(score, grades))).toEqual(['A', 'B', 'B', 'C', 'C', 'D', 'D']);
  });

  it('knows how far back activities can matter', () => {
    expect(longestWindowDays(SEED_RULES)).toBe(30);
    expect(longestWindowDays(DEFAULT_SCORING_RULES)).toBe(0);
  });
});

describe('checking scoring rules', () => {
  const codeOf = (rules: ScoringRules) => {
    try {
      checkScoringRules(rules);
      return 'ok';
    } catch (error) {
      return (error as DomainError).message;
    }
  };

  it('accepts the seed rules', () => {
    expect(codeOf(SEED_RULES)).toBe('ok');
  });

  it('refuses duplicate ids, bad ids, zero points, caps below the points and windows out of range', () => {
    const [industry, mini] = SEED_RULES.rules as [ScoringRules['rules'][number], ScoringRules['rules'][number]];
    expect(codeOf({ ...SEED_RULES, rules: [industry, industry] })).toMatch(/used twice/);
    expect(codeOf({ ...SEED_RULES, rules: [{ ...industry, id: 'Bad Id' }] })).toMatch(/lower-case/);
    expect(codeOf({ ...SEED_RULES, rules: [{ ...industry, points: 0 }] })).toMatch(/points/);
    expect(codeOf({ ...SEED_RULES, rules: [{ ...mini, kind: 'behaviour', activity: 'page-view', withinDays: 7, points: -10, cap: 5 } as never] })).toMatch(
      /cap/,
    );
    expect(codeOf({ ...SEED_RULES, rules: [{ ...mini, kind: 'behaviour', activity: 'page-view', withinDays: 0, points: 1 } as never] })).toMatch(/withinDays/);
    expect(codeOf({ ...SEED_RULES, rules: [{ id: 'x', name: 'x', kind: 'attribute', field: 'industry', op: 'in', values: [' '], points: 1 }] })).toMatch(
      /needs values/,
    );
  });

  it('refuses thresholds out of order or a grade given twice', () => {
    expect(
      codeOf({
        ...SEED_RULES,
        grades: [
          { grade: 'B', minScore: 50 },
          { grade: 'A', minScore: 80 },
        ],
      }),
    ).toMatch(/highest first/);
    expect(
      codeOf({
        ...SEED_RULES,
        grades: [
          { grade: 'A', minScore: 80 },
          { grade: 'A', minScore: 50 },
        ],
      }),
    ).toMatch(/twice/);
    expect(codeOf({ ...SEED_RULES, grades: [{ grade: 'D', minScore: 80 }] })).toMatch(/twice/);
  });

  it('answers every refusal with one code, a 400', () => {
    const refusal = (() => {
      try {
        checkScoringRules({
          ...SEED_RULES,
          grades: [
            { grade: 'A', minScore: 1 },
            { grade: 'B', minScore: 1 },
          ],
        });
      } catch (error) {
        return error as DomainError;
      }
      return undefined;
    })();
    expect(refusal).toMatchObject({ code: 'LEAD.INVALID_SCORING_RULES', kind: 'invalid' });
  });
});
