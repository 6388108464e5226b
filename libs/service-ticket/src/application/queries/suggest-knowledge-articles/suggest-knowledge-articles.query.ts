import { Query } from '@nestjs/cqrs';

export interface ArticleSuggestion {
  id: string;
  revision: number;
  question: string;
  answer: string;
  /** How many fragments of the text the article contains (the ranking). */
  matches: number;
}

/** Published articles that may answer what is being typed into a ticket [知识推荐], best first. */
export class SuggestKnowledgeArticlesQuery extends Query<ArticleSuggestion[]> {
  constructor(
    readonly text: string,
    readonly limit: number,
  ) {
    super();
  }
}
