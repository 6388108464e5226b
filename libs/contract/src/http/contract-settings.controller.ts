import { Body, Controller, Get, Headers, Patch, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, etagFor, expectedVersionFrom, RequirePermissions } from '@crm/platform';
import { ConfigureContractSettingsCommand } from '../application/commands/configure-contract-settings/configure-contract-settings.command.js';
import { GetContractSettingsQuery } from '../application/queries/get-contract-settings/get-contract-settings.query.js';
import { ContractSettingsDto, UpdateContractSettingsDto } from './dto/contract.dto.js';

@ApiTags('Contracts')
@ApiBearerAuth()
@Controller('api/v1/contract-settings')
export class ContractSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('contract:read')
  @ApiOperation({ summary: 'Contract settings [合同设置]: number pattern and reminder lead times' })
  @ApiOkResponse({ type: ContractSettingsDto, description: '`ETag` header set.' })
  @ApiProblems(401, 403)
  get(@Res({ passthrough: true }) response: Response): Promise<ContractSettingsDto> {
    return this.respond(response);
  }

  @Patch()
  @RequirePermissions('contract:configure')
  @ApiOperation({
    summary: 'Change the contract settings [修改合同设置]',
    description: 'A new number pattern applies to the next contract; numbers already given stay. Send only what changes.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when the settings changed since.' })
  @ApiOkResponse({ type: ContractSettingsDto, description: '`ETag` header set.' })
  @ApiProblems([400, 'Invalid input, or an unusable pattern (`CONTRACT.INVALID_NUMBER_PATTERN`).'], 401, 403, 409, 412)
  async update(
    @Body() body: UpdateContractSettingsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContractSettingsDto> {
    await this.commands.execute(new ConfigureContractSettingsCommand(body, expectedVersionFrom(ifMatch)));
    return this.respond(response);
  }

  private async respond(response: Response): Promise<ContractSettingsDto> {
    const settings = await this.queries.execute(new GetContractSettingsQuery());
    response.setHeader('ETag', etagFor(settings.version));
    return settings;
  }
}
