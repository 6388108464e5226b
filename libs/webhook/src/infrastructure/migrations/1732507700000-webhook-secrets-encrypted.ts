import { loadConfig, SecretBox } from '@crm/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Signing secrets stored so far in plain text are encrypted with the key from `CRM_SECRETS_KEY` (AES-256-GCM). */
export class WebhookSecretsEncrypted1732507700000 implements MigrationInterface {
  name = 'WebhookSecretsEncrypted1732507700000';

  async up(db: QueryRunner): Promise<void> {
    const box = new SecretBox(loadConfig(process.env).secretsKey);
    const rows = (await db.query(`SELECT id, secret FROM webhook.subscriptions FOR UPDATE`)) as { id: string; secret: string }[];
    for (const row of rows.filter((entry) => !SecretBox.isSealed(entry.secret))) {
      await db.query(`UPDATE webhook.subscriptions SET secret = $2 WHERE id = $1`, [row.id, box.seal(row.secret)]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    const box = new SecretBox(loadConfig(process.env).secretsKey);
    const rows = (await db.query(`SELECT id, secret FROM webhook.subscriptions FOR UPDATE`)) as { id: string; secret: string }[];
    for (const row of rows.filter((entry) => SecretBox.isSealed(entry.secret))) {
      await db.query(`UPDATE webhook.subscriptions SET secret = $2 WHERE id = $1`, [row.id, box.open(row.secret)]);
    }
  }
}
