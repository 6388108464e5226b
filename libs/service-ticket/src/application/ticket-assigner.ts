import { Injectable } from '@nestjs/common';
import { UserDirectory } from '@crm/contracts/identity';
import { firstMatchingRule, pickAgent, type TeamStrategy } from '../domain/assignment.js';
import type { Ticket } from '../domain/ticket.aggregate.js';
import { TicketErrors } from '../domain/ticket.errors.js';
import type { TicketActorRef } from '../domain/ticket.types.js';
import { AssignmentStore } from '../infrastructure/assignment.store.js';

/**
 * Automatic assignment [自动分派]: the first rule that matches names a team and its strategy; in
 * the team, round-robin or least-busy picks an agent with room under their capacity, or the ticket
 * waits in the team queue to be grabbed. Assignments within one team are serialised on its queue row,
 * so two tickets at once never push an agent past capacity.
 */
@Injectable()
export class TicketAssigner {
  constructor(
    private readonly store: AssignmentStore,
    private readonly directory: UserDirectory,
  ) {}

  /** Routes a new ticket by the rules; a ticket no rule matches stays unassigned. */
  async route(ticket: Ticket, now: Date): Promise<void> {
    const state = ticket.snapshot();
    const rule = firstMatchingRule(await this.store.rules(), {
      region: state.region,
      channel: state.channel,
      typePath: state.typePath,
      productLineId: state.productLineId,
    });
    if (!rule) return;
    const handlerId = await this.pickIn(rule.teamId, rule.strategy);
    ticket.assign({ teamId: rule.teamId, handlerId, how: 'rule', ruleId: rule.id, by: null, now });
  }

  /** The agent of a team who gets the next ticket (null: the team queue), recorded as served. */
  async pickIn(teamId: string, strategy?: TeamStrategy): Promise<string | null> {
    const members = await this.teamMembers(teamId);
    const lastServed = await this.store.lockTeam(teamId);
    const chosen = pickAgent(strategy ?? (await this.strategyOf(teamId)), await this.store.loads(members), lastServed);
    if (chosen) await this.store.served(teamId, chosen);
    return chosen;
  }

  /** Active members of a team; 404 for a team with none. */
  async teamMembers(teamId: string): Promise<string[]> {
    const members = await this.directory.activeUserIds(await this.directory.memberIds({ teamId }));
    if (members.length === 0) throw TicketErrors.teamNotFound();
    return members;
  }

  /** A handler named by hand: an active user, placed in their team when they have one. */
  async placeHandler(handlerId: string): Promise<{ handlerId: string; teamId: string | null }> {
    if (!(await this.directory.isActiveUser(handlerId))) throw TicketErrors.handlerNotActive();
    const placement = (await this.directory.placements([handlerId])).get(handlerId);
    return { handlerId, teamId: placement?.teamId ?? null };
  }

  /** Whether the agent has room for one more open ticket (for grabs), checked under the team's queue lock. */
  async assertRoom(teamId: string, userId: string): Promise<void> {
    await this.store.lockTeam(teamId);
    const [load] = await this.store.loads([userId]);
    if (load && load.capacity !== null && load.open >= load.capacity) throw TicketErrors.capacityReached(load.capacity);
  }

  /**
   * Whom an escalation goes to: the named person, else the handler's manager; a ticket still in a
   * team queue goes to the team's lead (the manager its members share), else the caller's manager.
   */
  async escalationTarget(ticket: Ticket, named: string | null, by: TicketActorRef | null): Promise<{ handlerId: string; teamId: string | null }> {
    if (named) return this.placeHandler(named);
    const { handlerId, teamId } = ticket.snapshot();
    let manager: string | null = null;
    if (handlerId) manager = await this.directory.managerOf(handlerId);
    else if (teamId) manager = await this.teamLeadOf(teamId);
    if (!manager && !handlerId && by?.kind === 'user') manager = await this.directory.managerOf(by.id);
    if (!manager || manager === handlerId) throw TicketErrors.noEscalationTarget();
    return this.placeHandler(manager);
  }

  /** The manager of a team's members who is in the team himself: its lead [组长]. */
  private async teamLeadOf(teamId: string): Promise<string | null> {
    const members = await this.directory.memberIds({ teamId });
    for (const member of members.slice(0, 3)) {
      const manager = await this.directory.managerOf(member);
      if (manager && members.includes(manager)) return manager;
    }
    return null;
  }

  /** A team's strategy is the one its first rule names; least-busy for a team no rule names. */
  private async strategyOf(teamId: string): Promise<TeamStrategy> {
    return (await this.store.rules()).find((rule) => rule.teamId === teamId)?.strategy ?? 'least-busy';
  }
}
