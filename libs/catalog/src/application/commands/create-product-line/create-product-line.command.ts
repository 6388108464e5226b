import { Command } from '@nestjs/cqrs';

/** Creates a product line [条线]; its heads approve claims that involve it. */
export class CreateProductLineCommand extends Command<{ id: string }> {
  constructor(readonly input: { code: string; name: string; headIds: string[] }) {
    super();
  }
}
