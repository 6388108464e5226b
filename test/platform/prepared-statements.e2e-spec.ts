import { TestApp } from '../support/test-app.js';
import { describeOnServer } from '../support/test-database.js';

interface Prepared {
  statement: string;
  generic_plans: string;
  custom_plans: string;
}

async function preparedOnThisConnection(app: TestApp, text: string): Promise<Prepared | undefined> {
  const rows = await app.tx.query<Prepared>(`SELECT statement, generic_plans::text, custom_plans::text FROM pg_prepared_statements`);
  return rows.find((row) => row.statement === text);
}

describeOnServer('prepared statements (one connection, so every statement meets the same backend)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ config: { databasePoolSize: 1 } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('names a statement the second time it is sent and still plans it for each run’s parameters', async () => {
    const text = `SELECT count(*)::int AS n FROM generate_series(1, $1::int) AS i WHERE i % 2 = 0`;
    const answers: number[] = [];
    for (let run = 1; run <= 8; run++) answers.push((await app.tx.queryOne<{ n: number }>(text, [run * 10]))!.n);
    expect(answers).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);

    const prepared = await preparedOnThisConnection(app, text);
    // Sent unnamed once, then named: seven runs of the named statement, each planned for its own value.
    expect(prepared).toEqual({ statement: text, generic_plans: '0', custom_plans: '7' });
    expect(await app.tx.queryOne(`SHOW plan_cache_mode`)).toEqual({ plan_cache_mode: 'force_custom_plan' });
  });

  it('leaves a statement sent once unnamed', async () => {
    const text = `SELECT 'sent once' AS what, $1::int AS n`;
    await app.tx.query(text, [1]);
    expect(await preparedOnThisConnection(app, text)).toBeUndefined();
  });

  it('keeps answering when another process changes a table under a named statement', async () => {
    await app.tx.query(`CREATE TABLE public.reshaped (a int)`);
    await app.tx.query(`INSERT INTO public.reshaped VALUES (1)`);
    const outside = `SELECT * FROM public.reshaped`;
    const inside = `SELECT * FROM public.reshaped WHERE a >= $1`;
    for (let run = 0; run < 3; run++) {
      await app.tx.query(outside);
      await app.tx.query(inside, [0]);
    }
    expect(await preparedOnThisConnection(app, outside)).toBeDefined();

    // A migration from a newer release adds a column: the named statements' result type is now stale.
    await app.tx.query(`ALTER TABLE public.reshaped ADD COLUMN b text DEFAULT 'new'`);

    // Outside a transaction the same call answers, with the new column.
    expect(await app.tx.query(outside)).toEqual([{ a: 1, b: 'new' }]);
    // Inside one, PostgreSQL has already failed the transaction: that attempt fails, the next succeeds.
    await expect(app.tx.run(() => app.tx.query(inside, [0]))).rejects.toMatchObject({ code: '0A000' });
    expect(await app.tx.run(() => app.tx.query(inside, [0]))).toEqual([{ a: 1, b: 'new' }]);
  });
});

describeOnServer('prepared statements turned off (CRM_DATABASE_PREPARED_STATEMENTS=off)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ config: { databasePoolSize: 1, databasePreparedStatements: false } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sends every statement unnamed', async () => {
    const text = `SELECT $1::int + 1 AS n`;
    for (let run = 0; run < 5; run++) await app.tx.query(text, [run]);
    expect(await app.tx.query(`SELECT name FROM pg_prepared_statements`)).toEqual([]);
  });
});
