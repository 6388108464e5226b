import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export type IngestItemStatus = 'recorded' | 'created' | 'duplicate' | 'unmatched' | 'invalid';

export interface IngestItemResult {
  /** Position of the item in the batch (0 first). */
  index: number;
  externalId: string | null;
  status: IngestItemStatus;
  /** How the lead was found: its mobile, e-mail, or a visitor id linked to it earlier. */
  matchedOn: 'mobile' | 'email' | 'visitor' | null;
  /** The lead, when it is within your reach (else null even when matched); for `created`, the new lead. */
  leadId: string | null;
  /** The activity recorded now, or the one a duplicate was recorded as before. */
  activityId: string | null;
  code: string | null;
  field: string | null;
}

export interface IngestResult {
  received: number;
  recorded: number;
  /** Items that made a new lead (`createUnmatched`); a second item of the same new person is `recorded` on it. */
  created: number;
  duplicates: number;
  unmatched: number;
  invalid: number;
  /** Leads whose score was looked at again. */
  leadsRescored: number;
  items: IngestItemResult[];
}

/** Where leads made from unmatched items go, and with which channel and campaign. */
export interface CreateUnmatched {
  poolId: string;
  channel: string;
  campaignId: string | null;
}

/**
 * A tracking system's batch of behaviour [行为数据批量接入], matched to open leads by mobile, e-mail
 * or visitor id; with `createUnmatched`, items with a mobile or e-mail that match no open lead make one.
 */
export class IngestLeadActivitiesCommand extends Command<IngestResult> {
  constructor(
    readonly actor: Actor,
    readonly items: readonly unknown[],
    readonly createUnmatched: CreateUnmatched | null = null,
  ) {
    super();
  }
}
