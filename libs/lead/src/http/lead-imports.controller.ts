import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Body, Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  acceptMultipartAt,
  ApiProblems,
  importUploadOf,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  PageQueryDto,
  RemoveUploadOnFailure,
  RequirePermissions,
  UuidParam,
  type Actor,
  type UploadedImportFile,
} from '@crm/platform';
import { StartLeadImportCommand } from '../application/commands/start-lead-import/start-lead-import.command.js';
import { GetLeadImportQuery, ListLeadImportRowsQuery, ListLeadImportsQuery } from '../application/queries/get-lead-import/get-lead-import.query.js';
import { ImportErrors } from '../domain/lead-import.js';
import { ImportRowPageDto, ImportRowsQueryDto, LeadImportDto, LeadImportPageDto, StartLeadImportDto } from './dto/lead-import.dto.js';

/** The largest file taken (a 100,000-row CSV is about 10 MB). */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Where multer leaves an upload until the import moves it to file storage (or refuses it). */
const UPLOAD_DIR = join(tmpdir(), 'crm-lead-imports');

acceptMultipartAt('/api/v1/lead-imports');

@ApiTags('Leads')
@ApiBearerAuth()
@Controller('api/v1/lead-imports')
export class LeadImportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('lead:create')
  @UseInterceptors(FileInterceptor('file', { dest: UPLOAD_DIR, limits: { fileSize: MAX_FILE_BYTES, files: 1 } }), RemoveUploadOnFailure)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'A .csv (UTF-8) or .xlsx file; first row: headings (姓名, 手机, 邮箱, 公司, 职位, 省份, 城市, 行业, 渠道, 活动, 备注 or their English names; 创建日期 / `capturedAt`: the date the lead was first captured elsewhere, as text like 2026-03-31 or an XLSX date cell).',
        },
        poolId: { type: 'string', format: 'uuid' },
        channel: { type: 'string' },
        campaign: { type: 'string' },
      },
    },
  })
  @ApiOperation({
    summary: 'Import leads from a file [线索导入]',
    description:
      'The upload is stored and answered at once (202, `Location` of the import); rows are then streamed in batches of 500, so memory stays flat for any length. Each row becomes a lead, merges into an open lead (or an earlier row) with the same mobile, e-mail or company as any capture does, or is rejected with a code; see `GET /api/v1/lead-imports/{id}` and its `rows`. The same file into the same pool again is the same import (200, nothing imported twice).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' })
  @ApiAcceptedResponse({ type: LeadImportDto, description: 'A new import, processing.' })
  @ApiOkResponse({ type: LeadImportDto, description: 'This file was imported into this pool before: that import.' })
  @ApiProblems(
    [400, 'No file, or not .csv / .xlsx (`LEAD_IMPORT.UNSUPPORTED_FORMAT`).'],
    401,
    403,
    [404, 'The pool is not one you reach (`LEAD_POOL.NOT_FOUND`).'],
    413,
  )
  async startLeadImport(
    @CurrentActor() actor: Actor,
    @Body() body: StartLeadImportDto,
    @UploadedFile() file: UploadedImportFile | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadImportDto> {
    const upload = await importUploadOf(file, () => ImportErrors.unsupportedFormat());
    const { id, existing } = await this.commands.execute(
      new StartLeadImportCommand(actor, {
        ...upload,
        poolId: body.poolId ?? null,
        channel: body.channel ?? null,
        campaign: body.campaign ?? null,
      }),
    );
    response.status(existing ? 200 : 202);
    response.setHeader('Location', `/api/v1/lead-imports/${id}`);
    return this.queries.execute(new GetLeadImportQuery(actor, id));
  }

  @Get()
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'Imports [导入记录]',
    description: 'Newest first: the imports you started, and those into pools you administer (or every pool, with scope `all` and `lead:manage`).',
  })
  @ApiOkResponse({ type: LeadImportPageDto })
  @ApiProblems(400, 401, 403)
  listLeadImports(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<LeadImportPageDto> {
    return this.queries.execute(new ListLeadImportsQuery(actor, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Get(':id')
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'An import and its progress [导入进度]',
    description: 'Rows read, created, merged and rejected so far; its creator and admins of its pool see it.',
  })
  @ApiOkResponse({ type: LeadImportDto })
  @ApiProblems(400, 401, 403, [404, '`LEAD_IMPORT.NOT_FOUND`.'])
  getLeadImport(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<LeadImportDto> {
    return this.queries.execute(new GetLeadImportQuery(actor, id));
  }

  @Get(':id/rows')
  @RequirePermissions('lead:read')
  @ApiOperation({
    summary: 'The per-row report of an import [导入报告]',
    description: 'In file order: each row with its outcome, the lead it made or merged into, or the problem code and field.',
  })
  @ApiOkResponse({ type: ImportRowPageDto })
  @ApiProblems(400, 401, 403, 404)
  listLeadImportRows(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() query: ImportRowsQueryDto): Promise<ImportRowPageDto> {
    return this.queries.execute(new ListLeadImportRowsQuery(actor, id, query.status, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }
}
