import { Command } from '@nestjs/cqrs';

/** Replaces the heads [条线负责人] of a product line. */
export class ChangeProductLineHeadsCommand extends Command<{ version: number }> {
  constructor(
    readonly productLineId: string,
    readonly headIds: string[],
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
