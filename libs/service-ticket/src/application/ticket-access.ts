import { Injectable } from '@nestjs/common';
import { UserDirectory } from '@crm/contracts/identity';
import type { Actor, SqlParams } from '@crm/platform';
import type { TicketState } from '../domain/ticket.aggregate.js';

/**
 * Who sees which tickets [工单数据权限]. Everyone with `ticket:read` sees the tickets of their
 * team [小组], those they handle, filed, or go on site for. Supervisors (`ticket:supervise`) also
 * see by their data scope: the tickets handled or filed by, or queued for the teams of, the people
 * in it (all of them for scope `all`). Anything else answers exactly like a missing ticket.
 */
export class TicketReach {
  constructor(
    readonly actor: Actor,
    /** Teams a supervisor oversees (null: every team, or not a supervisor when `supervisedHandlers` is empty). */
    private readonly supervisedTeamIds: readonly string[] | null,
    private readonly supervisedHandlers: readonly string[] | null,
  ) {}

  get seesEverything(): boolean {
    return this.supervisedTeamIds === null && this.supervisedHandlers === null;
  }

  sees(ticket: Pick<TicketState, 'teamId' | 'handlerId' | 'createdBy'>, technicianIds: readonly string[] = []): boolean {
    if (this.seesEverything) return true;
    const me = this.actor.id;
    if (ticket.handlerId === me || (ticket.createdBy.kind === 'user' && ticket.createdBy.id === me) || technicianIds.includes(me)) return true;
    if (ticket.teamId !== null && (ticket.teamId === this.actor.teamId || (this.supervisedTeamIds ?? []).includes(ticket.teamId))) return true;
    const people = this.supervisedHandlers ?? [];
    return (ticket.handlerId !== null && people.includes(ticket.handlerId)) || (ticket.createdBy.kind === 'user' && people.includes(ticket.createdBy.id));
  }

  /** The same rule as `sees`, as a predicate on service_ticket.tickets aliased `t`. */
  sql(params: SqlParams): string {
    if (this.seesEverything) return 'TRUE';
    const me = params.add(this.actor.id);
    const anyOf = [
      `t.handler_id = ${me}::uuid`,
      `(t.created_by = ${me}::uuid AND t.created_by_kind = 'user')`,
      `EXISTS (SELECT 1 FROM service_ticket.work_orders w WHERE w.ticket_id = t.id AND w.technician_id = ${me}::uuid)`,
    ];
    const teams = [...new Set([...(this.actor.teamId ? [this.actor.teamId] : []), ...(this.supervisedTeamIds ?? [])])];
    if (teams.length > 0) anyOf.push(`t.team_id = ANY(${params.add(teams)}::uuid[])`);
    if (this.supervisedHandlers?.length) {
      const people = params.add(this.supervisedHandlers);
      anyOf.push(`t.handler_id = ANY(${people}::uuid[])`, `(t.created_by = ANY(${people}::uuid[]) AND t.created_by_kind = 'user')`);
    }
    return `(${anyOf.join(' OR ')})`;
  }
}

@Injectable()
export class TicketAccess {
  constructor(private readonly directory: UserDirectory) {}

  async reachOf(actor: Actor): Promise<TicketReach> {
    if (!actor.permissions.includes('ticket:supervise')) return new TicketReach(actor, [], []);
    if (actor.dataScope === 'all') return new TicketReach(actor, null, null);
    const people = actor.visibleOwnerIds ?? [actor.id];
    const placements = await this.directory.placements(people);
    const teams = [...new Set([...placements.values()].map((placement) => placement.teamId).filter((id): id is string => id !== null))];
    return new TicketReach(actor, teams, people);
  }
}
