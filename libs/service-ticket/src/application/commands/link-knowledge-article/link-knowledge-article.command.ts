import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Links a published knowledge article to a ticket it helps solve [关联知识]; linking twice changes nothing. */
export class LinkKnowledgeArticleCommand extends Command<{ linked: boolean }> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
    readonly articleId: string,
  ) {
    super();
  }
}
