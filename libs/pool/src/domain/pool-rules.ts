import { PoolErrors } from './pool.errors.js';
import { SCOPE_MODES, type ScopeMode } from './claim-scope.js';

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

const MAX_DAYS = 3650;
const MAX_LIMIT = 1_000_000;

/**
 * Rules as a whole must make sense before they are stored: they drive SQL in every recycling run,
 * so a bad value would stop recycling in every pool. Returns the rules, or throws POOL.INVALID_RULES.
 */
export function checkPoolRules(rules: PoolRules): PoolRules {
  const invalid = PoolErrors.invalidRules;
  const whole = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  const map = (name: string, value: Record<string, unknown>, check: (entry: unknown) => boolean, expected: string) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(`${name} must be an object.`);
    for (const [key, entry] of Object.entries(value)) if (!check(entry)) throw invalid(`${name}.${key} must be ${expected}.`);
  };
  if (!whole(rules.recycleAfterDays, 1, MAX_DAYS)) throw invalid(`recycleAfterDays must be a whole number from 1 to ${MAX_DAYS}.`);
  map('recycleAfterDaysByGrade', rules.recycleAfterDaysByGrade, (days) => whole(days, 1, MAX_DAYS), `a whole number from 1 to ${MAX_DAYS}`);
  map('maxHeldByRole', rules.maxHeldByRole, (limit) => whole(limit, 0, MAX_LIMIT), 'a whole number ≥ 0');
  map('maxHeldByUser', rules.maxHeldByUser, (limit) => whole(limit, 0, MAX_LIMIT), 'a whole number ≥ 0');
  map('gradeRights', rules.gradeRights, (roles) => Array.isArray(roles) && roles.every((role) => typeof role === 'string'), 'a list of role names');
  if (rules.maxClaimsPerDay !== null && !whole(rules.maxClaimsPerDay, 1, MAX_LIMIT)) throw invalid('maxClaimsPerDay must be a whole number ≥ 1, or null.');
  if (!whole(rules.coolDownDays, 0, 365)) throw invalid('coolDownDays must be a whole number from 0 to 365.');
  if (!whole(rules.reservationHours, 1, 2160)) throw invalid('reservationHours must be a whole number from 1 to 2160.');
  if (!(SCOPE_MODES as readonly string[]).includes(rules.scopeMode)) throw invalid(`scopeMode must be one of ${SCOPE_MODES.join(', ')}.`);
  const shortest = Math.min(rules.recycleAfterDays, ...Object.values(rules.recycleAfterDaysByGrade));
  if (!whole(rules.remindDaysBefore, 0, 365) || rules.remindDaysBefore >= shortest) {
    throw invalid('remindDaysBefore must be a whole number shorter than every recycle period.');
  }
  return rules;
}
