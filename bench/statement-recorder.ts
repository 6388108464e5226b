import { appendFileSync } from 'node:fs';
import pg from 'pg';

/**
 * Preloaded into an API process (`node --import ./dist/bench/statement-recorder.js …`) to record
 * whole transactions as the API sends them: every statement's text and parameters from
 * `START TRANSACTION` to `COMMIT`, one JSON line per transaction in RECORD_FILE, for transactions
 * with a statement matching RECORD_MATCH (a regular expression), at most RECORD_LIMIT of them.
 * A benchmark then sends the very same statements directly (`replayTransaction`), so its direct
 * side is the API's SQL by construction rather than a hand-written copy of it.
 */
const file = process.env.RECORD_FILE ?? `transactions-${process.pid}.jsonl`;
const match = new RegExp(process.env.RECORD_MATCH ?? '^$');
let left = Number(process.env.RECORD_LIMIT ?? 10_000);
const open = new WeakMap<pg.Client, { text: string; values: unknown[] }[]>();

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
  const values = (Array.isArray(args[1]) ? args[1] : ((first as { values?: unknown[] } | undefined)?.values ?? [])) as unknown[];
  const verb = text.trim().toUpperCase();
  if (verb.startsWith('START TRANSACTION') || verb === 'BEGIN') open.set(this, []);
  else if (verb === 'COMMIT') {
    const statements = open.get(this);
    open.delete(this);
    if (statements && left > 0 && statements.some((statement) => match.test(statement.text))) {
      left--;
      appendFileSync(file, `${JSON.stringify(statements)}\n`);
    }
  } else if (verb === 'ROLLBACK') open.delete(this);
  else open.get(this)?.push({ text, values: values.map((value) => (value instanceof Date ? value.toISOString() : value)) });
  return original.apply(this, args);
};
