import { Command } from '@nestjs/cqrs';

/** Publishes [发布] or withdraws a product: only published products can be priced into orders. */
export class PublishProductCommand extends Command<{ version: number }> {
  constructor(
    readonly productId: string,
    readonly published: boolean,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
