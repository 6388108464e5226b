import { DataSource, type QueryRunner } from 'typeorm';
import { identityMigrations } from '../../libs/identity/src/infrastructure/migrations/index.js';
import { platformMigrations } from '../../libs/platform/src/database/migrations/index.js';
import { opportunityMigrations } from '../../libs/opportunity/src/infrastructure/migrations/index.js';
import { createTestDatabase, describeOnServer, type TestDatabase } from '../support/test-database.js';

/**
 * Everything the opportunity schema holds, as text: columns, constraints, indexes, functions (with their bodies),
 * triggers, the number of rows of each table (what a migration seeds), and the permissions of the roles.
 */
async function schemaOf(runner: QueryRunner): Promise<Record<string, string[]>> {
  const list = async (text: string) => ((await runner.query(text)) as { item: string }[]).map((row) => row.item);
  const tables = await list(`SELECT table_name AS item FROM information_schema.tables WHERE table_schema = 'opportunity' ORDER BY 1`);
  const counts: string[] = [];
  for (const table of tables) {
    const [row] = (await runner.query(`SELECT count(*)::int AS count FROM opportunity.${table}`)) as { count: number }[];
    counts.push(`${table}: ${row!.count}`);
  }
  return {
    schema: await list(`SELECT nspname AS item FROM pg_namespace WHERE nspname = 'opportunity'`),
    columns: await list(`
      SELECT concat_ws(' ', table_name, column_name, data_type, udt_name, is_nullable, column_default, generation_expression) AS item
        FROM information_schema.columns WHERE table_schema = 'opportunity' ORDER BY table_name, column_name`),
    constraints: await list(`
      SELECT c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS item
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'opportunity' ORDER BY 1`),
    indexes: await list(`SELECT indexdef AS item FROM pg_indexes WHERE schemaname = 'opportunity' ORDER BY 1`),
    functions: await list(`
      SELECT pg_get_functiondef(p.oid) AS item FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'opportunity' ORDER BY 1`),
    triggers: await list(`
      SELECT pg_get_triggerdef(t.oid) AS item FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'opportunity' AND NOT t.tgisinternal ORDER BY 1`),
    types: await list(`
      SELECT t.typname AS item FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'opportunity' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0 ORDER BY 1`),
    sequences: await list(`SELECT sequence_name AS item FROM information_schema.sequences WHERE sequence_schema = 'opportunity' ORDER BY 1`),
    rows: counts,
    // What the first migration grants the default roles.
    roles: await list(`SELECT key || ': ' || array_to_string(permissions, ' ') AS item FROM identity.roles ORDER BY key`),
  };
}

/**
 * The Opportunity context's migrations taken down one by one and up again on an empty database (the platform's and Identity's migrations applied: the roles they grant to): each `down` leaves
 * exactly what was there before its `up` (schema, functions, triggers, indexes, seeded rows), and the second way
 * up ends where the first did.
 */
describeOnServer('Opportunity migrations down and up again', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let runner: QueryRunner;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: [...platformMigrations, ...identityMigrations],
      migrationsTableName: 'schema_migrations',
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    runner = dataSource.createQueryRunner();
  });
  afterAll(async () => {
    await runner?.release();
    await dataSource?.destroy();
    await database?.drop();
  });

  const step = async (migration: (typeof opportunityMigrations)[number], direction: 'up' | 'down') => {
    await runner.startTransaction();
    try {
      await new migration()[direction](runner);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw new Error(`${migration.name} ${direction}: ${(error as Error).message}`, { cause: error });
    }
  };

  it('restores the schema each migration found, and builds it again the same', async () => {
    const before = [await schemaOf(runner)];
    expect(before[0]!.schema).toEqual([]);
    for (const migration of opportunityMigrations) {
      await step(migration, 'up');
      before.push(await schemaOf(runner));
    }
    const built = before.pop()!;
    expect(built.functions.some((text) => text.includes('funnel_period_totals'))).toBe(true);
    for (const migration of [...opportunityMigrations].reverse()) {
      await step(migration, 'down');
      expect({ after: migration.name, ...(await schemaOf(runner)) }).toEqual({ after: migration.name, ...before.pop()! });
    }
    for (const migration of opportunityMigrations) await step(migration, 'up');
    expect(await schemaOf(runner)).toEqual(built);
  });
});
