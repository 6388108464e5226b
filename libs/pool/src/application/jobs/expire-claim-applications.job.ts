import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { CloseClaimApplicationCommand } from '../commands/close-claim-application/close-claim-application.command.js';

/**
 * Applications whose reservation ran out are expired: the customer is free again and the
 * approval request is withdrawn. Each closes in its own transaction; a concurrent worker or a
 * last-second approval simply finds it no longer pending.
 */
@Injectable()
export class ExpireClaimApplicationsJob {
  private readonly logger = new Logger('ExpireClaimApplications');

  constructor(
    private readonly tx: TransactionHost,
    private readonly commands: CommandBus,
  ) {}

  async run(): Promise<number> {
    const due = await this.tx.query<{ id: string }>(
      `SELECT id FROM pool.applications WHERE status = 'pending' AND reserved_until < now() ORDER BY reserved_until LIMIT 1000`,
    );
    let expired = 0;
    for (const { id } of due) {
      if ((await this.commands.execute(new CloseClaimApplicationCommand(id, 'expired', 'reservation expired'))).closed) expired++;
    }
    if (expired > 0) this.logger.log(`Expired ${expired} claim applications`);
    return expired;
  }
}
