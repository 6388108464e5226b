import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  etagFor,
  expectedVersionFrom,
  Public,
  RequirePermissions,
  UuidParam,
  wholeList,
  type Actor,
} from '@crm/platform';
import { ChangeKnowledgeArticleStatusCommand } from '../application/commands/change-knowledge-article-status/change-knowledge-article-status.command.js';
import { RecordKnowledgeFeedbackCommand } from '../application/commands/record-knowledge-feedback/record-knowledge-feedback.command.js';
import { ReviseKnowledgeArticleCommand } from '../application/commands/revise-knowledge-article/revise-knowledge-article.command.js';
import { WriteKnowledgeArticleCommand } from '../application/commands/write-knowledge-article/write-knowledge-article.command.js';
import { GetKnowledgeArticleQuery } from '../application/queries/get-knowledge-article/get-knowledge-article.query.js';
import { ListKnowledgeArticlesQuery } from '../application/queries/list-knowledge-articles/list-knowledge-articles.query.js';
import { SuggestKnowledgeArticlesQuery } from '../application/queries/suggest-knowledge-articles/suggest-knowledge-articles.query.js';
import { KnowledgeErrors } from '../domain/knowledge.errors.js';
import {
  ArticleDto,
  ArticleListQueryDto,
  ArticlePageDto,
  FeedbackCountsDto,
  FeedbackDto,
  PublicArticleDto,
  ReviseArticleDto,
  SuggestionListDto,
  SuggestionQueryDto,
  WriteArticleDto,
} from './dto/knowledge.dto.js';
import { PublicKnowledgeRateLimitGuard } from './public-knowledge-rate-limit.guard.js';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'ETag from GET; 412 when the article changed since.' };
const DEFAULT_SUGGESTIONS = 5;

function seesDrafts(actor: Actor): boolean {
  return actor.permissions.includes('knowledge:manage');
}

/** The knowledge base [知识库] for staff, and its self-service face under /api/v1/public/ (no login, rate limited). */
@ApiTags('Knowledge base')
@Controller('api/v1')
export class KnowledgeArticlesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('knowledge/articles')
  @ApiBearerAuth()
  @RequirePermissions('knowledge:manage')
  @ApiOperation({ summary: 'Write a knowledge article [新建知识]', description: 'A draft [草稿]: readers see it once published.' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: ArticleDto, description: '`Location` and `ETag` set.' })
  @ApiProblems(400, 401, 403)
  async write(@CurrentActor() actor: Actor, @Body() body: WriteArticleDto, @Res({ passthrough: true }) response: Response): Promise<ArticleDto> {
    const { articleId } = await this.commands.execute(
      new WriteKnowledgeArticleCommand(actor, {
        question: body.question,
        answer: body.answer,
        productId: body.productId ?? null,
        ticketTypeId: body.ticketTypeId ?? null,
        tags: body.tags ?? [],
      }),
    );
    const article = await this.queries.execute(new GetKnowledgeArticleQuery(articleId, true));
    response.setHeader('Location', `/api/v1/knowledge/articles/${articleId}`);
    response.setHeader('ETag', etagFor(article.version));
    return article;
  }

  @Get('knowledge/articles')
  @ApiBearerAuth()
  @RequirePermissions('knowledge:read')
  @ApiOperation({
    summary: 'List and search knowledge articles [知识搜索]',
    description:
      'Most recently changed first. `q` matches anywhere in the question, answer or tags, also in the middle of a Chinese sentence. Readers see published articles; editors (`knowledge:manage`) see every article with its latest revision.',
  })
  @ApiOkResponse({ type: ArticlePageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ArticleListQueryDto): Promise<ArticlePageDto> {
    const { limit, cursor, ...filters } = query;
    return this.queries.execute(new ListKnowledgeArticlesQuery(filters, seesDrafts(actor), limit ?? DEFAULT_PAGE_SIZE, cursor));
  }

  @Get('knowledge/articles/:id')
  @ApiBearerAuth()
  @RequirePermissions('knowledge:read')
  @ApiOperation({ summary: 'A knowledge article [知识详情]', description: 'Readers see the published revision; editors also the waiting draft.' })
  @ApiOkResponse({ type: ArticleDto, description: '`ETag` set.' })
  @ApiProblems(400, 401, 403, [404, 'No such article, or not published (`KNOWLEDGE.NOT_FOUND`).'])
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<ArticleDto> {
    const article = await this.queries.execute(new GetKnowledgeArticleQuery(id, seesDrafts(actor)));
    response.setHeader('ETag', etagFor(article.version));
    return article;
  }

  @Patch('knowledge/articles/:id')
  @ApiBearerAuth()
  @RequirePermissions('knowledge:manage')
  @ApiOperation({
    summary: 'Revise a knowledge article [修订]',
    description: 'Edits the draft; on a published article it starts a new draft revision while readers keep seeing the published one.',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: ArticleDto, description: 'New `ETag`.' })
  @ApiProblems(400, 401, 403, 404, [409, 'Archived (`KNOWLEDGE.ARCHIVED`) or a concurrent change.'], 412)
  async revise(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ReviseArticleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleDto> {
    await this.commands.execute(new ReviseKnowledgeArticleCommand(actor, id, { ...body }, expectedVersionFrom(ifMatch)));
    return this.answer(id, response);
  }

  @Post('knowledge/articles/:id/publish')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequirePermissions('knowledge:manage')
  @ApiOperation({ summary: 'Publish the draft [发布]', description: 'Readers and suggestions show it from now on.' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: ArticleDto })
  @ApiProblems(400, 401, 403, 404, [409, 'No draft to publish (`KNOWLEDGE.NOTHING_TO_PUBLISH`) or archived (`KNOWLEDGE.ARCHIVED`).'], 412)
  async publish(
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleDto> {
    await this.commands.execute(new ChangeKnowledgeArticleStatusCommand(id, 'publish', expectedVersionFrom(ifMatch)));
    return this.answer(id, response);
  }

  @Post('knowledge/articles/:id/archive')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequirePermissions('knowledge:manage')
  @ApiOperation({ summary: 'Archive the article [归档]', description: 'No longer shown to readers nor suggested; kept with every revision.' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: ArticleDto })
  @ApiProblems(400, 401, 403, 404, [409, 'Already archived (`KNOWLEDGE.ARCHIVED`).'], 412)
  async archive(
    @Param('id', UuidParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleDto> {
    await this.commands.execute(new ChangeKnowledgeArticleStatusCommand(id, 'archive', expectedVersionFrom(ifMatch)));
    return this.answer(id, response);
  }

  @Post('knowledge/articles/:id/feedback')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequirePermissions('knowledge:read')
  @ApiOperation({ summary: 'Helpful or not [有用/没用]', description: 'One vote on the published revision; answers the counts.' })
  @ApiOkResponse({ type: FeedbackCountsDto })
  @ApiProblems(400, 401, 403, [404, 'No such published article.'])
  feedback(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: FeedbackDto): Promise<FeedbackCountsDto> {
    return this.commands.execute(new RecordKnowledgeFeedbackCommand(id, body.helpful, actor.id));
  }

  @Get('knowledge/suggestions')
  @ApiBearerAuth()
  @RequirePermissions('knowledge:read')
  @ApiOperation({
    summary: 'Suggested answers while a ticket is written [知识推荐]',
    description: 'Published articles sharing the most fragments with the text (Chinese cut into three-character windows), best first.',
  })
  @ApiOkResponse({ type: SuggestionListDto })
  @ApiProblems(400, 401, 403)
  async suggest(@Query() query: SuggestionQueryDto): Promise<SuggestionListDto> {
    return wholeList(await this.queries.execute(new SuggestKnowledgeArticlesQuery(query.text, query.limit ?? DEFAULT_SUGGESTIONS))) as SuggestionListDto;
  }

  @Get('public/knowledge/suggestions')
  @Public()
  @UseGuards(PublicKnowledgeRateLimitGuard)
  @ApiOperation({
    summary: 'Self-service: suggested answers while the customer writes a ticket [自助知识推荐]',
    description: 'No login; published articles only; rate limited per client address (429 with Retry-After).',
  })
  @ApiOkResponse({ type: SuggestionListDto })
  @ApiProblems(400, [429, 'Too many requests from this address.'])
  async suggestPublicly(@Query() query: SuggestionQueryDto): Promise<SuggestionListDto> {
    return this.suggest(query);
  }

  @Get('public/knowledge/articles/:id')
  @Public()
  @UseGuards(PublicKnowledgeRateLimitGuard)
  @ApiOperation({ summary: 'Self-service: a published knowledge article [自助知识]', description: 'No login; 404 for anything not published.' })
  @ApiOkResponse({ type: PublicArticleDto })
  @ApiProblems(400, [404, 'No such published article.'], 429)
  async getPublicly(@Param('id', UuidParam) id: string): Promise<PublicArticleDto> {
    const { published } = await this.queries.execute(new GetKnowledgeArticleQuery(id, false));
    if (!published) throw KnowledgeErrors.notFound();
    return { id, question: published.question, answer: published.answer, tags: published.tags };
  }

  @Post('public/knowledge/articles/:id/feedback')
  @HttpCode(200)
  @Public()
  @UseGuards(PublicKnowledgeRateLimitGuard)
  @ApiOperation({ summary: 'Self-service: was this answer helpful? [有用/没用]' })
  @ApiOkResponse({ type: FeedbackCountsDto })
  @ApiProblems(400, [404, 'No such published article.'], 429)
  feedbackPublicly(@Param('id', UuidParam) id: string, @Body() body: FeedbackDto): Promise<FeedbackCountsDto> {
    return this.commands.execute(new RecordKnowledgeFeedbackCommand(id, body.helpful, null));
  }

  private async answer(id: string, response: Response): Promise<ArticleDto> {
    const article = await this.queries.execute(new GetKnowledgeArticleQuery(id, true));
    response.setHeader('ETag', etagFor(article.version));
    return article;
  }
}
