import type { TicketState } from '../domain/ticket.aggregate.js';

/**
 * The one list of a ticket's fields: each field of the aggregate's state and its column in
 * service_ticket.tickets (`createdBy` spans two columns). The row type, the columns a save writes and reads,
 * and the conversions both ways all come from it. `id` stays first: an update sets every column after it.
 */
const COLUMN_OF = {
  id: 'id',
  number: 'number',
  customerId: 'customer_id',
  customerGrade: 'customer_grade',
  region: 'region',
  contactId: 'contact_id',
  productId: 'product_id',
  productLineId: 'product_line_id',
  orderId: 'order_id',
  contractId: 'contract_id',
  typeId: 'type_id',
  typePath: 'type_path',
  title: 'title',
  description: 'description',
  priority: 'priority',
  channel: 'channel',
  status: 'status',
  teamId: 'team_id',
  handlerId: 'handler_id',
  tier: 'tier',
  resolution: 'resolution',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  firstRespondedAt: 'first_responded_at',
  satisfactionScore: 'satisfaction_score',
  satisfactionComment: 'satisfaction_comment',
  ratedAt: 'rated_at',
  eligibility: 'eligibility',
  createdVia: 'created_via',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
} as const satisfies Record<Exclude<keyof TicketState, 'createdBy'>, string>;

type PlainField = keyof typeof COLUMN_OF;
const PLAIN_FIELDS = Object.keys(COLUMN_OF) as PlainField[];

/** A row of service_ticket.tickets as the driver returns it. */
export type TicketRow = { [Field in PlainField as (typeof COLUMN_OF)[Field]]: TicketState[Field] } & {
  created_by_kind: TicketState['createdBy']['kind'];
  created_by: string;
};

/** Every column of service_ticket.tickets, in the order a save writes them. */
export const TICKET_WRITE_COLUMNS: readonly string[] = [...PLAIN_FIELDS.map((field) => COLUMN_OF[field]), 'created_by_kind', 'created_by'];

export const TICKET_COLUMNS = TICKET_WRITE_COLUMNS.map((column) => `t.${column}`).join(', ');

export function toTicketState(row: TicketRow): TicketState {
  const fields = Object.fromEntries(PLAIN_FIELDS.map((field) => [field, row[COLUMN_OF[field]]])) as Omit<TicketState, 'createdBy'>;
  return { ...fields, createdBy: { kind: row.created_by_kind, id: row.created_by } };
}

export function rowValues(state: Readonly<TicketState>): unknown[] {
  return [
    ...PLAIN_FIELDS.map((field) => (field === 'eligibility' ? JSON.stringify(state.eligibility) : state[field])),
    state.createdBy.kind,
    state.createdBy.id,
  ];
}
