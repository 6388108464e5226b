import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ReasonClosures } from '../../../domain/closure-report.js';

export interface PoolClosures {
  poolId: string;
  name: string;
  parentId: string | null;
  /** Closed in this pool and the pools below it (those you see). */
  closed: number;
  /** Closed in this pool itself. */
  closedHere: number;
  /** `closed` per reason, in the list's order; reasons without closures left out. */
  reasons: { reason: string; closed: number }[];
}

export interface ClosureReport {
  from: string;
  to: string;
  poolId: string | null;
  items: ReasonClosures[];
  totals: { closed: number };
  pools: PoolClosures[];
}

/**
 * Closures per reason [关闭原因分析]: leads closed from `from` to `to` (dates in the company time zone, both
 * included) and still closed, within the caller's reach, optionally only in `poolId` and the
 * pools below it; per reason, and per pool with its sub-pools.
 */
export class ClosureReportQuery extends Query<ClosureReport> {
  constructor(
    readonly actor: Actor,
    readonly from: string,
    readonly to: string,
    readonly poolId: string | undefined,
  ) {
    super();
  }
}
