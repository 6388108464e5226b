import { Command } from '@nestjs/cqrs';

/** Prices a published product in a list [价格表明细], for the list's window or a window of its own. */
export class AddPriceEntryCommand extends Command<{ id: string }> {
  constructor(
    readonly priceListId: string,
    readonly input: { productId: string; unitPrice: string; validFrom: string | null; validTo: string | null },
  ) {
    super();
  }
}
