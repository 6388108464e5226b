import type { TicketState } from '../../domain/ticket.aggregate.js';
import { toTicketState, type TicketRow } from '../../infrastructure/ticket-row.js';

type Instant = 'resolvedAt' | 'closedAt' | 'firstRespondedAt' | 'createdAt' | 'updatedAt';

/** What staff see of a ticket [工单]: its state (one definition, TicketState), with instants as ISO strings and the rating as one object. */
export type TicketView = Omit<TicketState, Instant | 'satisfactionScore' | 'satisfactionComment' | 'ratedAt'> & {
  resolvedAt: string | null;
  closedAt: string | null;
  firstRespondedAt: string | null;
  satisfaction: { score: number; comment: string | null; ratedAt: string } | null;
  createdAt: string;
  updatedAt: string;
};

/** What the customer sees of their own ticket through self-service: no team, handler, tier or eligibility. */
export type PublicTicketView = Pick<
  TicketView,
  | 'id'
  | 'number'
  | 'typeId'
  | 'title'
  | 'description'
  | 'priority'
  | 'status'
  | 'productId'
  | 'resolution'
  | 'resolvedAt'
  | 'closedAt'
  | 'satisfaction'
  | 'createdAt'
  | 'updatedAt'
>;

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export function toTicketView(row: TicketRow): TicketView {
  const { resolvedAt, closedAt, firstRespondedAt, satisfactionScore, satisfactionComment, ratedAt, createdAt, updatedAt, ...rest } = toTicketState(row);
  return {
    ...rest,
    resolvedAt: iso(resolvedAt),
    closedAt: iso(closedAt),
    firstRespondedAt: iso(firstRespondedAt),
    satisfaction: satisfactionScore === null ? null : { score: satisfactionScore, comment: satisfactionComment, ratedAt: iso(ratedAt)! },
    createdAt: iso(createdAt)!,
    updatedAt: iso(updatedAt)!,
  };
}

export function toPublicTicketView(row: TicketRow): PublicTicketView {
  const { id, number, typeId, title, description, priority, status, productId, resolution, resolvedAt, closedAt, satisfaction, createdAt, updatedAt } =
    toTicketView(row);
  return { id, number, typeId, title, description, priority, status, productId, resolution, resolvedAt, closedAt, satisfaction, createdAt, updatedAt };
}
