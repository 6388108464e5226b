import type { DomainError } from '@crm/kernel';
import { anyOverlap, type ClaimScope } from './claim-scope.js';
import { PoolErrors } from './pool.errors.js';
import { holdLimitFor, mayClaimDirectly, type PoolRules } from './pool-rules.js';

const DAY_MS = 86_400_000;

/** What a claim is checked against: the customer's place in the pool, and the claimant's own record there. */
export interface ClaimContext {
  customerId: string;
  grade: string;
  rules: PoolRules;
  protections: readonly { holderId: string; scope: ClaimScope }[];
  applications: readonly { id: string; applicantId: string; scopes: readonly ClaimScope[]; reservedUntil: Date }[];
  claimant: Claimant;
  scopes: readonly ClaimScope[];
  now: Date;
}

/** The claimant's standing in this pool, read in the claim's transaction under their own lock. */
export interface Claimant {
  id: string;
  roles: readonly string[];
  /** When they last gave this customer up (release, recycling, transfer away). */
  lastReleasedAt: Date | null;
  /** Customers they hold in this pool plus their pending applications there. */
  heldOrPending: number;
  /** Claims and applications they made in this pool since the start of today. */
  claimsToday: number;
}

/** How far a claimant's holdings and today's claims matter: the pool's limits for them (null: no limit). */
export interface ClaimLimits {
  held: number | null;
  claimsToday: number | null;
}

/** The limits the pool's rules set for this claimant. */
export function claimLimitsFor(rules: PoolRules, claimant: { id: string; roles: readonly string[] }): ClaimLimits {
  return { held: holdLimitFor(rules, claimant.id, claimant.roles), claimsToday: rules.maxClaimsPerDay };
}

/** A claim rule: nothing when the claim may go on, else the broken rule. */
export type ClaimPolicy = (claim: ClaimContext) => DomainError | undefined;

/** The pool protects by one scope mode; a claim must use it (POOL-7). */
export const scopeModePolicy: ClaimPolicy = ({ scopes, rules }) =>
  scopes.some((scope) => scope.kind !== rules.scopeMode) ? PoolErrors.scopeNotAllowed(rules.scopeMode) : undefined;

/** Nobody may claim what someone already holds, overlapping scopes included. */
export const overlapPolicy: ClaimPolicy = ({ protections, scopes, claimant }) => {
  const overlapping = protections.filter((protection) => anyOverlap(scopes, [protection.scope]));
  if (overlapping.some((protection) => protection.holderId === claimant.id)) return PoolErrors.alreadyYours();
  return overlapping.length > 0 ? PoolErrors.alreadyProtected() : undefined;
};

/** A pending application reserves what it covers for its applicant (POOL-6: nobody takes it in between). */
export const reservationPolicy: ClaimPolicy = ({ applications, scopes, claimant }) => {
  for (const application of applications) {
    if (!anyOverlap(scopes, application.scopes)) continue;
    return application.applicantId === claimant.id ? PoolErrors.applicationPending(application.id) : PoolErrors.reserved(application.reservedUntil);
  }
  return undefined;
};

/** Whoever gave a customer up waits the pool's cool-down [冷静期] before claiming it again. */
export const coolDownPolicy: ClaimPolicy = ({ claimant, rules, now }) => {
  if (!claimant.lastReleasedAt || rules.coolDownDays === 0) return undefined;
  const availableFrom = new Date(claimant.lastReleasedAt.getTime() + rules.coolDownDays * DAY_MS);
  return availableFrom > now ? PoolErrors.coolDown(availableFrom) : undefined;
};

/** Most customers one person may hold in the pool (pending applications count). */
export const holdLimitPolicy: ClaimPolicy = ({ claimant, rules }) => {
  const limit = holdLimitFor(rules, claimant.id, claimant.roles);
  return limit !== null && claimant.heldOrPending >= limit ? PoolErrors.holdLimit(limit) : undefined;
};

/** Most claims per person per day in the pool. */
export const dailyLimitPolicy: ClaimPolicy = ({ claimant, rules }) =>
  rules.maxClaimsPerDay !== null && claimant.claimsToday >= rules.maxClaimsPerDay ? PoolErrors.dailyLimit(rules.maxClaimsPerDay) : undefined;

/** Every rule a claim must pass before it protects or opens an application, in the order they are reported. */
export const CLAIM_POLICIES: readonly ClaimPolicy[] = [scopeModePolicy, overlapPolicy, reservationPolicy, coolDownPolicy, holdLimitPolicy, dailyLimitPolicy];

/** POOL-2: whether the claimant's roles may hold this grade directly, or must apply for approval. */
export function gradeRightOf({ rules, grade, claimant }: Pick<ClaimContext, 'rules' | 'grade' | 'claimant'>): 'direct' | 'needs-approval' {
  return mayClaimDirectly(rules, grade, claimant.roles) ? 'direct' : 'needs-approval';
}
