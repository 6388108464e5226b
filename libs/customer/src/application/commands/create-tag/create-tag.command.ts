import { Command } from '@nestjs/cqrs';

/** Defines a tag [标签] with a category and a weight (a configuration right, X-2). */
export class CreateTagCommand extends Command<{ id: string }> {
  constructor(readonly tag: { name: string; category: string; weight: number }) {
    super();
  }
}
