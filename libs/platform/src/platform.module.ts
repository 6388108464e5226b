import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { ScheduleModule } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { DatabaseModule, type MigrationClass } from './database/database.module.js';
import { platformMigrations } from './database/migrations/index.js';
import { ProblemDetailsFilter } from './errors/problem-details.filter.js';
import { DispatchSignal } from './events/dispatch-signal.js';
import { EventDispatcher } from './events/event-dispatcher.js';
import { EventRecorder } from './events/event-recorder.js';
import { EventReactions } from './events/event-reactions.registry.js';
import { UnitOfWork } from './unit-of-work/unit-of-work.js';
import { EventsFeedController } from './events/events-feed.controller.js';
import { NatsRelay } from './events/nats-relay.js';
import { MaintainEventLogJob } from './events/maintain-event-log.job.js';
import { HealthController } from './health/health.controller.js';
import { UnknownQueryParametersGuard } from './http/unknown-query.guard.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { PurgeIdempotencyKeysJob } from './idempotency/purge-idempotency-keys.job.js';
import { JwtAuthGuard, PermissionsGuard } from './auth/auth.guards.js';
import { AccessTokenStrategy } from './auth/access-token.strategy.js';
import { AccessTokens } from './auth/access-tokens.js';
import { PermissionRegistry } from './auth/permissions.js';
import { SigningKeyStore } from './auth/signing-key.store.js';

export interface PlatformOptions {
  config: AppConfig;
  /** Every context's migrations; platform's own come first. */
  migrations: MigrationClass[];
  /** Serve HTTP controllers (false in the worker). */
  http: boolean;
}

/** The shared kernel every context builds on: database, auth, events, errors, idempotency. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        DatabaseModule.forRoot([...platformMigrations, ...options.migrations]),
        CqrsModule.forRoot(),
        DiscoveryModule,
        JwtModule.register({}),
        ScheduleModule.forRoot(),
      ],
      controllers: options.http ? [EventsFeedController, HealthController] : [],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        DispatchSignal,
        EventReactions,
        EventRecorder,
        UnitOfWork,
        EventDispatcher,
        NatsRelay,
        PermissionRegistry,
        SigningKeyStore,
        AccessTokens,
        AccessTokenStrategy,
        IdempotencyInterceptor,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PermissionsGuard },
        { provide: APP_GUARD, useClass: UnknownQueryParametersGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        ...(options.config.runSchedules ? [PurgeIdempotencyKeysJob, MaintainEventLogJob] : []),
      ],
      exports: [
        APP_CONFIG,
        DatabaseModule,
        CqrsModule,
        EventRecorder,
        UnitOfWork,
        EventDispatcher,
        NatsRelay,
        DispatchSignal,
        SigningKeyStore,
        PermissionRegistry,
        JwtModule,
        IdempotencyInterceptor,
      ],
    };
  }
}
