import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionHost } from '../database/transaction-host.js';

/**
 * The token signing secret: JWT_SECRET when set, otherwise one generated on first start and
 * kept in the database, so tokens survive restarts and every replica agrees on it.
 */
@Injectable()
export class SigningKeyStore implements OnModuleInit {
  private value?: string;

  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.jwtSecret) {
      this.value = this.config.jwtSecret;
      return;
    }
    await this.tx.query(`INSERT INTO platform.settings (key, value) VALUES ('jwt-secret', $1) ON CONFLICT DO NOTHING`, [
      JSON.stringify(randomBytes(48).toString('base64url')),
    ]);
    const row = await this.tx.queryOne<{ value: string }>(`SELECT value FROM platform.settings WHERE key = 'jwt-secret'`);
    this.value = row!.value;
  }

  get secret(): string {
    if (!this.value) throw new Error('Signing key not loaded yet');
    return this.value;
  }
}
