import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempts per client address and username, counted in the database so every API replica
 * shares one budget (rate-limiter-flexible's PostgreSQL store: key, points used, expiry in epoch ms).
 */
export class LoginAttempts1732501200000 implements MigrationInterface {
  name = 'LoginAttempts1732501200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.login_attempts (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await db.query(`CREATE INDEX login_attempts_expire_idx ON identity.login_attempts (expire)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.login_attempts`);
  }
}
