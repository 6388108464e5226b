import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The request that currently owns an in-flight idempotency key, so a stale owner cannot finish it. */
export class IdempotencyOwner1732500900000 implements MigrationInterface {
  name = 'IdempotencyOwner1732500900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE platform.idempotency_keys ADD COLUMN owner uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE platform.idempotency_keys DROP COLUMN owner`);
  }
}
