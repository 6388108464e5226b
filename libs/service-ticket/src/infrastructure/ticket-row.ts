import type { TicketState } from '../domain/ticket.aggregate.js';
import type { EligibilityVerdict, TicketChannel, TicketPriority, TicketStatus } from '../domain/ticket.types.js';

export interface TicketRow {
  id: string;
  number: string;
  customer_id: string;
  customer_grade: string | null;
  region: string | null;
  contact_id: string | null;
  product_id: string | null;
  product_line_id: string | null;
  order_id: string | null;
  contract_id: string | null;
  type_id: string;
  type_path: string[];
  title: string;
  description: string;
  priority: TicketPriority;
  channel: TicketChannel;
  status: TicketStatus;
  team_id: string | null;
  handler_id: string | null;
  tier: number;
  resolution: string | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  first_responded_at: Date | null;
  satisfaction_score: number | null;
  satisfaction_comment: string | null;
  rated_at: Date | null;
  eligibility: EligibilityVerdict;
  created_via: 'staff' | 'self-service';
  created_by_kind: 'user' | 'contact';
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** Every column of service_ticket.tickets, in the order a save writes them. */
export const TICKET_WRITE_COLUMNS = [
  'id',
  'number',
  'customer_id',
  'customer_grade',
  'region',
  'contact_id',
  'product_id',
  'product_line_id',
  'order_id',
  'contract_id',
  'type_id',
  'type_path',
  'title',
  'description',
  'priority',
  'channel',
  'status',
  'team_id',
  'handler_id',
  'tier',
  'resolution',
  'resolved_at',
  'closed_at',
  'first_responded_at',
  'satisfaction_score',
  'satisfaction_comment',
  'rated_at',
  'eligibility',
  'created_via',
  'created_by_kind',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const;

export const TICKET_COLUMNS = TICKET_WRITE_COLUMNS.map((column) => `t.${column}`).join(', ');

export function toTicketState(row: TicketRow): TicketState {
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
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    firstRespondedAt: row.first_responded_at,
    satisfactionScore: row.satisfaction_score,
    satisfactionComment: row.satisfaction_comment,
    ratedAt: row.rated_at,
    eligibility: row.eligibility,
    createdVia: row.created_via,
    createdBy: { kind: row.created_by_kind, id: row.created_by },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function rowValues(state: Readonly<TicketState>): unknown[] {
  return [
    state.id,
    state.number,
    state.customerId,
    state.customerGrade,
    state.region,
    state.contactId,
    state.productId,
    state.productLineId,
    state.orderId,
    state.contractId,
    state.typeId,
    state.typePath,
    state.title,
    state.description,
    state.priority,
    state.channel,
    state.status,
    state.teamId,
    state.handlerId,
    state.tier,
    state.resolution,
    state.resolvedAt,
    state.closedAt,
    state.firstRespondedAt,
    state.satisfactionScore,
    state.satisfactionComment,
    state.ratedAt,
    JSON.stringify(state.eligibility),
    state.createdVia,
    state.createdBy.kind,
    state.createdBy.id,
    state.createdAt,
    state.updatedAt,
    state.version,
  ];
}
