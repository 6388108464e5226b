import { Command } from '@nestjs/cqrs';

/** Takes an entry out of price resolution; it stays, so every order that used it can still say why its price was what it was. */
export class DeactivatePriceEntryCommand extends Command<void> {
  constructor(
    readonly priceListId: string,
    readonly entryId: string,
  ) {
    super();
  }
}
