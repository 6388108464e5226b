import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import type { AgentLoad, AssignmentRule } from '../domain/assignment.js';
import { OPEN_STATUSES } from '../domain/ticket.types.js';

/** Assignment rules [分派规则], agent capacity and each team's round-robin position. */
@Injectable()
export class AssignmentStore {
  constructor(private readonly tx: TransactionHost) {}

  rules(): Promise<AssignmentRule[]> {
    return this.tx.query<AssignmentRule>(`SELECT id, name, conditions, team_id AS "teamId", strategy FROM service_ticket.assignment_rules ORDER BY position`);
  }

  async replaceRules(rules: readonly Omit<AssignmentRule, 'id'>[]): Promise<AssignmentRule[]> {
    await this.tx.query(`LOCK TABLE service_ticket.assignment_rules IN EXCLUSIVE MODE`);
    await this.tx.query(`DELETE FROM service_ticket.assignment_rules`);
    const saved: AssignmentRule[] = [];
    for (const [position, rule] of rules.entries()) {
      const id = uuidv7();
      await this.tx.query(`INSERT INTO service_ticket.assignment_rules (id, position, name, conditions, team_id, strategy) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        position,
        rule.name,
        JSON.stringify(rule.conditions),
        rule.teamId,
        rule.strategy,
      ]);
      saved.push({ id, ...rule });
    }
    return saved;
  }

  /** Locks a team's queue for the rest of the transaction (assignments within one team are serialised) and says whom it served last. */
  async lockTeam(teamId: string): Promise<string | null> {
    await this.tx.query(`INSERT INTO service_ticket.team_queues (team_id) VALUES ($1) ON CONFLICT DO NOTHING`, [teamId]);
    const row = await this.tx.queryOne<{ last_served_id: string | null }>(
      `SELECT last_served_id FROM service_ticket.team_queues WHERE team_id = $1 FOR UPDATE`,
      [teamId],
    );
    return row?.last_served_id ?? null;
  }

  async served(teamId: string, userId: string): Promise<void> {
    await this.tx.query(`UPDATE service_ticket.team_queues SET last_served_id = $2 WHERE team_id = $1`, [teamId, userId]);
  }

  /** Capacity and open tickets of each agent; an agent without a set capacity has no limit. */
  async loads(userIds: readonly string[]): Promise<AgentLoad[]> {
    if (userIds.length === 0) return [];
    return this.tx.query<AgentLoad>(
      `SELECT u.id AS "userId", a.capacity,
              (SELECT count(*)::int FROM service_ticket.tickets t WHERE t.handler_id = u.id AND t.status = ANY($2::text[])) AS open
         FROM unnest($1::uuid[]) AS u(id) LEFT JOIN service_ticket.agents a ON a.user_id = u.id`,
      [userIds, OPEN_STATUSES],
    );
  }

  async agentsWithCapacity(): Promise<string[]> {
    return (await this.tx.query<{ user_id: string }>(`SELECT user_id FROM service_ticket.agents ORDER BY user_id LIMIT 1000`)).map((row) => row.user_id);
  }

  async setCapacity(userId: string, capacity: number | null): Promise<void> {
    await this.tx.query(
      `INSERT INTO service_ticket.agents (user_id, capacity) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET capacity = EXCLUDED.capacity, updated_at = now()`,
      [userId, capacity],
    );
  }
}
