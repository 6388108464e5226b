import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionHost } from '../database/transaction-host.js';

/**
 * The token signing secret: JWT_SECRET when set, otherwise one generated on first start and
 * kept in the database, so tokens survive restarts and every replica agrees on it.
 */
@Injectable()
export class SigningKeyStore implements OnModuleInit {
  private value?: KeyObject;

  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.jwtSecret) {
      this.value = createSecretKey(Buffer.from(this.config.jwtSecret, 'utf8'));
      return;
    }
    await this.tx.query(`INSERT INTO platform.settings (key, value) VALUES ('jwt-secret', $1) ON CONFLICT DO NOTHING`, [
      JSON.stringify(randomBytes(48).toString('base64url')),
    ]);
    const row = await this.tx.queryOne<{ value: string }>(`SELECT value FROM platform.settings WHERE key = 'jwt-secret'`);
    this.value = createSecretKey(Buffer.from(row!.value, 'utf8'));
  }

  /**
   * A key object rather than a string: given a string, jsonwebtoken first tries it as a public key
   * and catches the failure, which cost a fifth of the CPU of every authenticated request.
   */
  get secret(): KeyObject {
    if (!this.value) throw new Error('Signing key not loaded yet');
    return this.value;
  }
}
