import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import type { CalendarException, CalendarRules, WorkingPeriod } from '../domain/business-calendar.js';
import type { SlaPolicy } from '../domain/sla-policy.js';

export interface CalendarRecord extends CalendarRules {
  id: string;
  name: string;
  isDefault: boolean;
  teamIds: string[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface PolicyRecord extends SlaPolicy {
  createdAt: Date;
  updatedAt: Date;
}

interface CalendarRow {
  id: string;
  name: string;
  time_zone: string;
  working_days: number[];
  periods: WorkingPeriod[];
  exceptions: CalendarException[];
  is_default: boolean;
  team_ids: string[];
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface PolicyRow {
  id: string;
  name: string;
  priorities: string[];
  ticket_type_ids: string[];
  customer_grades: string[];
  contract_ids: string[];
  first_response_minutes: number;
  resolution_minutes: number;
  warning_percent: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const CALENDAR_SELECT = `
  SELECT c.id, c.name, c.time_zone, c.working_days, c.periods, c.exceptions, c.is_default, c.created_at, c.updated_at, c.version,
         ARRAY(SELECT t.team_id FROM service_ticket.business_calendar_teams t WHERE t.calendar_id = c.id ORDER BY t.team_id) AS team_ids
    FROM service_ticket.business_calendars c`;

const toCalendar = (row: CalendarRow): CalendarRecord => ({
  id: row.id,
  name: row.name,
  timeZone: row.time_zone,
  workingDays: row.working_days,
  periods: row.periods,
  exceptions: row.exceptions,
  isDefault: row.is_default,
  teamIds: row.team_ids,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

const toPolicy = (row: PolicyRow): PolicyRecord => ({
  id: row.id,
  name: row.name,
  priorities: row.priorities,
  ticketTypeIds: row.ticket_type_ids,
  customerGrades: row.customer_grades,
  contractIds: row.contract_ids,
  firstResponseMinutes: row.first_response_minutes,
  resolutionMinutes: row.resolution_minutes,
  warningPercent: row.warning_percent,
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export type CalendarInput = Omit<CalendarRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
export type PolicyInput = Omit<SlaPolicy, 'id' | 'version'>;

/** Business calendars and SLA policies: configuration rows, in the caller's transaction. */
@Injectable()
export class SlaConfigurationRepository {
  constructor(private readonly tx: TransactionHost) {}

  async findCalendar(id: string): Promise<CalendarRecord | undefined> {
    const row = await this.tx.queryOne<CalendarRow>(`${CALENDAR_SELECT} WHERE c.id = $1`, [id]);
    return row && toCalendar(row);
  }

  async listCalendars(): Promise<CalendarRecord[]> {
    return (await this.tx.query<CalendarRow>(`${CALENDAR_SELECT} ORDER BY c.is_default DESC, c.name, c.id LIMIT 500`)).map(toCalendar);
  }

  /** The calendar a team works on, else the default one; undefined when neither exists. */
  async calendarFor(teamId: string | null): Promise<CalendarRecord | undefined> {
    const row = await this.tx.queryOne<CalendarRow>(
      `${CALENDAR_SELECT}
        WHERE c.id = COALESCE((SELECT calendar_id FROM service_ticket.business_calendar_teams WHERE team_id = $1::uuid),
                              (SELECT id FROM service_ticket.business_calendars WHERE is_default))`,
      [teamId],
    );
    return row && toCalendar(row);
  }

  /** Creates (expectedVersion undefined and no row) or replaces a calendar; undefined when the version is stale or the row is missing. */
  async saveCalendar(id: string, input: CalendarInput, mode: { create: true } | { create: false; expectedVersion?: number }): Promise<number | undefined> {
    if (input.isDefault) await this.tx.query(`UPDATE service_ticket.business_calendars SET is_default = false WHERE is_default AND id <> $1`, [id]);
    const values = [id, input.name, input.timeZone, input.workingDays, JSON.stringify(input.periods), JSON.stringify(input.exceptions), input.isDefault];
    const row = mode.create
      ? await this.tx.queryOne<{ version: number }>(
          `INSERT INTO service_ticket.business_calendars (id, name, time_zone, working_days, periods, exceptions, is_default)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING version`,
          values,
        )
      : await this.tx.queryOne<{ version: number }>(
          `UPDATE service_ticket.business_calendars
              SET name = $2, time_zone = $3, working_days = $4, periods = $5, exceptions = $6, is_default = $7,
                  version = version + 1, updated_at = now()
            WHERE id = $1 AND ($8::int IS NULL OR version = $8)
        RETURNING version`,
          [...values, mode.expectedVersion ?? null],
        );
    if (!row) return undefined;
    await this.tx.query(`DELETE FROM service_ticket.business_calendar_teams WHERE calendar_id = $1 AND NOT (team_id = ANY($2::uuid[]))`, [id, input.teamIds]);
    await this.tx.query(
      `INSERT INTO service_ticket.business_calendar_teams (team_id, calendar_id) SELECT unnest($2::uuid[]), $1
       ON CONFLICT (team_id) DO UPDATE SET calendar_id = EXCLUDED.calendar_id`,
      [id, input.teamIds],
    );
    return row.version;
  }

  async calendarVersion(id: string): Promise<number | undefined> {
    return (await this.tx.queryOne<{ version: number }>(`SELECT version FROM service_ticket.business_calendars WHERE id = $1`, [id]))?.version;
  }

  async findPolicy(id: string): Promise<PolicyRecord | undefined> {
    const row = await this.tx.queryOne<PolicyRow>(`SELECT * FROM service_ticket.sla_policies WHERE id = $1`, [id]);
    return row && toPolicy(row);
  }

  /** Oldest first: ids are UUIDv7, ordered by creation. */
  async listPolicies(limit: number, afterId?: string): Promise<PolicyRecord[]> {
    const rows = await this.tx.query<PolicyRow>(`SELECT * FROM service_ticket.sla_policies WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`, [
      afterId ?? null,
      limit,
    ]);
    return rows.map(toPolicy);
  }

  async activePolicies(): Promise<PolicyRecord[]> {
    return (await this.tx.query<PolicyRow>(`SELECT * FROM service_ticket.sla_policies WHERE active ORDER BY id`)).map(toPolicy);
  }

  async savePolicy(id: string, input: PolicyInput, mode: { create: true } | { create: false; expectedVersion?: number }): Promise<number | undefined> {
    const values = [
      id,
      input.name,
      input.priorities,
      input.ticketTypeIds,
      input.customerGrades,
      input.contractIds,
      input.firstResponseMinutes,
      input.resolutionMinutes,
      input.warningPercent,
      input.active,
    ];
    const row = mode.create
      ? await this.tx.queryOne<{ version: number }>(
          `INSERT INTO service_ticket.sla_policies (id, name, priorities, ticket_type_ids, customer_grades, contract_ids,
                                                    first_response_minutes, resolution_minutes, warning_percent, active)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING version`,
          values,
        )
      : await this.tx.queryOne<{ version: number }>(
          `UPDATE service_ticket.sla_policies
              SET name = $2, priorities = $3, ticket_type_ids = $4, customer_grades = $5, contract_ids = $6,
                  first_response_minutes = $7, resolution_minutes = $8, warning_percent = $9, active = $10,
                  version = version + 1, updated_at = now()
            WHERE id = $1 AND ($11::int IS NULL OR version = $11)
        RETURNING version`,
          [...values, mode.expectedVersion ?? null],
        );
    return row?.version;
  }

  async policyVersion(id: string): Promise<number | undefined> {
    return (await this.tx.queryOne<{ version: number }>(`SELECT version FROM service_ticket.sla_policies WHERE id = $1`, [id]))?.version;
  }
}
