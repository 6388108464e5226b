import type { BusinessCalendar, Interval } from './business-calendar.js';
import type { MetricTarget, SlaMetric } from './sla-policy.js';

/** Statuses that pause every SLA clock (Odoo's excluded stages): the ticket waits on the customer. */
export const PAUSING_STATUSES: readonly string[] = ['waiting-on-customer'];
/** Statuses in which the ticket counts as resolved: the resolution clock is met; a reopen resumes it. */
export const RESOLVED_STATUSES: readonly string[] = ['resolved', 'closed'];
/** Statuses that stop the clocks for good. */
export const STOPPED_STATUSES: readonly string[] = ['cancelled'];

/** A ticket's history as far as SLA clocks care: nothing else (no counters) goes into a clock. */
export interface TicketClockHistory {
  createdAt: number;
  /** Every status change, in order (the ticket starts in `new`). */
  statusChanges: { at: number; status: string }[];
  /** The first reply the customer could see [首次响应]; internal notes do not count. */
  firstPublicReplyAt: number | null;
}

export type ClockState = 'running' | 'paused' | 'met' | 'missed' | 'stopped';

/** One SLA clock of a ticket, computed from its history on a business calendar. */
export interface SlaClock {
  metric: SlaMetric;
  policyId: string;
  targetMinutes: number;
  startedAt: number;
  /** When the warning threshold is (was) reached; null while paused before it. */
  warnAt: number | null;
  /** The deadline [截止时间]; null while the clock is paused before reaching it. */
  deadlineAt: number | null;
  /** When the target was achieved (first public reply, resolution); null while it is not. */
  achievedAt: number | null;
  pausedSince: number | null;
  stoppedAt: number | null;
  /** As of the history alone: `missed` when achieved after the deadline; `running` says nothing of whether the deadline has passed yet. */
  state: ClockState;
}

interface Segment {
  status: string;
  start: number;
  end: number;
}

function segmentsOf(history: TicketClockHistory): Segment[] {
  const segments: Segment[] = [];
  let status = 'new';
  let start = history.createdAt;
  for (const change of history.statusChanges) {
    const end = Math.max(start, change.at);
    if (end > start) segments.push({ status, start, end });
    status = change.status;
    start = end;
  }
  segments.push({ status, start, end: Infinity });
  return segments;
}

/**
 * The clocks of a ticket: for each metric, the candidate target (one per matching policy) with the
 * earliest deadline. Waiting on the customer pauses both clocks; time resolved before a reopen
 * pauses the resolution clock; cancelling stops both. The deadline is the start plus the target in
 * business minutes, the pauses cut out of the working time (see BusinessCalendar).
 */
export function computeSlaClocks(calendar: BusinessCalendar, history: TicketClockHistory, targets: readonly MetricTarget[]): SlaClock[] {
  const segments = segmentsOf(history);
  const last = segments.at(-1)!;
  const stoppedAt = STOPPED_STATUSES.includes(last.status) ? last.start : null;
  const firstResolvedAt = segments.find((segment) => RESOLVED_STATUSES.includes(segment.status))?.start ?? null;
  const resolvedAt = RESOLVED_STATUSES.includes(last.status) ? finalStretchStart(segments, RESOLVED_STATUSES) : null;

  const achievement: Record<SlaMetric, number | null> = {
    'first-response': minOf(history.firstPublicReplyAt, firstResolvedAt),
    resolution: resolvedAt,
  };

  const clocks: SlaClock[] = [];
  for (const metric of ['first-response', 'resolution'] as const) {
    const candidates = targets.filter((target) => target.metric === metric);
    if (candidates.length === 0) continue;
    const achievedAt = achievement[metric];
    const endOfClock = minOf(achievedAt, stoppedAt);
    const pauses: Interval[] = segments
      .filter(
        (segment) =>
          (PAUSING_STATUSES.includes(segment.status) || (metric === 'resolution' && RESOLVED_STATUSES.includes(segment.status))) &&
          (endOfClock === null || segment.start < endOfClock),
      )
      .map((segment) => ({ start: segment.start, end: endOfClock === null ? segment.end : Math.min(segment.end, endOfClock) }));
    const computed = candidates.map((target) => ({
      target,
      deadlineAt: calendar.addBusinessMinutes(history.createdAt, target.minutes, pauses),
      warnAt: calendar.addBusinessMinutes(history.createdAt, (target.minutes * target.warningPercent) / 100, pauses),
    }));
    const earliest = computed.reduce((best, next) =>
      next.deadlineAt !== null && (best.deadlineAt === null || next.deadlineAt < best.deadlineAt) ? next : best,
    );
    const pausedSince = endOfClock === null && PAUSING_STATUSES.includes(last.status) ? last.start : null;
    const state: ClockState =
      stoppedAt !== null && (achievedAt === null || achievedAt > stoppedAt)
        ? 'stopped'
        : achievedAt !== null
          ? earliest.deadlineAt !== null && achievedAt > earliest.deadlineAt
            ? 'missed'
            : 'met'
          : pausedSince !== null
            ? 'paused'
            : 'running';
    clocks.push({
      metric,
      policyId: earliest.target.policyId,
      targetMinutes: earliest.target.minutes,
      startedAt: history.createdAt,
      warnAt: earliest.warnAt,
      deadlineAt: earliest.deadlineAt,
      achievedAt: state === 'stopped' ? null : achievedAt,
      pausedSince,
      stoppedAt: state === 'stopped' ? stoppedAt : null,
      state,
    });
  }
  return clocks;
}

function finalStretchStart(segments: Segment[], statuses: readonly string[]): number {
  let index = segments.length - 1;
  while (index > 0 && statuses.includes(segments[index - 1]!.status)) index--;
  return segments[index]!.start;
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
