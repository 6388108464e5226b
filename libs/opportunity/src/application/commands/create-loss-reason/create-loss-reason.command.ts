import { Command } from '@nestjs/cqrs';

/** Adds a loss reason [输单原因] to the managed list salespeople choose from when an opportunity is lost. */
export class CreateLossReasonCommand extends Command<{ id: string; name: string; createdAt: string }> {
  constructor(readonly name: string) {
    super();
  }
}
