import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/**
 * Finance undoes a match [撤销匹配] (its payment is reversed and no longer counts) or refuses a
 * proposal; the transaction goes back to the queue. A handed-off order's payments no longer change.
 */
export class UndoBankMatchCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly transactionId: string,
    readonly reason: string,
  ) {
    super();
  }
}
