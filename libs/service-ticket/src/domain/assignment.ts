import { matchRule, pickAssignee, type AssignmentRule as KernelRule, type Condition, type Facts } from '@crm/kernel';

/**
 * Automatic assignment of tickets [自动分派], on the kernel's assignment machinery (the same the
 * Lead context uses): ordered first-match rules pick a team, a strategy picks an agent in it.
 */

export const TEAM_STRATEGIES = ['round-robin', 'least-busy', 'queue'] as const;
/** How a team hands out tickets: in turn, to whoever has least open work, or not at all (grab from the queue [抢单]). */
export type TeamStrategy = (typeof TEAM_STRATEGIES)[number];

export interface RuleConditions {
  /** Customer provinces [地区]. */
  regions?: string[];
  channels?: string[];
  /** Ticket types; a type matches its sub-types too. */
  typeIds?: string[];
  productLineIds?: string[];
}

export interface AssignmentRule {
  id: string;
  name: string;
  conditions: RuleConditions;
  teamId: string;
  strategy: TeamStrategy;
}

export interface RoutingFacts {
  region: string | null;
  channel: string;
  typePath: readonly string[];
  productLineId: string | null;
}

/** The fact a rule's type condition reads: whether the ticket's type is one of the rule's types or below one. */
const typeFact = (ruleId: string) => `type-within:${ruleId}`;

function toKernelRule<R extends AssignmentRule>(rule: R): KernelRule<R> {
  const { regions, channels, typeIds, productLineIds } = rule.conditions;
  const when: Condition[] = [];
  if (regions?.length) when.push({ fact: 'region', op: 'in', values: regions });
  if (channels?.length) when.push({ fact: 'channel', op: 'in', values: channels });
  if (typeIds?.length) when.push({ fact: typeFact(rule.id), op: 'eq', value: true });
  if (productLineIds?.length) when.push({ fact: 'productLineId', op: 'in', values: productLineIds });
  return { id: rule.id, when, then: rule };
}

/** The first rule in order whose every condition holds (a rule without conditions matches everything). */
export function firstMatchingRule<R extends AssignmentRule>(rules: readonly R[], facts: RoutingFacts): R | undefined {
  const named: Record<string, string | boolean | null> = { region: facts.region, channel: facts.channel, productLineId: facts.productLineId };
  for (const rule of rules) {
    if (rule.conditions.typeIds?.length) named[typeFact(rule.id)] = rule.conditions.typeIds.some((id) => facts.typePath.includes(id));
  }
  return matchRule(rules.map(toKernelRule), named as Facts).rule?.then;
}

export interface AgentLoad {
  userId: string;
  /** Open tickets the agent may hold at once; null: no limit. */
  capacity: number | null;
  /** Open tickets the agent holds now. */
  open: number;
}

/**
 * The agent who gets the next ticket, or null when nobody in the team has room (it waits in the
 * team queue). Round-robin goes on after the last agent served (in id order); least-busy takes the
 * agent with the fewest open tickets, equals taking turns. Agents at capacity are skipped.
 */
export function pickAgent(strategy: TeamStrategy, agents: readonly AgentLoad[], lastServed: string | null): string | null {
  if (strategy === 'queue') return null;
  const candidates = agents.map((agent) => ({ id: agent.userId, load: agent.open, capacity: agent.capacity }));
  return pickAssignee({ strategy, candidates, cursor: lastServed }).assigneeId;
}
