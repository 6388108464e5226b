import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, type RawBodyRequest } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiProblems, CurrentActor, DEFAULT_PAGE_SIZE, Public, RequirePermissions, UuidParam, wholeList, type Actor } from '@crm/platform';
import { CreateBankAccountCommand } from '../application/commands/create-bank-account/create-bank-account.command.js';
import { MatchBankTransactionCommand } from '../application/commands/match-bank-transaction/match-bank-transaction.command.js';
import { ReceiveBankNotificationCommand } from '../application/commands/receive-bank-notification/receive-bank-notification.command.js';
import { UndoBankMatchCommand } from '../application/commands/undo-bank-match/undo-bank-match.command.js';
import { ListBankAccountsQuery } from '../application/queries/list-bank-accounts/list-bank-accounts.query.js';
import { ListBankTransactionsQuery } from '../application/queries/list-bank-transactions/list-bank-transactions.query.js';
import {
  BankAccountPageDto,
  BankNotificationDto,
  BankNotificationResultDto,
  BankTransactionListQueryDto,
  BankTransactionPageDto,
  CreateBankAccountDto,
  CreatedBankAccountDto,
  MatchBankTransactionDto,
  MatchedDto,
  UndoBankMatchDto,
} from './dto/bank.dto.js';
import { BankNotificationLimiter } from '../infrastructure/bank-notification-limiter.js';

const NOT_FOUND: [number, string] = [
  404,
  'No such bank transaction (`BANK.TRANSACTION_NOT_FOUND`), or the order is missing or outside your scope (`ORDER.NOT_FOUND`).',
];

@ApiTags('Bank reconciliation')
@Controller('api/v1')
export class BankController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly limits: BankNotificationLimiter,
  ) {}

  @Post('bank-accounts')
  @ApiBearerAuth()
  @RequirePermissions('bank-account:manage')
  @ApiOperation({ summary: 'Register a bank account [银行账户]', description: 'Answers the HMAC secret its notifications are signed with, once.' })
  @ApiCreatedResponse({ type: CreatedBankAccountDto })
  @ApiProblems(400, 401, 403, [409, 'Account number registered already (`BANK.ACCOUNT_NUMBER_TAKEN`).'])
  createAccount(@Body() body: CreateBankAccountDto): Promise<CreatedBankAccountDto> {
    return this.commands.execute(new CreateBankAccountCommand({ name: body.name, accountNumber: body.accountNumber, tolerance: body.tolerance ?? '0' }));
  }

  @Get('bank-accounts')
  @ApiBearerAuth()
  @RequirePermissions('bank-account:manage')
  @ApiOperation({ summary: 'Bank accounts [银行账户], without secrets' })
  @ApiOkResponse({ type: BankAccountPageDto })
  @ApiProblems(401, 403)
  async listAccounts(): Promise<BankAccountPageDto> {
    return wholeList(await this.queries.execute(new ListBankAccountsQuery()));
  }

  @Post('bank-notifications')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'A bank tells of money received [到账通知]',
    description:
      'Signed per bank account: `X-Bank-Signature: sha256=<hex>` is the HMAC-SHA256, under the account secret, of `<X-Bank-Timestamp>.<raw body>`; the timestamp (Unix seconds) must be within 5 minutes. Taken once per bank transaction id: a replay answers the first result. Matched by the rules in order: reference names the order and the amount is its open amount → reconciled; same payer (normalised customer name) and exact open amount → reconciled; within the account tolerance → proposed; otherwise queued for finance. Every match records its rule and confidence.',
  })
  @ApiHeader({ name: 'X-Bank-Account-Id', required: true, schema: { type: 'string', format: 'uuid' }, description: 'The registered bank account.' })
  @ApiHeader({ name: 'X-Bank-Timestamp', required: true, description: 'Unix seconds, signed with the body.' })
  @ApiHeader({ name: 'X-Bank-Signature', required: true, description: '`sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>`.' })
  @ApiOkResponse({ type: BankNotificationResultDto })
  @ApiProblems(
    400,
    [401, 'Unknown account, missing or wrong signature, or a stale timestamp (`BANK.SIGNATURE_INVALID`).'],
    [
      429,
      'More than CRM_BANK_NOTIFICATIONS_PER_ADDRESS requests a minute from your address, or CRM_BANK_NOTIFICATIONS_PER_ACCOUNT signed notifications a minute for the account (`REQUEST.RATE_LIMITED` with `retryAfterSeconds`, `Retry-After`).',
    ],
  )
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Body() body: BankNotificationDto,
    @Headers('x-bank-account-id') accountId: string | undefined,
    @Headers('x-bank-timestamp') timestamp: string | undefined,
    @Headers('x-bank-signature') signature: string | undefined,
  ): Promise<BankNotificationResultDto> {
    await this.limits.fromAddress(request.ip ?? 'unknown');
    const knownShape = accountId && /^[0-9a-f-]{36}$/i.test(accountId) ? accountId : '00000000-0000-0000-0000-000000000000';
    return this.commands.execute(
      new ReceiveBankNotificationCommand(
        knownShape,
        {
          transactionId: body.transactionId,
          amount: body.amount,
          currency: body.currency ?? 'CNY',
          payerName: body.payerName,
          reference: body.reference ?? '',
          bookedOn: body.bookedOn,
        },
        { timestamp, signature, rawBody: request.rawBody ?? Buffer.alloc(0) },
      ),
    );
  }

  @Get('bank-transactions')
  @ApiBearerAuth()
  @RequirePermissions('payment:reconcile')
  @ApiOperation({
    summary: 'Bank transactions [银行流水]: the finance queue',
    description: '`status=unmatched` is the manual matching queue [待匹配]; `proposed` awaits confirmation. Newest first.',
  })
  @ApiOkResponse({ type: BankTransactionPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: BankTransactionListQueryDto): Promise<BankTransactionPageDto> {
    return this.queries.execute(new ListBankTransactionsQuery(query.status, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Post('bank-transactions/:id/match')
  @ApiBearerAuth()
  @RequirePermissions('payment:reconcile')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Match a bank transaction by hand [手工匹配], or confirm a proposal',
    description:
      'Without `orderId`, confirms the proposed order. Recorded with rule `manual` or `confirmed:<rule>` and confidence 1.00; never past the open amount unless `allowOverpayment`.',
  })
  @ApiOkResponse({ type: MatchedDto })
  @ApiProblems(
    400,
    401,
    403,
    NOT_FOUND,
    [409, 'Matched already (`BANK.TRANSACTION_NOT_MATCHABLE`), or the order was handed off (`BANK.ORDER_HANDED_OFF`).'],
    [422, 'Beyond the open amount (`ORDER.PAYMENT_EXCEEDS_OPEN_AMOUNT`), another currency (`BANK.CURRENCY_MISMATCH`).'],
  )
  match(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: MatchBankTransactionDto): Promise<MatchedDto> {
    return this.commands.execute(new MatchBankTransactionCommand(actor, id, body.orderId ?? null, body.allowOverpayment ?? false));
  }

  @Post('bank-transactions/:id/undo')
  @ApiBearerAuth()
  @RequirePermissions('payment:reconcile')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Undo a match [撤销匹配] or refuse a proposal',
    description: 'The payment is reversed (order.payment-reversed.v1) and the transaction goes back to the queue.',
  })
  @ApiNoContentResponse({ description: 'Undone; the transaction is in the queue again.' })
  @ApiProblems(400, 401, 403, NOT_FOUND, [409, 'Nothing to undo (`BANK.TRANSACTION_NOT_MATCHED`), or the order was handed off (`BANK.ORDER_HANDED_OFF`).'])
  async undo(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: UndoBankMatchDto): Promise<void> {
    await this.commands.execute(new UndoBankMatchCommand(actor, id, body.reason));
  }
}
