import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Counters of bank notifications per account and per client address, shared by every API replica. */
export class BankNotificationLimits1732508130000 implements MigrationInterface {
  name = 'BankNotificationLimits1732508130000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE contract.bank_notification_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await db.query(`CREATE INDEX bank_notification_limits_expire_idx ON contract.bank_notification_limits (expire)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contract.bank_notification_limits`);
  }
}
