import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import { Lead, type LeadActivity } from '../domain/lead.aggregate.js';
import { LEAD_COLUMNS, LIVE, toLeadState, type LeadRow } from './lead-row.js';

/** What batch ingest reads and writes besides scores, each in one statement; SQL in the caller's transaction. */
@Injectable()
export class ActivityIngestStore {
  constructor(private readonly tx: TransactionHost) {}

  /** The leads visitor ids are linked to. */
  async visitorLinks(visitorIds: readonly string[]): Promise<Map<string, string>> {
    if (visitorIds.length === 0) return new Map();
    const rows = await this.tx.query<{ visitor_id: string; lead_id: string }>(
      `SELECT visitor_id, lead_id FROM lead.visitor_ids WHERE visitor_id = ANY($1::text[])`,
      [[...new Set(visitorIds)]],
    );
    return new Map(rows.map((row) => [row.visitor_id, row.lead_id]));
  }

  /** Open leads with any of these mobile or e-mail keys or ids, locked in id order (batches touching one lead take turns). */
  async lockOpenLeads(mobiles: readonly string[], emails: readonly string[], ids: readonly string[]): Promise<Lead[]> {
    if (mobiles.length + emails.length + ids.length === 0) return [];
    const rows = await this.tx.query<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM lead.leads l
        WHERE l.status IN ${LIVE} AND (l.mobile_key = ANY($1::text[]) OR l.email_key = ANY($2::text[]) OR l.id = ANY($3::uuid[]))
        ORDER BY l.id FOR UPDATE`,
      [[...new Set(mobiles)], [...new Set(emails)], [...new Set(ids)]],
    );
    return rows.map((row) => Lead.rehydrate(toLeadState(row)));
  }

  /** Activities already recorded under these external ids: the id each one got. */
  async recordedExternalIds(externalIds: readonly string[]): Promise<Map<string, { activityId: string; leadId: string }>> {
    if (externalIds.length === 0) return new Map();
    const rows = await this.tx.query<{ external_id: string; id: string; lead_id: string }>(
      `SELECT external_id, id, lead_id FROM lead.activities WHERE external_id = ANY($1::text[])`,
      [[...new Set(externalIds)]],
    );
    return new Map(rows.map((row) => [row.external_id, { activityId: row.id, leadId: row.lead_id }]));
  }

  /** The batch's activities of every lead, in one statement. */
  async insertActivities(activities: readonly (LeadActivity & { leadId: string; externalId: string | null })[]): Promise<void> {
    if (activities.length === 0) return;
    await this.tx.query(
      `INSERT INTO lead.activities (id, lead_id, kind, occurred_at, outcome, channel, campaign, detail, recorded_by, recorded_at, external_id)
       SELECT a.id, a.lead_id, a.kind, a.occurred_at, a.outcome, a.channel, a.campaign, a.detail, a.recorded_by, a.recorded_at, a.external_id
         FROM jsonb_to_recordset($1::jsonb) AS a(id uuid, lead_id uuid, kind text, occurred_at timestamptz, outcome text, channel text,
                                                 campaign text, detail jsonb, recorded_by text, recorded_at timestamptz, external_id text)`,
      [
        JSON.stringify(
          activities.map((a) => ({
            id: a.id,
            lead_id: a.leadId,
            kind: a.kind,
            occurred_at: a.occurredAt,
            outcome: a.outcome,
            channel: a.channel,
            campaign: a.campaign,
            detail: a.detail,
            recorded_by: a.recordedBy,
            recorded_at: a.recordedAt,
            external_id: a.externalId,
          })),
        ),
      ],
    );
  }

  /**
   * Links visitor ids to the leads their behaviour was matched to by mobile or e-mail (or made):
   * the first link stays while its lead is open; one to a lead closed or converted since is taken over.
   */
  async linkVisitors(links: readonly { visitorId: string; leadId: string }[], now: Date): Promise<void> {
    if (links.length === 0) return;
    await this.tx.query(
      `INSERT INTO lead.visitor_ids AS link (visitor_id, lead_id, linked_at)
       SELECT v.visitor_id, v.lead_id, $2 FROM jsonb_to_recordset($1::jsonb) AS v(visitor_id text, lead_id uuid)
       ON CONFLICT (visitor_id) DO UPDATE SET lead_id = EXCLUDED.lead_id, linked_at = EXCLUDED.linked_at
        WHERE NOT EXISTS (SELECT 1 FROM lead.leads l WHERE l.id = link.lead_id AND l.status IN ${LIVE})`,
      [JSON.stringify(links.map((link) => ({ visitor_id: link.visitorId, lead_id: link.leadId }))), now],
    );
  }
}
