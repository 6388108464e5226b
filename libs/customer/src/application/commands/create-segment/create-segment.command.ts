import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Saves a segment [客群]: conditions over tags and attributes, evaluated on demand. A manager's right. */
export class CreateSegmentCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly segment: { name: string; description: string | null; conditions: unknown },
  ) {
    super();
  }
}
