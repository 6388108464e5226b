import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import { LeadFormErrors, type FormField } from '../domain/lead-form.js';

export interface LeadFormRecord {
  id: string;
  key: string;
  name: string;
  poolId: string;
  channel: string;
  campaign: string | null;
  fields: FormField[];
  honeypotField: string;
  maxPerAddressPerMinute: number;
  maxPerMinute: number;
  enabled: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type FormSettings = Pick<
  LeadFormRecord,
  'name' | 'poolId' | 'channel' | 'campaign' | 'fields' | 'honeypotField' | 'maxPerAddressPerMinute' | 'maxPerMinute' | 'enabled'
>;

export const FORM_COLUMNS = `f.id, f.key, f.name, f.pool_id AS "poolId", f.channel, f.campaign, f.fields, f.honeypot_field AS "honeypotField",
  f.max_per_address_per_minute AS "maxPerAddressPerMinute", f.max_per_minute AS "maxPerMinute", f.enabled,
  f.created_by AS "createdBy", f.created_at AS "createdAt", f.updated_at AS "updatedAt", f.version`;

function keyTaken(error: unknown): never {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === '23505' && constraint === 'forms_key_key') throw LeadFormErrors.keyTaken();
  throw error;
}

/** Web forms [表单]; SQL in the caller's transaction. */
@Injectable()
export class FormStore {
  constructor(private readonly tx: TransactionHost) {}

  find(id: string): Promise<LeadFormRecord | undefined> {
    return this.tx.queryOne<LeadFormRecord>(`SELECT ${FORM_COLUMNS} FROM lead.forms f WHERE f.id = $1`, [id]);
  }

  /** Forms whose pool lies within `poolSql` (a predicate on lead.pools aliased p), by id after `afterId`. */
  list(poolSql: string, values: unknown[], afterId: string | null, limit: number): Promise<LeadFormRecord[]> {
    const n = values.length;
    return this.tx.query<LeadFormRecord>(
      `SELECT ${FORM_COLUMNS} FROM lead.forms f JOIN lead.pools p ON p.id = f.pool_id
        WHERE ${poolSql} AND ($${n + 1}::uuid IS NULL OR f.id > $${n + 1}) ORDER BY f.id LIMIT $${n + 2}`,
      [...values, afterId, limit],
    );
  }

  async insert(id: string, key: string, settings: FormSettings, createdBy: string): Promise<void> {
    await this.tx
      .query(
        `INSERT INTO lead.forms (id, key, name, pool_id, channel, campaign, fields, honeypot_field, max_per_address_per_minute, max_per_minute, enabled, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          id,
          key,
          settings.name,
          settings.poolId,
          settings.channel,
          settings.campaign,
          JSON.stringify(settings.fields),
          settings.honeypotField,
          settings.maxPerAddressPerMinute,
          settings.maxPerMinute,
          settings.enabled,
          createdBy,
        ],
      )
      .catch(keyTaken);
  }

  async update(id: string, settings: FormSettings, expectedVersion: number): Promise<number | undefined> {
    const row = await this.tx.queryOne<{ version: number }>(
      `UPDATE lead.forms SET name = $2, pool_id = $3, channel = $4, campaign = $5, fields = $6, honeypot_field = $7,
              max_per_address_per_minute = $8, max_per_minute = $9, enabled = $10, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $11 RETURNING version`,
      [
        id,
        settings.name,
        settings.poolId,
        settings.channel,
        settings.campaign,
        JSON.stringify(settings.fields),
        settings.honeypotField,
        settings.maxPerAddressPerMinute,
        settings.maxPerMinute,
        settings.enabled,
        expectedVersion,
      ],
    );
    return row?.version;
  }
}
