import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
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
import { StartContractImportCommand } from '../application/commands/start-contract-import/start-contract-import.command.js';
import {
  GetContractImportQuery,
  ListContractImportRowsQuery,
  ListContractImportsQuery,
} from '../application/queries/get-contract-import/get-contract-import.query.js';
import { ContractImportErrors } from '../domain/contract-import.js';
import { ContractImportDto, ContractImportPageDto, ContractImportRowPageDto, ContractImportRowsQueryDto } from './dto/contract-import.dto.js';

/** The largest file taken. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

acceptMultipartAt('/api/v1/contract-imports');

const NOT_FOUND: [number, string] = [404, 'No such import, or its creator is outside your data scope (`CONTRACT_IMPORT.NOT_FOUND`).'];

@ApiTags('Contracts')
@ApiBearerAuth()
@Controller('api/v1/contract-imports')
export class ContractImportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('contract:create')
  @UseInterceptors(
    FileInterceptor('file', { dest: join(tmpdir(), 'crm-contract-imports'), limits: { fileSize: MAX_FILE_BYTES, files: 1 } }),
    RemoveUploadOnFailure,
  )
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
            'A .csv (UTF-8) or .xlsx file. Headings (English or Chinese): number 合同编号, name 合同名称, type 合同类型, signingParty 签约主体, customerId 客户ID or customer 客户名称, amount 合同金额, currency 币种, quantity 数量, paymentMethod 付款方式, startDate 开始日期, endDate 结束日期, ownerId 负责人; the plan as instalment1_due / instalment1_amount / instalment1_note … (第1期到期日 / 第1期金额) or one `instalments` (回款计划) cell `2026-03-31=5000.00; 2026-06-30=5000.00`.',
        },
      },
    },
  })
  @ApiOperation({
    summary: 'Import contracts from a file [合同导入]',
    description:
      'The upload is stored and answered at once (202, `Location` of the import); rows are then streamed in batches, each row a draft contract made as `POST /api/v1/contracts` makes one (customer one you work, decimal amounts, a plan summing to the amount, numbered by the pattern unless the row gives a number), or a report line with its code. The same file uploaded again by the same person is the same import (200, nothing created twice); a row whose number is taken is skipped as a duplicate.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' })
  @ApiAcceptedResponse({ type: ContractImportDto, description: 'A new import, processing.' })
  @ApiOkResponse({ type: ContractImportDto, description: 'You imported this file before: that import.' })
  @ApiProblems([400, 'No file, or not .csv / .xlsx (`CONTRACT_IMPORT.UNSUPPORTED_FORMAT`).'], 401, 403, 413)
  async startContractImport(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedImportFile | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContractImportDto> {
    const upload = await importUploadOf(file, () => ContractImportErrors.unsupportedFormat());
    const { id, existing } = await this.commands.execute(new StartContractImportCommand(actor, upload));
    response.status(existing ? 200 : 202);
    response.setHeader('Location', `/api/v1/contract-imports/${id}`);
    return this.queries.execute(new GetContractImportQuery(actor, id));
  }

  @Get()
  @RequirePermissions('contract:read')
  @ApiOperation({ summary: 'Contract imports [合同导入记录]', description: 'Imports started by people within your data scope, newest first.' })
  @ApiOkResponse({ type: ContractImportPageDto })
  @ApiProblems(400, 401, 403)
  listContractImports(@CurrentActor() actor: Actor, @Query() page: PageQueryDto): Promise<ContractImportPageDto> {
    return this.queries.execute(new ListContractImportsQuery(actor, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Get(':id')
  @RequirePermissions('contract:read')
  @ApiOperation({ summary: 'A contract import and its progress [导入进度]', description: 'Rows read, created, rejected and skipped as duplicates so far.' })
  @ApiOkResponse({ type: ContractImportDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  getContractImport(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ContractImportDto> {
    return this.queries.execute(new GetContractImportQuery(actor, id));
  }

  @Get(':id/rows')
  @RequirePermissions('contract:read')
  @ApiOperation({
    summary: 'The per-row report of a contract import [导入报告]',
    description: 'In file order: each row with its outcome, the contract it made, or the problem code and column.',
  })
  @ApiOkResponse({ type: ContractImportRowPageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  listContractImportRows(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() query: ContractImportRowsQueryDto,
  ): Promise<ContractImportRowPageDto> {
    return this.queries.execute(new ListContractImportRowsQuery(actor, id, query.status, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }
}
