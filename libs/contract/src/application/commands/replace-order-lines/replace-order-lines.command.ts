import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { LineInput } from '../../../domain/order-lines.js';

/** Replaces an order's lines, repriced (a draft or rejected order only: approval locks them, 409 `ORDER.LOCKED`). */
export class ReplaceOrderLinesCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
    readonly input: { priceListId?: string; orderDate?: string; lines: LineInput[] },
    readonly ifMatch?: number,
  ) {
    super();
  }
}
