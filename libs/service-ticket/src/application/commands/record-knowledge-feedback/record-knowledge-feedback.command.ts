import { Command } from '@nestjs/cqrs';

export interface FeedbackCounts {
  helpfulCount: number;
  notHelpfulCount: number;
}

/** Helpful / not helpful [有用/没用] on the published revision of an article, from staff or the public. */
export class RecordKnowledgeFeedbackCommand extends Command<FeedbackCounts> {
  constructor(
    readonly articleId: string,
    readonly helpful: boolean,
    readonly userId: string | null,
  ) {
    super();
  }
}
