import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ApiProblems, CurrentActor, RequirePermissions, UuidParam, wholeList, type Actor } from '@crm/platform';
import { LinkKnowledgeArticleCommand } from '../application/commands/link-knowledge-article/link-knowledge-article.command.js';
import { UnlinkKnowledgeArticleCommand } from '../application/commands/unlink-knowledge-article/unlink-knowledge-article.command.js';
import { ListTicketKnowledgeArticlesQuery } from '../application/queries/list-ticket-knowledge-articles/list-ticket-knowledge-articles.query.js';

const NOT_FOUND = [404, 'No such ticket within your reach (`TICKET.NOT_FOUND`), or no such published article (`KNOWLEDGE.NOT_FOUND`).'] as [number, string];

export class LinkKnowledgeArticleDto {
  @ApiProperty({ format: 'uuid', description: 'A published knowledge article [知识库文章]' })
  @IsUUID()
  articleId: string;
}

export class KnowledgeLinkResultDto {
  @ApiProperty({ description: 'false when the article was linked already' }) linked: boolean;
}

export class TicketKnowledgeLinkDto {
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty({ description: "The question of the article's published revision" }) question: string;
  @ApiProperty({ format: 'uuid' }) linkedBy: string;
  @ApiProperty({ format: 'date-time' }) linkedAt: string;
  @ApiProperty({ type: 'integer', description: 'Tickets this article is linked to in all' }) ticketCount: number;
}

export class TicketKnowledgeLinkListDto {
  @ApiProperty({ type: [TicketKnowledgeLinkDto] }) items: TicketKnowledgeLinkDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: the whole list' }) nextCursor: string | null;
}

/** Knowledge articles linked to the tickets they helped solve [关联知识]. */
@ApiTags('Tickets')
@ApiBearerAuth()
@Controller('api/v1/tickets/:id/knowledge-articles')
export class TicketKnowledgeLinksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(200)
  @RequirePermissions('ticket:work')
  @ApiOperation({ summary: 'Link a knowledge article to a ticket [关联知识]', description: 'Linking an article already linked changes nothing.' })
  @ApiOkResponse({ type: KnowledgeLinkResultDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  link(@CurrentActor() actor: Actor, @Param('id', UuidParam) ticketId: string, @Body() body: LinkKnowledgeArticleDto): Promise<KnowledgeLinkResultDto> {
    return this.commands.execute(new LinkKnowledgeArticleCommand(actor, ticketId, body.articleId));
  }

  @Get()
  @RequirePermissions('ticket:read')
  @ApiOperation({ summary: 'Knowledge articles linked to a ticket [关联知识]', description: 'Oldest link first, with how many tickets each article solved.' })
  @ApiOkResponse({ type: TicketKnowledgeLinkListDto })
  @ApiProblems(400, 401, 403, [404, 'No such ticket within your reach (`TICKET.NOT_FOUND`).'])
  async list(@CurrentActor() actor: Actor, @Param('id', UuidParam) ticketId: string): Promise<TicketKnowledgeLinkListDto> {
    return wholeList(await this.queries.execute(new ListTicketKnowledgeArticlesQuery(actor, ticketId)));
  }

  @Delete(':articleId')
  @HttpCode(204)
  @RequirePermissions('ticket:work')
  @ApiOperation({ summary: 'Remove a knowledge article from a ticket [取消关联]' })
  @ApiNoContentResponse({ description: 'Removed (or was not linked).' })
  @ApiProblems(400, 401, 403, [404, 'No such ticket within your reach (`TICKET.NOT_FOUND`).'])
  async unlink(@CurrentActor() actor: Actor, @Param('id', UuidParam) ticketId: string, @Param('articleId', UuidParam) articleId: string): Promise<void> {
    await this.commands.execute(new UnlinkKnowledgeArticleCommand(actor, ticketId, articleId));
  }
}
