import { writeFileSync } from 'node:fs';
import pg from 'pg';

/**
 * Preloaded into an API process (`node --import ./dist/bench/statement-counter.js …`) to count the
 * statements it sends to PostgreSQL, by statement text. The counts are written every second to
 * STATEMENT_COUNT_FILE, so a benchmark can read how many statements one request costs.
 */
const file = process.env.STATEMENT_COUNT_FILE ?? `statements-${process.pid}.json`;
const counts = new Map<string, number>();
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === 'string' ? first : ((first as { text?: string; name?: string } | undefined)?.text ?? '(prepared)');
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 120);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return original.apply(this, args);
};
setInterval(() => {
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  writeFileSync(file, JSON.stringify(Object.fromEntries(sorted), null, 1));
}, 1000).unref();
