import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** What a set of conversions produced. */
export interface ConversionFigures {
  converted: number;
  /** Customers created by the conversions; with `customersLinked` it leaves out early conversions whose kind is unknown. */
  customersCreated: number;
  /** Existing customers the conversions were linked to. */
  customersLinked: number;
  /** Opportunities opened with the conversions. */
  opportunities: number;
  /** Their amount when opened, a decimal string (opportunities opened without an amount add nothing). */
  opportunityAmount: string;
  /** Of those opportunities, the ones won so far (from the Opportunity context's events). */
  won: number;
  /** What they were won for, a decimal string. */
  wonAmount: string;
}

export interface PoolConversions {
  poolId: string;
  name: string;
  parentId: string | null;
  /** Converted in this pool itself. */
  here: ConversionFigures;
  /** Converted in this pool and the pools below it (those you see). */
  total: ConversionFigures;
}

export interface ConversionReport {
  poolId: string;
  from: string;
  to: string;
  /** The pool with its sub-pools, within your reach: the pool's own `total`. */
  totals: ConversionFigures;
  pools: PoolConversions[];
}

/**
 * Conversions per pool [线索池转化] (LEAD-7): leads converted from `from` to `to` (dates in the
 * company time zone, both included) in `poolId` and the pools below it, within the caller's reach,
 * attributed to the pool they were converted in and to the pools above it up to `poolId`.
 */
export class ConversionReportQuery extends Query<ConversionReport> {
  constructor(
    readonly actor: Actor,
    readonly poolId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
