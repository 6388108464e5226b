import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import { CampaignErrors } from '../domain/campaign.js';

export interface CampaignRecord {
  id: string;
  code: string;
  name: string;
  channel: string | null;
  cost: string;
  startsOn: string | null;
  endsOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type CampaignSettings = Pick<CampaignRecord, 'name' | 'channel' | 'cost' | 'startsOn' | 'endsOn'>;

const COLUMNS = `id, code, name, channel, cost::text AS cost, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn",
  created_at AS "createdAt", updated_at AS "updatedAt", version`;

/** Campaigns [市场活动] and their cost; SQL in the caller's transaction. */
@Injectable()
export class CampaignStore {
  constructor(private readonly tx: TransactionHost) {}

  find(id: string): Promise<CampaignRecord | undefined> {
    return this.tx.queryOne<CampaignRecord>(`SELECT ${COLUMNS} FROM lead.campaigns WHERE id = $1`, [id]);
  }

  list(afterCode: string | null, limit: number): Promise<CampaignRecord[]> {
    return this.tx.query<CampaignRecord>(`SELECT ${COLUMNS} FROM lead.campaigns WHERE ($1::text IS NULL OR code > $1) ORDER BY code LIMIT $2`, [
      afterCode,
      limit,
    ]);
  }

  async insert(id: string, code: string, settings: CampaignSettings, createdBy: string): Promise<void> {
    await this.tx
      .query(`INSERT INTO lead.campaigns (id, code, name, channel, cost, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        id,
        code,
        settings.name,
        settings.channel,
        settings.cost,
        settings.startsOn,
        settings.endsOn,
        createdBy,
      ])
      .catch((error: { code?: string; constraint?: string }) => {
        if (error.code === '23505' && error.constraint === 'campaigns_code_key') throw CampaignErrors.codeTaken();
        throw error;
      });
  }

  async update(id: string, settings: CampaignSettings, expectedVersion: number): Promise<number | undefined> {
    const row = await this.tx.queryOne<{ version: number }>(
      `UPDATE lead.campaigns SET name = $2, channel = $3, cost = $4, starts_on = $5, ends_on = $6, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $7 RETURNING version`,
      [id, settings.name, settings.channel, settings.cost, settings.startsOn, settings.endsOn, expectedVersion],
    );
    return row?.version;
  }
}
