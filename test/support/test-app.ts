import type { NestExpressApplication } from '@nestjs/platform-express';
import { IdentityService } from '@crm/identity';
import { FormIntake } from '@crm/lead';
import { EventDispatcher, loadConfig, TransactionHost, type AppConfig } from '@crm/platform';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestUser {
  id: string;
  username: string;
  token: string;
  /** Authorization header value. */
  auth: string;
}

let sequence = 0;

/** The whole API on a real database, over real HTTP (supertest), plus helpers to set up people. */
export class TestApp {
  private constructor(
    readonly app: NestExpressApplication,
    readonly database: TestDatabase | undefined,
    readonly config: AppConfig,
  ) {}

  static async start(options: { config?: Partial<AppConfig>; database?: TestDatabase | 'share'; sharedWith?: TestApp } = {}): Promise<TestApp> {
    const database = options.sharedWith ? undefined : await createTestDatabase({ migrated: true });
    const databaseUrl = options.sharedWith ? options.sharedWith.config.databaseUrl : database?.url;
    const config = loadConfig(
      {},
      {
        databaseUrl,
        embeddedDataDir: 'memory://',
        demoData: false,
        logLevel: 'warn',
        natsUrl: undefined,
        // Specs share one NATS server: ask its stream for little storage, the same in every spec.
        natsMaxBytes: 1024 ** 3,
        runSchedules: false,
        ...options.config,
      },
    );
    const app = await createApi(config);
    await app.init();
    return new TestApp(app, database, config);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  get tx(): TransactionHost {
    return this.app.get(TransactionHost);
  }

  /**
   * Waits until every accepted web-form submission is captured and every due outbox event has
   * been delivered to the reactions, whether by this call or by a loop that holds some of them
   * at the moment.
   */
  async settleEvents(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Accepted web-form submissions first: their captures raise events too.
      await this.app.get(FormIntake).drain();
      await this.app.get(EventDispatcher).drain();
      const [row] = await this.tx.query<{ due: number }>(
        `SELECT (SELECT count(*)::int FROM platform.events WHERE dispatched_at IS NULL AND next_dispatch_at <= now())
              + (SELECT count(*)::int FROM lead.form_inbox WHERE next_attempt_at <= now()) AS due`,
      );
      if (row!.due === 0) return;
      if (Date.now() > deadline) throw new Error(`${row!.due} events or form submissions still undelivered`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Creates a user directly (the admin API is tested on its own) and logs them in over HTTP. */
  async user(roles: string[], placement: { departmentId?: string; teamId?: string } = {}): Promise<TestUser> {
    const username = `user${++sequence}.${roles[0]}`;
    const password = 'password-123';
    const identity = this.app.get(IdentityService);
    const user = await identity.createUser({ username, displayName: `User ${sequence}`, password, roles, ...placement });
    const token = await this.login(username, password);
    return { id: user.id, username, token, auth: `Bearer ${token}` };
  }

  async login(username: string, password: string): Promise<string> {
    const response = await this.http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return response.body.accessToken as string;
  }

  async team(): Promise<{ departmentId: string; teamId: string }> {
    const identity = this.app.get(IdentityService);
    const department = await identity.createDepartment(`Department ${++sequence}`, null);
    const team = await identity.createTeam(`Team ${sequence}`, department.id);
    return { departmentId: department.id, teamId: team.id };
  }

  /** Stops the app; its database is dropped unless kept (to restart on it, as after a crash). */
  async close(options: { keepDatabase?: boolean } = {}): Promise<void> {
    await this.app.close();
    if (!options.keepDatabase) await this.database?.drop();
  }
}
