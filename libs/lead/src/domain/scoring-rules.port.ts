import type { VersionedRules } from './lead.aggregate.js';
import type { ScoringRules } from './scoring.js';

/** The scoring rules in force [评分规则], one versioned document. */
export abstract class LeadScoringRules {
  abstract current(): Promise<VersionedRules>;
  /** Replaces the rules; the new version, or undefined when `expectedVersion` is stale. */
  abstract replace(rules: ScoringRules, by: string, expectedVersion: number): Promise<number | undefined>;
}
