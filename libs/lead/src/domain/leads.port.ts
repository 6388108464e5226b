import type { Lead } from './lead.aggregate.js';
import type { LeadKeys, MatchedOn } from './lead-keys.js';
import type { ScoredActivity } from './lead.types.js';

/** Which open leads a re-scoring batch takes: scored with older rules, or with a window that has expired. */
export type RescoreSelection = { kind: 'stale-rules'; rulesVersion: number; after?: RescoreCursor } | { kind: 'window-expired'; now: Date };

/** Where a pass over stale leads has got to, in (rules version, id) order: the next batch starts after it. */
export interface RescoreCursor {
  rulesVersion: number;
  id: string;
}

/** Where Lead aggregates live; SQL in infrastructure, in memory for handler specs. */
export abstract class Leads {
  /** Loads a lead and locks it: every change to one lead is serialised here. */
  abstract lock(id: string): Promise<Lead | undefined>;
  /** The lead whose conversion waits for this claim application, locked. */
  abstract lockConverting(applicationId: string): Promise<Lead | undefined>;
  /** The open (or converting) lead a submission with these keys duplicates (mobile, then e-mail, then company alone), locked. */
  abstract lockOpenMatch(keys: LeadKeys): Promise<{ lead: Lead; matchedOn: MatchedOn } | undefined>;
  /** Another open lead that already has one of these keys (for edits). */
  abstract findOpenDuplicate(keys: LeadKeys, excludeId: string): Promise<{ leadId: string; matchedOn: MatchedOn } | undefined>;
  /** Saved activities of these leads from the last `days` days, by lead id. */
  abstract recentActivities(leadIds: readonly string[], days: number, now: Date): Promise<Map<string, ScoredActivity[]>>;
  /** Stores a new lead; false when an open lead with one of its keys got there first. */
  abstract add(lead: Lead): Promise<boolean>;
  /** Open leads any of these keys find (as `lockOpenMatch` would, for a whole batch), locked. */
  abstract lockOpenMatches(keys: readonly LeadKeys[]): Promise<Lead[]>;
  /** Stores new leads in one statement (their first pool stay says why they came: `imported` by default); answers the ids stored (the others lost to an open lead with one of their keys). */
  abstract addMany(leads: readonly Lead[], reason?: 'imported' | 'captured'): Promise<Set<string>>;
  /** Writes what changed (lead, new activities, a move) and hands its events to the unit of work. */
  abstract save(lead: Lead): Promise<void>;
  /**
   * Up to `limit` open leads to re-score, locked (`skipLocked` for jobs several workers run); stale
   * leads in (rules version, id) order, after the selection's cursor when it has one.
   */
  abstract lockForRescore(selection: RescoreSelection, limit: number, skipLocked: boolean): Promise<Lead[]>;
  /**
   * Up to `limit` owned open leads whose pool has a recycle rule that may be due at `now`, locked
   * with SKIP LOCKED (several workers share the work), by pool.
   */
  abstract lockDueForRecycling(now: Date, limit: number): Promise<Lead[]>;
  /** Writes the scores of re-scored leads in one statement and hands their events to the unit of work. */
  abstract saveScores(leads: readonly Lead[]): Promise<void>;
}
