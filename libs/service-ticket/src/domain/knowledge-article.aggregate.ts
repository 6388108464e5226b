import { AggregateRoot } from '@crm/kernel';
import { KnowledgeEvents } from '../contracts/knowledge-events.js';
import { KnowledgeErrors } from './knowledge.errors.js';

export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
/** `draft`: never published; `published`: readers see its published revision (a newer draft may wait); `archived`: shown to no reader. */
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** What one revision of an article says. */
export interface ArticleContent {
  question: string;
  answer: string;
  productId: string | null;
  ticketTypeId: string | null;
  tags: string[];
}

export interface ArticleRevision extends ArticleContent {
  revision: number;
  editedBy: string;
  editedAt: Date;
}

export interface KnowledgeArticleState {
  id: string;
  status: ArticleStatus;
  /** The latest revision: the draft being edited, or the published one when no draft waits. */
  latest: ArticleRevision;
  /** Which revision readers see; null before the first publication. */
  publishedRevision: number | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/**
 * A knowledge article [知识库文章], versioned: draft → published → archived. Editing a published
 * article starts a new draft revision while readers keep seeing the published one; publishing the
 * draft replaces it. Every revision is kept.
 */
export class KnowledgeArticle extends AggregateRoot {
  private constructor(private state: KnowledgeArticleState) {
    super();
  }

  static write(input: { id: string; content: ArticleContent; authorId: string; now: Date }): KnowledgeArticle {
    return new KnowledgeArticle({
      id: input.id,
      status: 'draft',
      latest: { ...input.content, revision: 1, editedBy: input.authorId, editedAt: input.now },
      publishedRevision: null,
      createdBy: input.authorId,
      createdAt: input.now,
      updatedAt: input.now,
      version: 1,
    });
  }

  static rehydrate(state: KnowledgeArticleState): KnowledgeArticle {
    return new KnowledgeArticle(state);
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  /** True while the latest revision is an unpublished draft. */
  get hasDraft(): boolean {
    return this.state.latest.revision !== this.state.publishedRevision;
  }

  snapshot(): KnowledgeArticleState {
    return { ...this.state, latest: { ...this.state.latest, tags: [...this.state.latest.tags] } };
  }

  /** Edits the draft, or starts a new draft revision when the latest one is published. */
  revise(changes: Partial<ArticleContent>, editorId: string, now: Date): void {
    if (this.state.status === 'archived') throw KnowledgeErrors.archived();
    const revision = this.hasDraft ? this.state.latest.revision : this.state.latest.revision + 1;
    this.state = {
      ...this.state,
      latest: { ...this.state.latest, ...changes, revision, editedBy: editorId, editedAt: now },
      updatedAt: now,
      version: this.state.version + 1,
    };
  }

  publish(now: Date): void {
    if (this.state.status === 'archived') throw KnowledgeErrors.archived();
    if (!this.hasDraft) throw KnowledgeErrors.nothingToPublish();
    const { latest } = this.state;
    this.state = { ...this.state, status: 'published', publishedRevision: latest.revision, updatedAt: now, version: this.state.version + 1 };
    this.raise(
      KnowledgeEvents.articlePublished.create(this.id, {
        articleId: this.id,
        revision: latest.revision,
        question: latest.question,
        productId: latest.productId,
        ticketTypeId: latest.ticketTypeId,
        tags: [...latest.tags],
      }),
    );
  }

  archive(now: Date): void {
    if (this.state.status === 'archived') throw KnowledgeErrors.archived();
    this.state = { ...this.state, status: 'archived', updatedAt: now, version: this.state.version + 1 };
    this.raise(KnowledgeEvents.articleArchived.create(this.id, { articleId: this.id, revision: this.state.publishedRevision }));
  }
}
