import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Removes a knowledge article's link from a ticket; removing a link that is not there changes nothing. */
export class UnlinkKnowledgeArticleCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
    readonly articleId: string,
  ) {
    super();
  }
}
