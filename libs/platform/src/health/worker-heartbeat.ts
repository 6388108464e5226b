import { rmSync, statSync, writeFileSync } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionHost } from '../database/transaction-host.js';

const BEAT_EVERY_MS = 10_000;
/** Three missed beats: the worker is stuck or cannot reach its database. */
export const HEARTBEAT_MAX_AGE_MS = 3 * BEAT_EVERY_MS;

/**
 * The worker serves no HTTP, so its health is a file: touched every 10 s while the database
 * answers, removed on shutdown. `node dist/apps/worker/src/main.js --health` (the container's
 * health check) asks whether it is fresh.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHeartbeat');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), BEAT_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    rmSync(this.config.heartbeatFile, { force: true });
  }

  private async beat(): Promise<void> {
    try {
      await this.tx.query('SELECT 1');
      writeFileSync(this.config.heartbeatFile, new Date().toISOString());
    } catch (error) {
      this.logger.warn(`No heartbeat: ${(error as Error).message}`);
    }
  }
}

/** Whether the worker beat recently: the answer of `--health`. */
export function heartbeatIsFresh(file: string, now = Date.now()): boolean {
  try {
    return now - statSync(file).mtimeMs <= HEARTBEAT_MAX_AGE_MS;
  } catch {
    return false;
  }
}
