import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface TicketKnowledgeLinkView {
  articleId: string;
  /** The question of the article's published revision. */
  question: string;
  linkedBy: string;
  linkedAt: string;
  /** How many tickets this article is linked to in all: how often it solved a problem. */
  ticketCount: number;
}

/** The knowledge articles linked to a ticket [关联知识], oldest link first; the ticket must be within reach. */
export class ListTicketKnowledgeArticlesQuery extends Query<TicketKnowledgeLinkView[]> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
  ) {
    super();
  }
}
