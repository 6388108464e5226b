import { EventDispatcher } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { TestApp } from '../support/test-app.js';

/** Behind a backlog the dispatcher takes bigger batches, and goes back to small ones once it keeps up. */
describe('dispatching a backlog', () => {
  let app: TestApp;

  beforeAll(async () => {
    // No loop of its own: the spec drives the dispatcher, so the batches are only the ones it asks for.
    app = await TestApp.start({ config: { runEventDispatcher: false } });
  });

  afterAll(async () => {
    await app?.close();
  });

  async function recordEvents(count: number): Promise<void> {
    const ids = Array.from({ length: count }, () => uuidv7());
    await app.tx.query(
      `INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, payload)
       SELECT id, 'test.backlog-item.v1', 1, now(), 'test', id, '{}' FROM unnest($1::uuid[]) AS id`,
      [ids],
    );
  }

  /** Each batch is one transaction, and `now()` is its start: one distinct time per batch, with its size. */
  async function batches(): Promise<number[]> {
    const rows = await app.tx.query<{ size: number }>(
      `SELECT count(*)::int AS size FROM platform.events WHERE type = 'test.backlog-item.v1' GROUP BY dispatched_at ORDER BY min(seq)`,
    );
    return rows.map((row) => row.size);
  }

  it('delivers 650 waiting events in batches of 100, 500 and the 50 left, then 100 again', async () => {
    await app.app.get(EventDispatcher).drain();
    await recordEvents(650);
    expect(await app.app.get(EventDispatcher).drain()).toBe(650);
    expect(await batches()).toEqual([100, 500, 50]);

    await recordEvents(150);
    await app.app.get(EventDispatcher).drain();
    expect(await batches()).toEqual([100, 500, 50, 100, 50]);
  });
});
