import { Command } from '@nestjs/cqrs';

/** Adds a product to a product line. */
export class CreateProductCommand extends Command<{ id: string }> {
  constructor(readonly input: { productLineId: string; code: string; name: string }) {
    super();
  }
}
