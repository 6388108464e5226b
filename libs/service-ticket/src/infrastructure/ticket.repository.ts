import { Inject, Injectable } from '@nestjs/common';
import { zonedTime } from '@crm/kernel';
import { APP_CONFIG, TransactionHost, UnitOfWork, type AppConfig } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Ticket } from '../domain/ticket.aggregate.js';
import { rowValues, TICKET_COLUMNS, TICKET_WRITE_COLUMNS, toTicketState, type TicketRow } from './ticket-row.js';

/** Ticket aggregates in service_ticket.tickets, with their status history, records and handling changes. */
@Injectable()
export class TicketRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The next ticket number [工单号]: GD, the date in the company's time zone (CRM_TIMEZONE) and a running number. */
  async nextNumber(now: Date): Promise<string> {
    const row = await this.tx.queryOne<{ n: string }>(`SELECT nextval('service_ticket.ticket_numbers')::text AS n`);
    const day = zonedTime(now, this.config.timeZone).date.replaceAll('-', '');
    return `GD${day}${row!.n.padStart(6, '0')}`;
  }

  /** Loads a ticket and locks it: every change to one ticket is serialised here (grabs included). */
  async lock(id: string): Promise<Ticket | undefined> {
    const row = await this.tx.queryOne<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM service_ticket.tickets t WHERE t.id = $1 FOR UPDATE`, [id]);
    return row && Ticket.rehydrate(toTicketState(row));
  }

  async add(ticket: Ticket): Promise<void> {
    const values = rowValues(ticket.snapshot());
    const placeholders = values.map((_, index) => `$${index + 1}`).join(', ');
    await this.tx.query(`INSERT INTO service_ticket.tickets (${TICKET_WRITE_COLUMNS.join(', ')}) VALUES (${placeholders})`, values);
    await this.writePending(ticket);
    this.uow.track(ticket);
  }

  /** Writes the ticket over the version it was loaded at; false when someone else changed it in between. */
  async save(ticket: Ticket): Promise<boolean> {
    if (ticket.version === ticket.loadedVersion) return true;
    const values = rowValues(ticket.snapshot());
    const assignments = TICKET_WRITE_COLUMNS.slice(1).map((column, index) => `${column} = $${index + 2}`);
    const updated = await this.tx.execute(`UPDATE service_ticket.tickets SET ${assignments.join(', ')} WHERE id = $1 AND version = $${values.length + 1}`, [
      ...values,
      ticket.loadedVersion,
    ]);
    if (updated.rowCount !== 1) return false;
    await this.writePending(ticket);
    this.uow.track(ticket);
    return true;
  }

  /** Whether an escalation with this key was already acted on for the ticket. */
  async escalatedWithKey(ticketId: string, key: string): Promise<boolean> {
    const row = await this.tx.queryOne(`SELECT 1 FROM service_ticket.handling_changes WHERE ticket_id = $1 AND dedupe_key = $2`, [ticketId, key]);
    return row !== undefined;
  }

  async currentVersion(id: string): Promise<number | undefined> {
    return (await this.tx.queryOne<{ version: number }>(`SELECT version FROM service_ticket.tickets WHERE id = $1`, [id]))?.version;
  }

  private async writePending(ticket: Ticket): Promise<void> {
    const { statusChanges, records, handling } = ticket.takePendingWrites();
    for (const change of statusChanges) {
      await this.tx.query(
        `INSERT INTO service_ticket.status_history (ticket_id, from_status, to_status, at, by_kind, by_id, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [ticket.id, change.from, change.to, change.at, change.by?.kind ?? null, change.by?.id ?? null, change.reason],
      );
    }
    for (const record of records) {
      await this.tx.query(
        `INSERT INTO service_ticket.records (id, ticket_id, kind, body, author_kind, author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [record.id, ticket.id, record.kind, record.body, record.author.kind, record.author.id, record.createdAt],
      );
    }
    for (const change of handling) {
      await this.tx.query(
        `INSERT INTO service_ticket.handling_changes (id, ticket_id, kind, from_team_id, to_team_id, from_handler_id, to_handler_id, reason, dedupe_key, by_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          uuidv7(),
          ticket.id,
          change.kind,
          change.fromTeamId,
          change.toTeamId,
          change.fromHandlerId,
          change.toHandlerId,
          change.reason,
          change.dedupeKey,
          change.by,
          change.at,
        ],
      );
    }
  }
}
