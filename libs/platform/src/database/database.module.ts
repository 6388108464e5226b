import { Global, Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { PreparedStatements } from './prepared-statements.js';
import { PREPARED_STATEMENTS, TransactionHost } from './transaction-host.js';

export type MigrationClass = new () => MigrationInterface;

const EMBEDDED = Symbol('EMBEDDED_POSTGRES');
const MIGRATION_LOCK_KEY = 727_001;

/** Where the database is: a server from DATABASE_URL, or the embedded one started here. */
export interface DatabaseConnectionInfo {
  url: string;
  embedded: boolean;
  poolSize: number;
  /** Statements sent again are named and parsed once per connection (off behind a transaction-mode pooler). */
  preparedStatements: boolean;
}
export const DATABASE_CONNECTION_INFO = Symbol('DATABASE_CONNECTION_INFO');

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}

/** Several processes may start at once: only one applies migrations, the others wait for it. */
async function migrateUnderLock(dataSource: DataSource, info: DatabaseConnectionInfo): Promise<void> {
  if (info.embedded) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = new pg.Client({ connectionString: info.url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(migrations: MigrationClass[]): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: EMBEDDED,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig): Promise<EmbeddedPostgres | null> => {
            if (config.databaseUrl) return null;
            const started = Date.now();
            const embedded = await startEmbeddedPostgres(config.embeddedDataDir);
            new Logger('Database').log(`Embedded PostgreSQL (${config.embeddedDataDir}) ready in ${Date.now() - started} ms`);
            return embedded;
          },
        },
        {
          provide: DATABASE_CONNECTION_INFO,
          inject: [APP_CONFIG, EMBEDDED],
          useFactory: (config: AppConfig, embedded: EmbeddedPostgres | null): DatabaseConnectionInfo => ({
            url: config.databaseUrl ?? embedded!.url,
            embedded: embedded !== null,
            // PGlite is a single backend: one connection, or transactions would interleave.
            poolSize: embedded !== null ? 1 : config.databasePoolSize,
            preparedStatements: config.databasePreparedStatements,
          }),
        },
        {
          provide: DataSource,
          inject: [DATABASE_CONNECTION_INFO],
          useFactory: async (info: DatabaseConnectionInfo): Promise<DataSource> => {
            const dataSource = new DataSource({
              type: 'postgres',
              url: info.url,
              migrations,
              migrationsTableName: 'schema_migrations',
              synchronize: false,
              poolSize: info.poolSize,
              extra: { application_name: 'crm', options: PreparedStatements.connectionOptions(info.preparedStatements) },
            });
            await dataSource.initialize();
            await migrateUnderLock(dataSource, info);
            return dataSource;
          },
        },
        {
          provide: PREPARED_STATEMENTS,
          inject: [DATABASE_CONNECTION_INFO],
          useFactory: (info: DatabaseConnectionInfo) => new PreparedStatements({ enabled: info.preparedStatements }),
        },
        TransactionHost,
        DatabaseLifecycle,
      ],
      exports: [DataSource, TransactionHost, DATABASE_CONNECTION_INFO],
    };
  }
}
