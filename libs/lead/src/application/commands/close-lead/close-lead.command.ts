import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** The owner or a pool admin gives a lead up [关闭线索] with an active reason from the managed list (its key). */
export class CloseLeadCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
    readonly reasonKey: string,
    readonly note: string | null,
    readonly expectedVersion: number | undefined,
  ) {
    super();
  }
}

/** The owner or a pool admin opens a closed lead again [重新打开]. */
export class ReopenLeadCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
    readonly note: string | null,
    readonly expectedVersion: number | undefined,
  ) {
    super();
  }
}
