/** What a `pg` client is sent for one statement: unnamed (parsed on every run) or named (parsed once per connection). */
export interface StatementConfig {
  name?: string;
  text: string;
  values: unknown[];
}

export interface PreparedStatementOptions {
  enabled: boolean;
  /** Named statements one connection keeps at most (PostgreSQL keeps each one's parsed query for the connection's life). */
  perConnection?: number;
  /** Statement texts this process counts at most; texts beyond it are never named. */
  trackedTexts?: number;
}

/** SQLSTATE 0A000 with this message: a table a named statement reads changed its columns (another process migrated). */
const RESULT_TYPE_CHANGED = 'cached plan must not change result type';

/**
 * Which statements go to PostgreSQL as named prepared statements. A report's statement is a few
 * kilobytes of SQL; parsing, analysing and rewriting it on every run costs PostgreSQL as much as a
 * small query's whole execution. A statement text this process sends a second time is named, and
 * each connection then parses it once and only binds and executes it afterwards. Texts sent once
 * (anything assembled per call) stay unnamed, and a connection names at most `perConnection`
 * statements, so a process holds a bounded set of them whatever its callers send.
 *
 * Plans do not change: the connections are opened with `plan_cache_mode = force_custom_plan`
 * (`connectionOptions`), so a named statement is planned for its parameters on every run, exactly as
 * an unnamed one. Turned off (`CRM_DATABASE_PREPARED_STATEMENTS=off`) for a connection pooler that
 * hands transactions to any server connection (PgBouncer's transaction mode before 1.21).
 */
export class PreparedStatements {
  private readonly perConnection: number;
  private readonly trackedTexts: number;
  /** Per text: how often it was sent while unnamed, or its name once it has one, or null when it must stay unnamed. */
  private readonly texts = new Map<string, number | string | null>();
  private readonly named = new WeakMap<object, Set<string>>();
  private nextName = 1;

  constructor(private readonly options: PreparedStatementOptions) {
    this.perConnection = options.perConnection ?? 100;
    this.trackedTexts = options.trackedTexts ?? 5_000;
  }

  /** Options for the pool's connections: what PostgreSQL must know for named statements to plan as unnamed ones do. */
  static connectionOptions(enabled: boolean): string | undefined {
    return enabled ? '-c plan_cache_mode=force_custom_plan' : undefined;
  }

  /** How to send `text` on `client`. */
  statement(client: object, text: string, values: unknown[]): StatementConfig {
    if (!this.options.enabled) return { text, values };
    const name = this.nameFor(text);
    if (name === undefined) return { text, values };
    let names = this.named.get(client);
    if (!names) this.named.set(client, (names = new Set()));
    if (!names.has(name)) {
      if (names.size >= this.perConnection) return { text, values };
      names.add(name);
    }
    return { name, text, values };
  }

  /**
   * After a named statement failed: true when the failure was its cached form going stale (the
   * statement is sent unnamed from then on in this process, and may be run again unnamed at once when
   * no transaction was open: PostgreSQL refuses only that execution).
   */
  staleAfter(error: unknown, statement: StatementConfig): boolean {
    if (!statement.name) return false;
    const failure = error as { code?: string; message?: string };
    if (failure.code !== '0A000' || !failure.message?.includes(RESULT_TYPE_CHANGED)) return false;
    this.texts.set(statement.text, null);
    return true;
  }

  private nameFor(text: string): string | undefined {
    const known = this.texts.get(text);
    if (typeof known === 'string') return known;
    if (known === null) return undefined;
    if (known === undefined) {
      if (this.texts.size < this.trackedTexts) this.texts.set(text, 1);
      return undefined;
    }
    const name = `crm_${this.nextName++}`;
    this.texts.set(text, name);
    return name;
  }
}
