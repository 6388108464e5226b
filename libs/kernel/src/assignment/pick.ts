/**
 * Picking an assignee [分配对象] among candidates by a strategy, with per-candidate capacity.
 *
 * - `round-robin` [轮询]: the next candidate after the last one assigned, in a fixed order (by id),
 *   wrapping. The caller persists the returned `cursor` (the id last assigned) and passes it back
 *   next time; an id is used rather than a position so that members joining or leaving do not
 *   shift the turn onto someone who just had one. Concurrency is the caller's: read the cursor
 *   `FOR UPDATE` (or update it with a compare-and-set) in the same transaction as the assignment.
 * - `least-busy` [按负载]: the lowest `load` (open work); ties go round-robin from the cursor, so
 *   equally loaded people take turns instead of the first id always winning.
 * - `weighted` [按权重]: the lowest `(load + 1) / weight`, so over time loads follow the weights
 *   (weight 2 gets about twice as much as weight 1); ties round-robin. Deterministic: no dice.
 *
 * A candidate whose `load` has reached its `capacity` is skipped (`at-capacity`), as is one the
 * caller marks `unavailable` with its own reason (on leave, cool-down, daily quota…) and, for
 * `weighted`, one whose weight is not positive. Every skip is returned with its reason, so a
 * decision can be explained. No one free → `assigneeId: null` and the cursor unchanged.
 *
 * Pure and synchronous: the caller loads the candidates' loads and stores the cursor.
 */

export type PickStrategy = 'round-robin' | 'least-busy' | 'weighted';

export const PICK_STRATEGIES: readonly PickStrategy[] = ['round-robin', 'least-busy', 'weighted'];

export interface Candidate {
  readonly id: string;
  /** Open work held now (leads, tickets…); default 0. */
  readonly load?: number;
  /** The most open work this candidate may hold; null / undefined = no limit. */
  readonly capacity?: number | null;
  /** Relative share for `weighted` (default 1). */
  readonly weight?: number;
  /** A caller's reason to skip this candidate now (e.g. `cool-down`, `daily-quota`). */
  readonly unavailable?: string | null;
}

export interface SkippedCandidate {
  readonly id: string;
  readonly reason: string;
}

export interface PickResult {
  /** The chosen candidate, or null when nobody is free. */
  readonly assigneeId: string | null;
  /** The cursor to persist: the chosen id (unchanged when nobody was chosen). */
  readonly cursor: string | null;
  /** Candidates passed over, each with why (`at-capacity`, `zero-weight`, or the caller's reason). */
  readonly skipped: readonly SkippedCandidate[];
}

export interface PickInput {
  readonly strategy: PickStrategy;
  readonly candidates: readonly Candidate[];
  /** The id assigned last time under this strategy (round-robin pointer); null at the start. */
  readonly cursor?: string | null;
}

/** The candidates in turn order: by id, starting just after `cursor`, wrapping round. */
function turnOrder(candidates: readonly Candidate[], cursor: string | null | undefined): Candidate[] {
  const unique = new Map<string, Candidate>();
  for (const c of candidates) if (!unique.has(c.id)) unique.set(c.id, c);
  const sorted = [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (cursor === null || cursor === undefined) return sorted;
  const start = sorted.findIndex((c) => c.id > cursor);
  if (start <= 0) return sorted;
  return [...sorted.slice(start), ...sorted.slice(0, start)];
}

function skipReason(candidate: Candidate, strategy: PickStrategy): string | null {
  if (candidate.unavailable) return candidate.unavailable;
  const load = candidate.load ?? 0;
  if (candidate.capacity !== null && candidate.capacity !== undefined && load >= candidate.capacity) {
    return 'at-capacity';
  }
  if (strategy === 'weighted' && !((candidate.weight ?? 1) > 0)) return 'zero-weight';
  return null;
}

/** Choose one assignee; see the module comment for each strategy. */
export function pickAssignee(input: PickInput): PickResult {
  const ordered = turnOrder(input.candidates, input.cursor);
  const skipped: SkippedCandidate[] = [];
  const free: Candidate[] = [];
  for (const c of ordered) {
    const reason = skipReason(c, input.strategy);
    if (reason) skipped.push({ id: c.id, reason });
    else free.push(c);
  }
  const cursor = input.cursor ?? null;
  if (free.length === 0) return { assigneeId: null, cursor, skipped };

  let chosen: Candidate = free[0]!;
  if (input.strategy === 'least-busy') {
    for (const c of free) if ((c.load ?? 0) < (chosen.load ?? 0)) chosen = c;
  } else if (input.strategy === 'weighted') {
    const share = (c: Candidate) => ((c.load ?? 0) + 1) / (c.weight ?? 1);
    for (const c of free) if (share(c) < share(chosen)) chosen = c;
  }
  // For round-robin the first free candidate in turn order is the one; for the other two the
  // strict "<" keeps the earliest in turn order among equals.
  return { assigneeId: chosen.id, cursor: chosen.id, skipped };
}

/**
 * Pick `count` times in a row, as a batch assignment would: each pick adds one to the chosen
 * candidate's load (so capacity and least-busy see the batch's own assignments) and moves the
 * cursor. Returns the assignee of each item in order (null once nobody is free) and the last cursor.
 * @public
 */
export function pickSequence(input: PickInput, count: number): { readonly assigneeIds: readonly (string | null)[]; readonly cursor: string | null } {
  const loads = new Map(input.candidates.map((c) => [c.id, c.load ?? 0]));
  let cursor = input.cursor ?? null;
  const assigneeIds: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const candidates = input.candidates.map((c) => ({ ...c, load: loads.get(c.id) ?? 0 }));
    const result = pickAssignee({ strategy: input.strategy, candidates, cursor });
    assigneeIds.push(result.assigneeId);
    if (result.assigneeId === null) continue;
    loads.set(result.assigneeId, (loads.get(result.assigneeId) ?? 0) + 1);
    cursor = result.cursor;
  }
  return { assigneeIds, cursor };
}
