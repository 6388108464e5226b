import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';

/** One line of a lead's history in 5W2H form [5W2H]. */
export interface HistoryItemView {
  id: string;
  /** When. */
  when: string;
  /** Who: a user (with their name) or `system`. */
  who: { id: string; name: string | null };
  /** What: captured, updated, merged, moved, activity-recorded, scored. */
  what: string;
  /** Where: the pool it happened in and the channel it came through. */
  where: { poolId: string | null; poolName: string | null; channel: string | null };
  /** Why: the reason given, or the rules that fired. */
  why: string | null;
  /** How: manual, an edit, de-duplication, a move, the activity kind, or what caused a re-score. */
  how: string | null;
  /** How much: the score change, for scoring lines. */
  howMuch: number | null;
  detail: Record<string, unknown>;
}

/** Every event of a lead, oldest first (LEAD-8). */
export class GetLeadHistoryQuery extends Query<Page<HistoryItemView>> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
