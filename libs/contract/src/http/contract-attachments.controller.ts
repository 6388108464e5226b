import { Controller, Get, Param, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, CurrentActor, DEFAULT_PAGE_SIZE, PageQueryDto, RequirePermissions, UuidParam, type Actor } from '@crm/platform';
import { UploadContractAttachmentCommand } from '../application/commands/upload-contract-attachment/upload-contract-attachment.command.js';
import { GetContractAttachmentQuery } from '../application/queries/get-contract-attachment/get-contract-attachment.query.js';
import { ListContractAttachmentsQuery } from '../application/queries/list-contract-attachments/list-contract-attachments.query.js';
import { ATTACHMENT_TYPES } from '../domain/attachment-rules.js';
import { ContractErrors } from '../domain/contract.errors.js';
import { ATTACHMENT_FIELD, AttachmentUploadInterceptor, type UploadedAttachment } from './attachment-upload.interceptor.js';
import { AttachmentDto, AttachmentPageDto } from './dto/contract.dto.js';

const NOT_FOUND: [number, string] = [404, 'No such contract, or outside your data scope (`CONTRACT.NOT_FOUND`).'];

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name, so Chinese file names survive. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@ApiTags('Contracts')
@ApiBearerAuth()
@Controller('api/v1/contracts/:id/attachments')
export class ContractAttachmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('contract:update')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiOperation({
    summary: 'Attach a file [上传合同附件]',
    description: `multipart/form-data with one file in \`${ATTACHMENT_FIELD}\`. Accepted: ${ATTACHMENT_TYPES.join(', ')}, with a matching file name ending and content; at most CRM_ATTACHMENT_MAX_BYTES (20 MiB by default). Kept through the storage port (a local folder, CRM_STORAGE_DIR).`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: [ATTACHMENT_FIELD], properties: { [ATTACHMENT_FIELD]: { type: 'string', format: 'binary' } } } })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblems([400, 'No file in `file`, other fields or several files (`CONTRACT.ATTACHMENT_MISSING`), or a bad id.'], 401, 403, NOT_FOUND, [
    422,
    'Too large (`CONTRACT.ATTACHMENT_TOO_LARGE` with `maxBytes`), or a type not accepted or not matching the content (`CONTRACT.ATTACHMENT_TYPE_NOT_ALLOWED`).',
  ])
  upload(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @UploadedFile() file: UploadedAttachment | undefined): Promise<AttachmentDto> {
    if (!file) throw ContractErrors.attachmentMissing();
    return this.commands.execute(
      new UploadContractAttachmentCommand(actor, id, { fileName: file.originalname, contentType: file.mimetype, size: file.size, content: file.buffer }),
    );
  }

  @Get()
  @RequirePermissions('contract:read')
  @ApiOperation({ summary: "A contract's attachments [合同附件], oldest first" })
  @ApiOkResponse({ type: AttachmentPageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<AttachmentPageDto> {
    return this.queries.execute(new ListContractAttachmentsQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Get(':attachmentId/content')
  @RequirePermissions('contract:read')
  @ApiOperation({ summary: 'Download an attachment [下载附件]', description: "Under the contract's data scope: out of scope is the contract's 404." })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with its content type and name (Content-Disposition).', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 401, 403, [
    404,
    'No such contract or outside your data scope (`CONTRACT.NOT_FOUND`), or no such attachment (`CONTRACT.ATTACHMENT_NOT_FOUND`).',
  ])
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('attachmentId', UuidParam) attachmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { attachment, content } = await this.queries.execute(new GetContractAttachmentQuery(actor, id, attachmentId));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(content, {
      type: attachment.contentType,
      length: attachment.sizeBytes,
      disposition: contentDisposition(attachment.fileName),
    });
  }
}
