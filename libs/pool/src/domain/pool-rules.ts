import type { ScopeMode } from './claim-scope.js';

/**
 * A pool's rules [公海规则], stored as data and edited by its admins (POOL-1, 2, 7, 10).
 * Absent limits mean "no limit".
 */
export interface PoolRules {
  /** Days without follow-up after which a held customer falls back into the pool [掉入公海]. */
  recycleAfterDays: number;
  /** Overrides of recycleAfterDays by customer grade, e.g. {"A": 90}. */
  recycleAfterDaysByGrade: Record<string, number>;
  /** Remind the holder this many days before recycling. */
  remindDaysBefore: number;
  /** Most customers one person may hold in this pool, by role; the largest of a user's roles applies. */
  maxHeldByRole: Record<string, number>;
  /** Per-user overrides of the hold limit. */
  maxHeldByUser: Record<string, number>;
  /** Most claims (direct or applied for) per person per day in this pool. */
  maxClaimsPerDay: number | null;
  /** Days before someone who released a customer may claim it again [冷静期]. */
  coolDownDays: number;
  /** How long a pending application reserves the customer for its applicant. */
  reservationHours: number;
  /** What one claim protects: the whole customer, a product line, or products. */
  scopeMode: ScopeMode;
  /** Customer grade -> roles that may claim directly; other roles apply for approval. Unlisted grades: anyone. */
  gradeRights: Record<string, string[]>;
}

export const DEFAULT_POOL_RULES: PoolRules = {
  recycleAfterDays: 30,
  recycleAfterDaysByGrade: {},
  remindDaysBefore: 3,
  maxHeldByRole: {},
  maxHeldByUser: {},
  maxClaimsPerDay: null,
  coolDownDays: 7,
  reservationHours: 72,
  scopeMode: 'customer',
  gradeRights: {},
};

export function recycleDaysFor(rules: PoolRules, grade: string): number {
  return rules.recycleAfterDaysByGrade[grade] ?? rules.recycleAfterDays;
}

export function holdLimitFor(rules: PoolRules, userId: string, roles: readonly string[]): number | null {
  const override = rules.maxHeldByUser[userId];
  if (override !== undefined) return override;
  const byRole = roles.map((role) => rules.maxHeldByRole[role]).filter((limit): limit is number => limit !== undefined);
  return byRole.length ? Math.max(...byRole) : null;
}

/** POOL-2: may these roles claim a customer of this grade without approval? */
export function mayClaimDirectly(rules: PoolRules, grade: string, roles: readonly string[]): boolean {
  const allowed = rules.gradeRights[grade];
  return allowed === undefined || roles.some((role) => allowed.includes(role));
}
