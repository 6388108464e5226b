import type { EligibilityVerdict, TicketActorRef, TicketChannel, TicketPriority, TicketStatus } from '../../domain/ticket.types.js';
import type { TicketRow } from '../../infrastructure/ticket-row.js';

/** What staff see of a ticket [工单]. */
export interface TicketView {
  id: string;
  number: string;
  customerId: string;
  customerGrade: string | null;
  region: string | null;
  contactId: string | null;
  productId: string | null;
  productLineId: string | null;
  orderId: string | null;
  contractId: string | null;
  typeId: string;
  typePath: string[];
  title: string;
  description: string;
  priority: TicketPriority;
  channel: TicketChannel;
  status: TicketStatus;
  teamId: string | null;
  handlerId: string | null;
  tier: number;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  firstRespondedAt: string | null;
  satisfaction: { score: number; comment: string | null; ratedAt: string } | null;
  eligibility: EligibilityVerdict;
  createdVia: 'staff' | 'self-service';
  createdBy: TicketActorRef;
  createdAt: string;
  updatedAt: string;
  version: number;
}

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
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    customerGrade: row.customer_grade,
    region: row.region,
    contactId: row.contact_id,
    productId: row.product_id,
    productLineId: row.product_line_id,
    orderId: row.order_id,
    contractId: row.contract_id,
    typeId: row.type_id,
    typePath: row.type_path,
    title: row.title,
    description: row.description,
    priority: row.priority,
    channel: row.channel,
    status: row.status,
    teamId: row.team_id,
    handlerId: row.handler_id,
    tier: row.tier,
    resolution: row.resolution,
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    firstRespondedAt: iso(row.first_responded_at),
    satisfaction: row.satisfaction_score === null ? null : { score: row.satisfaction_score, comment: row.satisfaction_comment, ratedAt: iso(row.rated_at)! },
    eligibility: row.eligibility,
    createdVia: row.created_via,
    createdBy: { kind: row.created_by_kind, id: row.created_by },
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    version: row.version,
  };
}

export function toPublicTicketView(row: TicketRow): PublicTicketView {
  const { id, number, typeId, title, description, priority, status, productId, resolution, resolvedAt, closedAt, satisfaction, createdAt, updatedAt } =
    toTicketView(row);
  return { id, number, typeId, title, description, priority, status, productId, resolution, resolvedAt, closedAt, satisfaction, createdAt, updatedAt };
}
