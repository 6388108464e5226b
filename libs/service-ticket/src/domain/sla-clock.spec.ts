import { BusinessCalendar } from './business-calendar.js';
import { computeSlaClocks, type TicketClockHistory } from './sla-clock.js';
import { policyMatches, policyProblem, targetOf, type SlaPolicy } from './sla-policy.js';

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());

/** Asia/Shanghai, Monday–Friday 09:00–12:00 and 13:30–18:00 (09:00 = 01:00Z, 12:00 = 04:00Z, 13:30 = 05:30Z, 18:00 = 10:00Z). */
const calendar = new BusinessCalendar({
  timeZone: 'Asia/Shanghai',
  workingDays: [1, 2, 3, 4, 5],
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  exceptions: [],
});

const policy = (overrides: Partial<SlaPolicy>): SlaPolicy => ({
  id: 'p',
  name: 'p',
  priorities: [],
  ticketTypeIds: [],
  customerGrades: [],
  contractIds: [],
  firstResponseMinutes: 60,
  resolutionMinutes: 480,
  warningPercent: 80,
  active: true,
  version: 1,
  ...overrides,
});
const targets = (...policies: SlaPolicy[]) => policies.flatMap((p) => [targetOf(p, 'first-response'), targetOf(p, 'resolution')]);

// Tuesday 24 November 2026, 10:00 local.
const created = at('2026-11-24T02:00:00Z');

describe('SLA clocks from the ticket history', () => {
  it('runs from creation: first response in 60, resolution in 480 business minutes, warnings at 80 %', () => {
    const history: TicketClockHistory = { createdAt: created, statusChanges: [{ at: created + 60_000, status: 'assigned' }], firstPublicReplyAt: null };
    const [response, resolution] = computeSlaClocks(calendar, history, targets(policy({})));
    // 10:00 + 48 min → 10:48; + 60 → 11:00.
    expect([response!.state, iso(response!.warnAt), iso(response!.deadlineAt)]).toEqual(['running', '2026-11-24T02:48:00.000Z', '2026-11-24T03:00:00.000Z']);
    // 480 min: 10:00–12:00 (120), 13:30–18:00 (270), Wednesday 09:00 + 90 → 10:30. 80 % = 384: Tuesday 390 → 17:54.
    expect([iso(resolution!.warnAt), iso(resolution!.deadlineAt)]).toEqual(['2026-11-24T09:54:00.000Z', '2026-11-25T02:30:00.000Z']);
  });

  it('a public reply meets the first response; resolving meets the resolution, late means missed', () => {
    const history: TicketClockHistory = {
      createdAt: created,
      statusChanges: [
        { at: at('2026-11-24T02:30:00Z'), status: 'in-progress' },
        { at: at('2026-11-25T03:00:00Z'), status: 'resolved' },
      ],
      firstPublicReplyAt: at('2026-11-24T02:30:00Z'),
    };
    const [response, resolution] = computeSlaClocks(calendar, history, targets(policy({})));
    expect([response!.state, iso(response!.achievedAt)]).toEqual(['met', '2026-11-24T02:30:00.000Z']);
    // Resolved Wednesday 11:00, deadline Wednesday 10:30.
    expect([resolution!.state, iso(resolution!.achievedAt)]).toEqual(['missed', '2026-11-25T03:00:00.000Z']);
  });

  it('waiting on the customer over a night pauses both clocks, and only its working time is added', () => {
    // Waiting from Tuesday 17:00 to Wednesday 10:00: of that, only Wednesday 09:00–10:00 (60) was working time.
    const history: TicketClockHistory = {
      createdAt: created,
      statusChanges: [
        { at: at('2026-11-24T09:00:00Z'), status: 'waiting-on-customer' },
        { at: at('2026-11-25T02:00:00Z'), status: 'in-progress' },
      ],
      firstPublicReplyAt: at('2026-11-24T09:00:00Z'),
    };
    const [, resolution] = computeSlaClocks(calendar, history, targets(policy({})));
    // Tuesday 10:00–12:00 and 13:30–17:00 = 330; Wednesday from 10:00: 120 to 12:00 (450), 13:30 + 30 → 14:00.
    expect([resolution!.state, iso(resolution!.deadlineAt)]).toEqual(['running', '2026-11-25T06:00:00.000Z']);
  });

  it('while waiting on the customer the clock has no deadline; a deadline already passed stays', () => {
    const waiting: TicketClockHistory = {
      createdAt: created,
      statusChanges: [{ at: at('2026-11-24T09:00:00Z'), status: 'waiting-on-customer' }],
      firstPublicReplyAt: null,
    };
    const [response, resolution] = computeSlaClocks(calendar, waiting, targets(policy({})));
    // The first response deadline (11:00) came before the pause began (17:00): it stands.
    expect([response!.state, iso(response!.deadlineAt)]).toEqual(['paused', '2026-11-24T03:00:00.000Z']);
    expect([resolution!.state, resolution!.deadlineAt, iso(resolution!.pausedSince)]).toEqual(['paused', null, '2026-11-24T09:00:00.000Z']);
  });

  it('time resolved before a reopen does not count toward resolution; cancelling stops the clocks', () => {
    const reopened: TicketClockHistory = {
      createdAt: created,
      statusChanges: [
        { at: at('2026-11-24T03:00:00Z'), status: 'resolved' },
        { at: at('2026-11-25T03:00:00Z'), status: 'in-progress' },
      ],
      firstPublicReplyAt: null,
    };
    const [response, resolution] = computeSlaClocks(calendar, reopened, targets(policy({})));
    // Resolving at 11:00 met the first response (no reply before it).
    expect([response!.state, iso(response!.achievedAt)]).toEqual(['met', '2026-11-24T03:00:00.000Z']);
    // 60 used before the resolution; reopened Wednesday 11:00: 60 to 12:00 (120), 270 to 18:00 (390), Thursday 09:00 + 90 → 10:30.
    expect([resolution!.state, iso(resolution!.deadlineAt)]).toEqual(['running', '2026-11-26T02:30:00.000Z']);

    const cancelled: TicketClockHistory = {
      createdAt: created,
      statusChanges: [{ at: at('2026-11-24T03:00:00Z'), status: 'cancelled' }],
      firstPublicReplyAt: null,
    };
    expect(computeSlaClocks(calendar, cancelled, targets(policy({}))).map((clock) => clock.state)).toEqual(['stopped', 'stopped']);
  });

  it('of several matching policies, each metric takes the earliest deadline', () => {
    const history: TicketClockHistory = { createdAt: created, statusChanges: [], firstPublicReplyAt: null };
    const standard = policy({ id: 'standard', firstResponseMinutes: 30, resolutionMinutes: 960 });
    const vip = policy({ id: 'vip', firstResponseMinutes: 120, resolutionMinutes: 240 });
    const clocks = computeSlaClocks(calendar, history, targets(standard, vip));
    expect(clocks.map((clock) => [clock.metric, clock.policyId, clock.targetMinutes])).toEqual([
      ['first-response', 'standard', 30],
      ['resolution', 'vip', 240],
    ]);
  });
});

describe('SLA policies', () => {
  const ticket = { priority: 'urgent', ticketTypeIds: ['parent', 't1'], customerGrade: 'A', contractId: null };

  it('match on priority, type (or a parent type), grade and contract; an empty list matches anything; inactive ones never', () => {
    expect(policyMatches(policy({}), ticket)).toBe(true);
    expect(policyMatches(policy({ priorities: ['urgent', 'high'], customerGrades: ['A'] }), ticket)).toBe(true);
    expect(policyMatches(policy({ priorities: ['low'] }), ticket)).toBe(false);
    expect(policyMatches(policy({ contractIds: ['c1'] }), ticket)).toBe(false);
    expect(policyMatches(policy({ ticketTypeIds: ['parent'] }), ticket)).toBe(true);
    expect(policyMatches(policy({ ticketTypeIds: ['other'] }), ticket)).toBe(false);
    expect(policyMatches(policy({ ticketTypeIds: ['t1'], active: false }), ticket)).toBe(false);
  });

  it('refuse a first response later than the resolution and thresholds outside 1–99 %', () => {
    expect(policyProblem({ firstResponseMinutes: 60, resolutionMinutes: 30, warningPercent: 80 })).toMatch(/first response/);
    expect(policyProblem({ firstResponseMinutes: 60, resolutionMinutes: 480, warningPercent: 100 })).toMatch(/percentage/);
    expect(policyProblem({ firstResponseMinutes: 60, resolutionMinutes: 480, warningPercent: 80 })).toBeNull();
  });
});
