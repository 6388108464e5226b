import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { PreparedStatements, type StatementConfig } from './prepared-statements.js';

/** Which statements are sent as named prepared statements (see PreparedStatements); none when not provided. */
export const PREPARED_STATEMENTS = Symbol('PREPARED_STATEMENTS');

interface PgClient {
  query(config: StatementConfig): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

interface TransactionScope {
  manager: EntityManager;
  afterCommit: (() => void)[];
}

interface ScriptResult {
  rows: Record<string, unknown>[];
}

export interface ExecResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * The current unit of work. `run` opens a transaction or joins the one already open in this
 * async context, so a command handler, the idempotency record of its request and the events it
 * raises commit or roll back together, and a reaction joins the dispatcher's transaction.
 */
@Injectable()
export class TransactionHost {
  private readonly scope = new AsyncLocalStorage<TransactionScope>();
  private savepoints = 0;

  private readonly prepared: PreparedStatements;

  constructor(
    readonly dataSource: DataSource,
    @Optional() @Inject(PREPARED_STATEMENTS) prepared?: PreparedStatements,
  ) {
    this.prepared = prepared ?? new PreparedStatements({ enabled: false });
  }

  get inTransaction(): boolean {
    return this.scope.getStore() !== undefined;
  }

  get manager(): EntityManager {
    return this.scope.getStore()?.manager ?? this.dataSource.manager;
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return work(current.manager);
    const afterCommit: (() => void)[] = [];
    const result = await this.dataSource.transaction((manager) => this.scope.run({ manager, afterCommit }, () => work(manager)));
    for (const hook of afterCommit) hook();
    return result;
  }

  /**
   * Runs `work` so that its failure undoes only its own writes: in a savepoint inside an open
   * transaction, else in a transaction of its own. For batches whose items succeed or fail alone.
   */
  async isolated<T>(work: () => Promise<T>): Promise<T> {
    if (!this.inTransaction) return this.run(work);
    const name = `item_${++this.savepoints}`;
    await this.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await this.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  /**
   * Runs `work` outside the current transaction, when there is one: the transactions it opens
   * commit on their own, whatever the caller's does. For long set-based work an event reaction
   * starts (each batch its own transaction, so locks are held for one batch, never to the end).
   */
  detached<T>(work: () => Promise<T>): Promise<T> {
    return this.scope.exit(work);
  }

  /** Runs `hook` once the surrounding transaction has committed (at once when there is none). */
  afterCommit(hook: () => void): void {
    const current = this.scope.getStore();
    if (current) current.afterCommit.push(hook);
    else hook();
  }

  /** Rows of a query, inside the current transaction when there is one. */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.execute<T>(sql, params)).rows;
  }

  async queryOne<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.execute<T>(sql, params)).rows[0];
  }

  /** Rows and affected-row count, for conditional updates whose count is the answer. */
  async execute<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<ExecResult<T>> {
    const current = this.scope.getStore();
    if (current?.manager.queryRunner) return this.structured<T>(current.manager.queryRunner, sql, params);
    const runner = this.dataSource.createQueryRunner();
    try {
      return await this.structured<T>(runner, sql, params);
    } finally {
      await runner.release();
    }
  }

  /**
   * Several statements without parameters in one round trip, inside the current transaction when
   * there is one: PostgreSQL's simple protocol runs them in order, each planned once the one before
   * it ran (so a `SET LOCAL` first changes how the next is planned). Answers each statement's rows,
   * in order. Fixed text only: nothing a caller sends goes into it.
   */
  async script(sql: string): Promise<Record<string, unknown>[][]> {
    const runner = this.scope.getStore()?.manager.queryRunner;
    const own = runner ? undefined : this.dataSource.createQueryRunner();
    try {
      if (runner?.isReleased) throw new Error('The transaction this statement belongs to has ended.');
      const client = (await (runner ?? own)!.connect()) as { query(text: string): Promise<ScriptResult | ScriptResult[]> };
      const results = await client.query(sql);
      return (Array.isArray(results) ? results : [results]).map((result) => result.rows);
    } finally {
      await own?.release();
    }
  }

  /**
   * On a connection of its own, outside the current transaction even when there is one: for
   * counters (rate limits) that must neither be rolled back with the caller nor stay locked until
   * it commits.
   */
  async executeDetached<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<ExecResult<T>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await this.structured<T>(runner, sql, params);
    } finally {
      await runner.release();
    }
  }

  /**
   * Straight to the runner's `pg` client: TypeORM's own `query` adds a logger call, before and after
   * broadcasts (this application has no subscribers) and a result object per statement, some
   * microtask hops each. Errors are pg's own (`code`, `constraint`, as TypeORM copied them).
   */
  private async structured<T>(runner: QueryRunner, sql: string, params: unknown[]): Promise<ExecResult<T>> {
    // As TypeORM's `query` does: a statement left over from a finished transaction must not run on a connection back in the pool.
    if (runner.isReleased) throw new Error('The transaction this statement belongs to has ended.');
    const client = (await runner.connect()) as PgClient;
    const statement = this.prepared.statement(client, sql, params);
    let result: { rows: unknown[]; rowCount: number | null };
    try {
      result = await client.query(statement);
    } catch (error) {
      if (!this.prepared.staleAfter(error, statement) || this.inTransaction) throw error;
      result = await client.query({ text: sql, values: params });
    }
    return { rows: (result.rows ?? []) as T[], rowCount: result.rowCount ?? result.rows?.length ?? 0 };
  }
}
