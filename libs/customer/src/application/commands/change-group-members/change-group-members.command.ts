import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Adds customers to a group, or removes one; only customers the caller may work. */
export class ChangeGroupMembersCommand extends Command<{ added: string[] }> {
  constructor(
    readonly actor: Actor,
    readonly groupId: string,
    readonly change: { add: string[] } | { remove: string },
  ) {
    super();
  }
}
