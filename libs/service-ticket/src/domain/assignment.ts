/** Automatic assignment [自动分派]: ordered rules pick a team, a strategy picks an agent in it. */

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

/** Whether every condition a rule sets holds (a rule without conditions matches everything). */
export function ruleMatches(conditions: RuleConditions, facts: RoutingFacts): boolean {
  const { regions, channels, typeIds, productLineIds } = conditions;
  if (regions?.length && (facts.region === null || !regions.includes(facts.region))) return false;
  if (channels?.length && !channels.includes(facts.channel)) return false;
  if (typeIds?.length && !typeIds.some((id) => facts.typePath.includes(id))) return false;
  if (productLineIds?.length && (facts.productLineId === null || !productLineIds.includes(facts.productLineId))) return false;
  return true;
}

/** The first rule in order whose conditions hold. */
export function firstMatchingRule<R extends AssignmentRule>(rules: readonly R[], facts: RoutingFacts): R | undefined {
  return rules.find((rule) => ruleMatches(rule.conditions, facts));
}

export interface AgentLoad {
  userId: string;
  /** Open tickets the agent may hold at once; null: no limit. */
  capacity: number | null;
  /** Open tickets the agent holds now. */
  open: number;
}

export function hasRoom(agent: AgentLoad): boolean {
  return agent.capacity === null || agent.open < agent.capacity;
}

/**
 * The agent who gets the next ticket, or null when nobody in the team has room (it waits in the
 * team queue). Round-robin goes on from the last agent served in id order; least-busy takes the
 * agent with the fewest open tickets relative to capacity, then the fewest open, then by id.
 */
export function pickAgent(strategy: TeamStrategy, agents: readonly AgentLoad[], lastServed: string | null): string | null {
  const candidates = [...agents].sort((a, b) => a.userId.localeCompare(b.userId));
  const withRoom = candidates.filter(hasRoom);
  if (strategy === 'queue' || withRoom.length === 0) return null;
  if (strategy === 'round-robin') {
    const next = lastServed === null ? undefined : withRoom.find((agent) => agent.userId.localeCompare(lastServed) > 0);
    return (next ?? withRoom[0]!).userId;
  }
  const ratio = (agent: AgentLoad) => (agent.capacity === null ? 0 : agent.open / agent.capacity);
  const best = withRoom.reduce((chosen, agent) => {
    const byRatio = ratio(agent) - ratio(chosen);
    if (byRatio !== 0) return byRatio < 0 ? agent : chosen;
    return agent.open < chosen.open ? agent : chosen;
  });
  return best.userId;
}
