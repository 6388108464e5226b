import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Any change to users or roles (whoever makes it: a replica, a migration, an operator in psql)
 * sends `NOTIFY crm_identity_changed` when its transaction commits, so every API replica drops the
 * acting users it keeps in memory. Statement-level: one notice per statement, folded into one per
 * transaction by PostgreSQL.
 */
export class IdentityChangeNotices1732508500000 implements MigrationInterface {
  name = 'IdentityChangeNotices1732508500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION identity.notify_identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('crm_identity_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['users', 'roles']) {
      await db.query(`
        CREATE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON identity.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION identity.notify_identity_changed()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['users', 'roles']) await db.query(`DROP TRIGGER ${table}_changed ON identity.${table}`);
    await db.query(`DROP FUNCTION identity.notify_identity_changed()`);
  }
}
