import Big from 'big.js';

/**
 * How fairly a pool handed out its leads in a period [分配公平度]: each person's count against the
 * fair share (the period's assignments divided among the people the pool may give leads to), and
 * how full each one is against their capacity now. Ratios are decimal strings with 4 places
 * (big.js, half-up), so a report never shows a float's tail.
 */

export interface PersonAssignments {
  userId: string;
  /** A member of the pool or named by its rules: counted in the fair share. */
  eligible: boolean;
  auto: number;
  manual: number;
  claim: number;
  /** Open leads held from the pool now. */
  openLeads: number;
  capacity: number | null;
}

export interface PersonFairness extends PersonAssignments {
  assigned: number;
  /** assigned / all assignments of the period; null when there were none. */
  share: string | null;
  /** assigned − fair share (eligible people only; null for others or when there were none). */
  deviation: string | null;
  /** openLeads / capacity; null without a capacity. */
  capacityUsage: string | null;
}

export interface PoolFairness {
  assigned: number;
  eligiblePeople: number;
  /** assigned / eligible people; null when nobody is eligible or nothing was assigned. */
  fairShare: string | null;
  /** The largest |deviation| among eligible people; null like fairShare. */
  maxDeviation: string | null;
  people: PersonFairness[];
}

const PLACES = 4;
const fixed = (value: Big) => value.round(PLACES, Big.roundHalfUp).toFixed(PLACES);

export function assignmentFairness(people: readonly PersonAssignments[]): PoolFairness {
  const total = people.reduce((sum, p) => sum + p.auto + p.manual + p.claim, 0);
  const eligible = people.filter((p) => p.eligible).length;
  const fair = total > 0 && eligible > 0 ? new Big(total).div(eligible) : null;
  let maxDeviation: Big | null = null;
  const rows = people.map((p): PersonFairness => {
    const assigned = p.auto + p.manual + p.claim;
    const deviation = fair && p.eligible ? new Big(assigned).minus(fair) : null;
    if (deviation && (maxDeviation === null || deviation.abs().gt(maxDeviation))) maxDeviation = deviation.abs();
    return {
      ...p,
      assigned,
      share: total > 0 ? fixed(new Big(assigned).div(total)) : null,
      deviation: deviation ? fixed(deviation) : null,
      capacityUsage: p.capacity !== null && p.capacity > 0 ? fixed(new Big(p.openLeads).div(p.capacity)) : null,
    };
  });
  rows.sort((a, b) => b.assigned - a.assigned || (a.userId < b.userId ? -1 : 1));
  return {
    assigned: total,
    eligiblePeople: eligible,
    fairShare: fair ? fixed(fair) : null,
    maxDeviation: maxDeviation ? fixed(maxDeviation) : null,
    people: rows,
  };
}
