import type { DomainError } from '@crm/kernel';
import { LeadEvents } from '../contracts/events.js';
import { Lead, type VersionedRules } from './lead.aggregate.js';
import { emptyProfile, type LeadProfile } from './lead.types.js';
import type { ScoringRules } from './scoring.js';

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
const EMPTY: LeadProfile = emptyProfile();
const RULES: VersionedRules = {
  version: 3,
  rules: {
    ...DEFAULT_SCORING_RULES,
    rules: [
      { id: 'industry', name: '制造业', kind: 'attribute', field: 'industry', op: 'equals', value: 'manufacturing', points: 20 },
      { id: 'live', name: '观看直播', kind: 'behaviour', activity: 'live-stream', withinDays: 7, points: 10 },
      { id: 'interested', name: '外呼有意向', kind: 'call-outcome', outcome: 'interested', points: 40 },
    ],
  },
};

function captured(profile: Partial<LeadProfile> = {}): Lead {
  const lead = Lead.capture({
    id: 'lead-1',
    profile: { ...EMPTY, mobile: '13800138000', industry: 'manufacturing', channel: 'wechat', ...profile },
    poolId: 'east',
    poolPath: ['master', 'east'],
    ownerId: null,
    matchedCustomerId: null,
    createdBy: 'marketer',
    now: NOW,
  });
  lead.rescore(RULES, [], NOW, 'captured');
  return lead;
}

const codeOf = (work: () => unknown) => {
  try {
    work();
    return 'ok';
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('Lead', () => {
  it('is captured with its first score, explained by the rules that fired', () => {
    const lead = captured();
    const [capturedEvent, scored] = lead.pullEvents();
    expect(LeadEvents.captured.matches(capturedEvent!) && capturedEvent.payload).toMatchObject({
      poolId: 'east',
      poolPath: ['master', 'east'],
      channel: 'wechat',
    });
    expect(LeadEvents.scored.matches(scored!) && scored.payload).toMatchObject({
      cause: 'captured',
      fromScore: null,
      toScore: 20,
      toGrade: 'C',
      rulesVersion: 3,
      contributions: [{ ruleId: 'industry', points: 20 }],
    });
  });

  it('re-scores on behaviour and on the latest call outcome, and records a change only when something changed', () => {
    const lead = captured();
    lead.pullEvents();
    lead.recordActivity(
      { id: 'a1', kind: 'live-stream', occurredAt: NOW, outcome: null, channel: 'douyin', campaign: null, detail: {}, recordedBy: 'system-x' },
      NOW,
    );
    expect(lead.rescore(RULES, [], NOW, 'activity', 'a1')).toBe(true);
    lead.recordActivity(
      { id: 'a2', kind: 'call-outcome', occurredAt: NOW, outcome: 'interested', channel: null, campaign: null, detail: {}, recordedBy: 'agent' },
      NOW,
    );
    lead.rescore(RULES, [], NOW, 'activity', 'a2');
    const scores = lead.pullEvents().filter((event) => LeadEvents.scored.matches(event));
    expect(scores.map((event) => LeadEvents.scored.matches(event) && [event.payload.fromScore, event.payload.toScore, event.payload.toGrade])).toEqual([
      [20, 30, 'C'],
      [30, 70, 'B'],
    ]);
    expect(lead.snapshot()).toMatchObject({ lastCall: { outcome: 'interested', at: NOW }, lastWorkedAt: NOW });
    expect(lead.rescore(RULES, [], NOW, 'rules-changed')).toBe(false);
    expect(lead.pullEvents()).toEqual([]);
  });

  it('refuses a call outcome without an outcome, an outcome on other kinds, and activities from the future', () => {
    const lead = captured();
    const activity = { id: 'a', occurredAt: NOW, channel: null, campaign: null, detail: {}, recordedBy: 'agent' };
    expect(codeOf(() => lead.recordActivity({ ...activity, kind: 'call-outcome', outcome: null }, NOW))).toBe('LEAD.OUTCOME_REQUIRED');
    expect(codeOf(() => lead.recordActivity({ ...activity, kind: 'page-view', outcome: 'connected' }, NOW))).toBe('LEAD.OUTCOME_REQUIRED');
    const tomorrow = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);
    expect(codeOf(() => lead.recordActivity({ ...activity, kind: 'page-view', outcome: null, occurredAt: tomorrow }, NOW))).toBe('LEAD.ACTIVITY_IN_FUTURE');
  });

  it('merges a duplicate submission as an activity and keeps its own fields', () => {
    const lead = captured();
    lead.pullEvents();
    lead.mergeSubmission({
      activityId: 'm1',
      submission: { ...EMPTY, mobile: '+86 13800138000', channel: 'baidu-sem', city: '宁波' },
      matchedOn: 'mobile',
      by: 'form',
      now: NOW,
    });
    expect(lead.pullEvents().map((event) => LeadEvents.merged.matches(event) && event.payload)).toEqual([
      { leadId: 'lead-1', poolId: 'east', activityId: 'm1', matchedOn: 'mobile', channel: 'baidu-sem', campaign: null, submittedBy: 'form' },
    ]);
    expect(lead.snapshot().profile.city).toBeNull();
    expect(lead.takePendingWrites().activities).toEqual([
      expect.objectContaining({
        id: 'm1',
        kind: 'resubmission',
        channel: 'baidu-sem',
        detail: { mobile: '+86 13800138000', channel: 'baidu-sem', city: '宁波', matchedOn: 'mobile' },
      }),
    ]);
  });

  it('edits with a diff, keeps something to reach the lead by, and moves between pools keeping where it was', () => {
    const lead = captured();
    lead.pullEvents();
    expect(lead.update({ industry: 'manufacturing' }, NOW)).toEqual({});
    expect(lead.update({ city: '杭州' }, NOW)).toEqual({ city: { from: null, to: '杭州' } });
    expect(codeOf(() => lead.update({ mobile: null }, NOW))).toBe('LEAD.NO_CONTACT');
    lead.moveTo({ id: 'sales', path: ['sales'] }, '高意向转销售', 'manager', NOW);
    expect(codeOf(() => lead.moveTo({ id: 'sales', path: ['sales'] }, 'again', 'manager', NOW))).toBe('LEAD.ALREADY_IN_POOL');
    const moved = lead.pullEvents().find((event) => LeadEvents.moved.matches(event));
    expect(moved && LeadEvents.moved.matches(moved) && moved.payload).toEqual({
      leadId: 'lead-1',
      fromPoolId: 'east',
      toPoolId: 'sales',
      fromPath: ['master', 'east'],
      toPath: ['sales'],
      reason: '高意向转销售',
    });
    expect(lead.snapshot()).toMatchObject({ poolId: 'sales', poolPath: ['sales'], version: 3 });
  });

  it('closes and reopens [关闭线索]: a status machine with the current status on every illegal move', () => {
    const lead = captured();
    lead.pullEvents();
    expect(codeOf(() => lead.reopen({ note: null, by: 'rep', now: NOW }))).toBe('LEAD.NOT_CLOSED');
    const other = { key: 'other', label: '其他', noteRequired: true };
    const unreachable = { key: 'unreachable', label: '联系不上', noteRequired: false };
    expect(codeOf(() => lead.close({ reason: other, note: null, by: 'rep', now: NOW }))).toBe('LEAD.CLOSURE_NOTE_REQUIRED');
    lead.close({ reason: unreachable, note: '空号', by: 'rep', now: NOW });
    expect(lead.snapshot()).toMatchObject({ status: 'closed', closure: { reason: 'unreachable', note: '空号', by: 'rep' } });
    expect(codeOf(() => lead.close({ reason: unreachable, note: null, by: 'rep', now: NOW }))).toBe('LEAD.NOT_OPEN');
    expect(codeOf(() => lead.update({ title: '经理' }, NOW))).toBe('LEAD.NOT_OPEN');
    const later = new Date(NOW.getTime() + 60_000);
    lead.reopen({ note: '客户回电', by: 'admin', now: later });
    expect(lead.snapshot()).toMatchObject({ status: 'open', closure: null });
    const events = lead.pullEvents();
    expect(events.map((event) => event.type)).toEqual(['lead.closed.v1', 'lead.closed.v2', 'lead.reopened.v1', 'lead.reopened.v2']);
    expect(events[0]!.payload).toEqual({
      leadId: lead.id,
      poolId: 'east',
      poolPath: ['master', 'east'],
      ownerId: null,
      reason: 'unreachable',
      note: '空号',
      closedBy: 'rep',
    });
    expect(events[1]!.payload).toMatchObject({ reason: 'unreachable', reasonLabel: '联系不上', note: '空号' });
    expect(events[2]!.payload).toMatchObject({ closedFor: 'unreachable', note: '客户回电', reopenedBy: 'admin' });
    expect(events[3]!.payload).toMatchObject({ closedFor: 'unreachable' });
  });

  it('a reason added to the managed list travels as its key in version 2; version 1 names it `other`', () => {
    const lead = captured();
    lead.pullEvents();
    lead.close({ reason: { key: 'no-budget', label: '预算不足', noteRequired: false }, note: null, by: 'rep', now: NOW });
    expect(lead.snapshot().closure).toMatchObject({ reason: 'no-budget', note: null });
    lead.reopen({ note: null, by: 'rep', now: NOW });
    const [closedV1, closedV2, reopenedV1, reopenedV2] = lead.pullEvents();
    expect(closedV1!.payload).toMatchObject({ reason: 'other', note: null });
    expect(closedV2!.payload).toMatchObject({ reason: 'no-budget', reasonLabel: '预算不足' });
    expect(reopenedV1!.payload).toMatchObject({ closedFor: 'other' });
    expect(reopenedV2!.payload).toMatchObject({ closedFor: 'no-budget' });
  });
});
