import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, RequirePermissions, UuidParam, type Actor } from '@crm/platform';
import { IssuePortalTokenCommand } from '../application/commands/issue-portal-token/issue-portal-token.command.js';
import { RevokePortalTokenCommand } from '../application/commands/revoke-portal-token/revoke-portal-token.command.js';
import { IssuePortalTokenDto, PortalTokenDto } from './dto/public-ticket.dto.js';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' };

/** Self-service access [自助服务凭证] for a customer's contact: issued and withdrawn by agents. */
@ApiTags('Tickets')
@ApiBearerAuth()
@Controller('api/v1/ticket-portal-tokens')
export class TicketPortalTokensController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @RequirePermissions('ticket:create')
  @ApiOperation({
    summary: 'Give a contact self-service access [自助服务凭证]',
    description:
      'A token for the public ticket endpoints (/api/v1/public/tickets), for a contact working at a customer you can see. Shown once; only its hash is kept.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: PortalTokenDto })
  @ApiProblems(400, 401, 403, [404, 'Customer (`CUSTOMER.NOT_FOUND`) or contact at it (`TICKET.CONTACT_NOT_FOUND`) not found.'])
  issuePortalToken(@CurrentActor() actor: Actor, @Body() body: IssuePortalTokenDto): Promise<PortalTokenDto> {
    return this.commands.execute(new IssuePortalTokenCommand(actor, body.customerId, body.contactId, body.validDays ?? 30));
  }

  @Delete(':tokenId')
  @RequirePermissions('ticket:create')
  @HttpCode(204)
  @ApiOperation({ summary: "Withdraw a contact's self-service access [撤销自助服务凭证]", description: 'The token stops working at once.' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblems(400, 401, 403, [404, 'No such token, already revoked, or its customer is out of reach (`TICKET.PORTAL_TOKEN_NOT_FOUND`, `CUSTOMER.NOT_FOUND`).'])
  async revokePortalToken(@CurrentActor() actor: Actor, @Param('tokenId', UuidParam) tokenId: string): Promise<void> {
    await this.commands.execute(new RevokePortalTokenCommand(actor, tokenId));
  }
}
