import { Command } from '@nestjs/cqrs';

/** Creates a price list [价格表]: a currency, a validity window and optionally a parent list it falls back to. */
export class CreatePriceListCommand extends Command<{ id: string }> {
  constructor(readonly input: { name: string; currency: string; validFrom: string; validTo: string | null; parentId: string | null }) {
    super();
  }
}
