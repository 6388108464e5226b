import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { PageQueryDto } from '@crm/platform';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../domain/knowledge-article.aggregate.js';

export class WriteArticleDto {
  @ApiProperty({ example: '打印机卡纸怎么处理？', description: 'The question or symptom [问题].' })
  @IsString()
  @Length(1, 500)
  question: string;

  @ApiProperty({ example: '先关机，打开后盖，顺着进纸方向取出卡住的纸张，再开机。', description: 'The answer or solution [答案/解决方案].' })
  @IsString()
  @Length(1, 20000)
  answer: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The product it is about [产品].' })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The ticket type [工单类型] it answers.' })
  @IsOptional()
  @IsUUID()
  ticketTypeId?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['打印机', '卡纸'], description: 'Tags [标签].' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];
}

export class ReviseArticleDto {
  @ApiPropertyOptional({ description: 'The question or symptom [问题].' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  question?: string;

  @ApiPropertyOptional({ description: 'The answer or solution [答案/解决方案].' })
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  answer?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsUUID()
  ticketTypeId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];
}

export class ArticleRevisionDto {
  @ApiProperty({ type: 'integer', example: 2 }) revision: number;
  @ApiProperty() question: string;
  @ApiProperty() answer: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) productId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ticketTypeId: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'uuid' }) editedBy: string;
  @ApiProperty({ format: 'date-time' }) editedAt: Date;
}

export class ArticleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ARTICLE_STATUSES, description: '`draft` [草稿], `published` [已发布], `archived` [已归档].' }) status: ArticleStatus;
  @ApiProperty({ type: ArticleRevisionDto, nullable: true, description: 'What readers see.' }) published: ArticleRevisionDto | null;
  @ApiProperty({ type: ArticleRevisionDto, nullable: true, description: 'The draft waiting to be published (editors only).' })
  draft: ArticleRevisionDto | null;
  @ApiProperty({ type: 'integer', description: 'Helpful votes [有用].' }) helpfulCount: number;
  @ApiProperty({ type: 'integer', description: 'Not helpful votes [没用].' }) notHelpfulCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class ArticleListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ARTICLE_STATUSES }) status: ArticleStatus;
  @ApiProperty({ type: 'integer', description: 'The revision shown: published for readers, latest for editors.' }) revision: number;
  @ApiProperty() question: string;
  @ApiProperty() answer: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) productId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ticketTypeId: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ description: 'A newer draft waits to be published.' }) hasDraft: boolean;
  @ApiProperty({ type: 'integer' }) helpfulCount: number;
  @ApiProperty({ type: 'integer' }) notHelpfulCount: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class ArticlePageDto {
  @ApiProperty({ type: [ArticleListItemDto] }) items: ArticleListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ArticleListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '后盖取出',
    description: 'Text anywhere in the question, answer or tags, also in the middle of a Chinese sentence [知识搜索].',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ARTICLE_STATUSES })
  @IsOptional()
  @IsIn(ARTICLE_STATUSES)
  status?: ArticleStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ticketTypeId?: string;

  @ApiPropertyOptional({ example: '打印机' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  tag?: string;
}

export class SuggestionQueryDto {
  @ApiProperty({ example: '我的打印机老是卡纸，怎么办？', description: 'What is being typed into the ticket [工单描述].' })
  @IsString()
  @Length(1, 2000)
  text: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  limit?: number;
}

export class SuggestionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty() question: string;
  @ApiProperty() answer: string;
  @ApiProperty({ type: 'integer', description: 'How many fragments of the text the article contains.' }) matches: number;
}

export class SuggestionListDto {
  @ApiProperty({ type: [SuggestionDto] }) items: SuggestionDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: suggestions are one short list.' }) nextCursor: null;
}

export class FeedbackDto {
  @ApiProperty({ description: 'true: helpful [有用]; false: not helpful [没用].' })
  @IsBoolean()
  helpful: boolean;
}

export class FeedbackCountsDto {
  @ApiProperty({ type: 'integer' }) helpfulCount: number;
  @ApiProperty({ type: 'integer' }) notHelpfulCount: number;
}

export class PublicArticleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() question: string;
  @ApiProperty() answer: string;
  @ApiProperty({ type: [String] }) tags: string[];
}
