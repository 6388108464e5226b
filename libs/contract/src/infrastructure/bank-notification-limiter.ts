import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, PostgresRateLimiter, TransactionHost, type AppConfig } from '@crm/platform';

/**
 * Bank notifications per minute, per client address (every request, before the signature is
 * checked: cheap protection against floods) and per bank account (only notifications whose
 * signature holds, so a forger cannot spend a real account's budget). Counted in PostgreSQL
 * (contract.bank_notification_limits) so replicas share the budget; 429 with Retry-After beyond.
 */
@Injectable()
export class BankNotificationLimiter {
  private readonly limiter: PostgresRateLimiter;

  constructor(
    tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limiter = new PostgresRateLimiter(tx, { schema: 'contract', name: 'bank_notification_limits' });
  }

  fromAddress(address: string): Promise<void> {
    return this.limiter.enforce(`Too many bank notifications from this address; retry later.`, {
      kind: 'bank-address',
      key: address,
      points: this.config.bankNotificationsPerAddress,
    });
  }

  forAccount(bankAccountId: string): Promise<void> {
    return this.limiter.enforce(`Too many notifications for this bank account; retry later.`, {
      kind: 'bank-account',
      key: bankAccountId,
      points: this.config.bankNotificationsPerAccount,
    });
  }
}
