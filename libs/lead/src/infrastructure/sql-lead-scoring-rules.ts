import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import type { VersionedRules } from '../domain/lead.aggregate.js';
import type { ScoringRules } from '../domain/scoring.js';
import { LeadScoringRules } from '../domain/scoring-rules.port.js';

/** The scoring rules in lead.scoring_rules, one row. */
@Injectable()
export class SqlLeadScoringRules extends LeadScoringRules {
  constructor(private readonly tx: TransactionHost) {
    super();
  }

  async current(): Promise<VersionedRules> {
    const row = await this.tx.queryOne<{ rules: ScoringRules; version: number }>(`SELECT rules, version FROM lead.scoring_rules WHERE id = 1`);
    return { rules: row!.rules, version: row!.version };
  }

  async replace(rules: ScoringRules, by: string, expectedVersion: number): Promise<number | undefined> {
    const row = await this.tx.queryOne<{ version: number }>(
      `UPDATE lead.scoring_rules SET rules = $1, version = version + 1, updated_at = now(), updated_by = $2 WHERE id = 1 AND version = $3 RETURNING version`,
      [JSON.stringify(rules), by, expectedVersion],
    );
    return row?.version;
  }
}
