import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  etagFor,
  expectedVersionFrom,
  RequirePermissions,
  UuidParam,
  wholeList,
  type Actor,
} from '@crm/platform';
import { CreateOrderCommand } from '../application/commands/create-order/create-order.command.js';
import { HandOffOrderCommand } from '../application/commands/hand-off-order/hand-off-order.command.js';
import { RecordPaymentCommand } from '../application/commands/record-payment/record-payment.command.js';
import { ReplaceOrderLinesCommand } from '../application/commands/replace-order-lines/replace-order-lines.command.js';
import { RequestOrderReductionCommand } from '../application/commands/request-order-reduction/request-order-reduction.command.js';
import { ListOrderReductionsQuery } from '../application/queries/list-order-reductions/list-order-reductions.query.js';
import { ReversePaymentCommand } from '../application/commands/reverse-payment/reverse-payment.command.js';
import { SubmitOrderCommand } from '../application/commands/submit-order/submit-order.command.js';
import { GetOrderQuery } from '../application/queries/get-order/get-order.query.js';
import { ListOrderPaymentsQuery } from '../application/queries/list-order-payments/list-order-payments.query.js';
import { ListOrdersQuery } from '../application/queries/list-orders/list-orders.query.js';
import type { LineInput } from '../domain/order-lines.js';
import {
  CreateOrderDto,
  HandedOffDto,
  OrderDto,
  OrderLineInputDto,
  OrderLinesDto,
  OrderListQueryDto,
  OrderPageDto,
  PaymentPageDto,
  RecordedPaymentDto,
  OrderReductionDto,
  OrderReductionListDto,
  RecordPaymentDto,
  RequestReductionDto,
  ReversePaymentDto,
  SubmittedOrderDto,
} from './dto/order.dto.js';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' };
const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag from GET; 412 when the order changed since.' };
const NOT_FOUND: [number, string] = [404, 'No such order, or outside your data scope (`ORDER.NOT_FOUND`).'];
const PRICING: [number, string] = [
  422,
  'Unknown (`CATALOG.PRODUCT_NOT_FOUND`) or unpublished (`CATALOG.PRODUCT_NOT_PUBLISHED`) products, the price list not valid at the order date (`CATALOG.PRICE_LIST_NOT_VALID`), no price for a product (`ORDER.PRICE_NOT_FOUND` with `productIds`), a manual price without reason (`ORDER.MANUAL_PRICE_REASON_REQUIRED`), an opportunity of another customer, a contract of another customer (`ORDER.CONTRACT_OF_ANOTHER_CUSTOMER`) or not approved / executing (`ORDER.CONTRACT_NOT_IN_FORCE`), orders of a non-framework contract beyond its amount (`ORDER.EXCEEDS_CONTRACT_AMOUNT` with `contractAmount`, `orderedAmount`, `remainingAmount`).',
];

function linesOf(lines: OrderLineInputDto[]): LineInput[] {
  return lines.map(({ productId, quantity, unitPrice, manualPriceReason, discountPercent }) => ({
    productId,
    quantity,
    unitPrice,
    manualPriceReason,
    discountPercent,
  }));
}

@ApiTags('Orders')
@ApiBearerAuth()
@Controller('api/v1/orders')
export class OrdersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('order:create')
  @ApiOperation({
    summary: 'Create an order [新建订单]',
    description:
      'For a customer you work. Each line is priced from the price list at the order date (how the price was found is kept on the line); a parent product adds its child lines (gifts [赠送] at zero, bundles [捆绑] priced). Totals are computed on the server in decimal arithmetic. You own the order; it starts as a draft.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: OrderDto, description: 'Created; `ETag` header set.' })
  @ApiProblems(
    400,
    401,
    [
      403,
      'Missing permission, a manual price without order:manual-price (`ORDER.MANUAL_PRICE_FORBIDDEN`), or the customer is held outside your scope (`CUSTOMER.NOT_OWNED`).',
    ],
    [404, 'No such customer, price list or contract (`ORDER.CONTRACT_NOT_FOUND`), or outside your data scope.'],
    PRICING,
  )
  async create(@CurrentActor() actor: Actor, @Body() body: CreateOrderDto, @Res({ passthrough: true }) response: Response): Promise<OrderDto> {
    const { id } = await this.commands.execute(
      new CreateOrderCommand(actor, {
        customerId: body.customerId,
        opportunityId: body.opportunityId ?? null,
        contractId: body.contractId ?? null,
        priceListId: body.priceListId,
        orderDate: body.orderDate,
        lines: linesOf(body.lines),
      }),
    );
    return this.respond(actor, id, response);
  }

  @Get()
  @RequirePermissions('order:read')
  @ApiOperation({ summary: 'List orders [订单列表]', description: 'Those in your data scope, newest first.' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: OrderListQueryDto): Promise<OrderPageDto> {
    return this.queries.execute(
      new ListOrdersQuery(
        actor,
        { customerId: query.customerId, contractId: query.contractId, status: query.status },
        query.limit ?? DEFAULT_PAGE_SIZE,
        query.cursor,
      ),
    );
  }

  @Get(':id')
  @RequirePermissions('order:read')
  @ApiOperation({ summary: 'One order [订单详情] with its lines, price traces and payment status' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<OrderDto> {
    return this.respond(actor, id, response);
  }

  @Put(':id/lines')
  @RequirePermissions('order:create')
  @ApiOperation({
    summary: 'Replace the lines of an order [修改订单明细]',
    description:
      'Repriced like a new order. Only a draft or rejected order: once in approval or approved its lines and prices are locked (409 `ORDER.LOCKED`).',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, [409, 'Locked by approval (`ORDER.LOCKED` with `orderStatus`), or a lost race.'], 412, PRICING)
  async replaceLines(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: OrderLinesDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderDto> {
    await this.commands.execute(
      new ReplaceOrderLinesCommand(
        actor,
        id,
        { priceListId: body.priceListId, orderDate: body.orderDate, lines: linesOf(body.lines) },
        expectedVersionFrom(ifMatch),
      ),
    );
    return this.respond(actor, id, response);
  }

  @Post(':id/approval')
  @RequirePermissions('order:create')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit an order for approval [提交审批]',
    description: 'Opens a request in the Approval context (subject type `order`); its outcome approves (and locks) the order, or returns it for editing.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SubmittedOrderDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, [409, 'Not a draft or rejected order (`ORDER.ILLEGAL_TRANSITION`).'], 412, [
    422,
    'No approval process for orders (`APPROVAL.NO_PROCESS`).',
  ])
  submit(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Headers('if-match') ifMatch: string | undefined): Promise<SubmittedOrderDto> {
    return this.commands.execute(new SubmitOrderCommand(actor, id, expectedVersionFrom(ifMatch)));
  }

  @Post(':id/payments')
  @RequirePermissions('payment:record')
  @ApiOperation({
    summary: 'Record a payment [回款登记]',
    description:
      'By finance; partial payments are fine. Concurrent payments on one order are taken one after the other and never go past the total unless `allowOverpayment` confirms it.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: RecordedPaymentDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, [422, 'Beyond the open amount (`ORDER.PAYMENT_EXCEEDS_OPEN_AMOUNT` with `openAmount`) or not positive.'])
  recordPayment(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: RecordPaymentDto): Promise<RecordedPaymentDto> {
    return this.commands.execute(
      new RecordPaymentCommand(actor, id, {
        amount: body.amount,
        paidOn: body.paidOn,
        method: body.method,
        payer: body.payer,
        reference: body.reference ?? null,
        allowOverpayment: body.allowOverpayment ?? false,
      }),
    );
  }

  @Post(':id/payments/:paymentId/reversal')
  @RequirePermissions('payment:reverse')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reverse a payment recorded by hand [回款冲销]',
    description:
      "With a reason, under the order's row lock; the payment stays in the list with who reversed it, when and why. The order's paid amount and payment status, and the contract's instalments, follow. Emits order.payment-reversed.v1. A payment reconciled from the bank is undone in the bank queue instead.",
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: RecordedPaymentDto, description: "The reversed payment, with the order's paid amount and payment status after it." })
  @ApiProblems(
    [400, 'No reason, or a bad id.'],
    401,
    403,
    [404, 'No such order, or outside your data scope (`ORDER.NOT_FOUND`); no such payment on it (`ORDER.PAYMENT_NOT_FOUND`).'],
    [
      409,
      'Reversed already (`ORDER.PAYMENT_ALREADY_REVERSED`), reconciled from the bank (`ORDER.PAYMENT_FROM_BANK`), or the order was handed off (`ORDER.PAYMENT_OF_HANDED_OFF_ORDER`).',
    ],
  )
  reversePayment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('paymentId', UuidParam) paymentId: string,
    @Body() body: ReversePaymentDto,
  ): Promise<RecordedPaymentDto> {
    return this.commands.execute(new ReversePaymentCommand(actor, id, paymentId, body.reason));
  }

  @Post(':id/reductions')
  @RequirePermissions('order:create')
  @ApiOperation({
    summary: 'Reduce an approved order [减单 / 退货]',
    description:
      "Takes quantities of the order's lines back (`lineIndex` into its `lines`), never more than a line has left, and never below what was paid (reverse payments first: refunds are not recorded here). Each line's amount is recomputed for what remains, exactly as it was priced. Goes to approval at once (subject type `order-reduction`, default process: the applicant's manager); once approved, the order total (and the contract's ordered amount) fall by `amount` and order.reduced.v1 is emitted. One reduction in approval per order at a time.",
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: OrderReductionDto })
  @ApiProblems(
    400,
    401,
    403,
    NOT_FOUND,
    [409, 'The order is not approved (`ORDER.NOT_REDUCIBLE` with `orderStatus`), or a reduction is in approval (`ORDER.REDUCTION_PENDING`).'],
    [
      422,
      'No such line (`ORDER.REDUCTION_LINE_NOT_FOUND`), a line named twice (`ORDER.REDUCTION_DUPLICATE_LINE`), more than is left (`ORDER.REDUCTION_EXCEEDS_QUANTITY` with `remainingQuantity`), or the total would fall below what was paid (`ORDER.REDUCTION_BELOW_PAID` with `paid`, `newTotal`).',
    ],
  )
  async requestReduction(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: RequestReductionDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderReductionDto> {
    const { id: reductionId } = await this.commands.execute(
      new RequestOrderReductionCommand(actor, id, {
        reason: body.reason,
        lines: body.lines.map((line) => ({ lineIndex: line.lineIndex, quantity: line.quantity })),
      }),
    );
    response.setHeader('Location', `/api/v1/orders/${id}/reductions`);
    const reductions = await this.queries.execute(new ListOrderReductionsQuery(actor, id));
    return reductions.find((reduction) => reduction.id === reductionId)!;
  }

  @Get(':id/reductions')
  @RequirePermissions('order:read')
  @ApiOperation({ summary: 'Reduction orders of an order [减单记录]', description: 'Oldest first, with their status, lines and amounts.' })
  @ApiOkResponse({ type: OrderReductionListDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  async reductions(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<OrderReductionListDto> {
    return wholeList(await this.queries.execute(new ListOrderReductionsQuery(actor, id)));
  }

  @Get(':id/payments')
  @RequirePermissions('order:read')
  @ApiOperation({
    summary: 'Payments of an order [回款记录]',
    description: 'Recorded and bank-matched, reversed ones included, each with its matching rule and confidence.',
  })
  @ApiOkResponse({ type: PaymentPageDto })
  @ApiProblems(400, 401, 403, NOT_FOUND)
  async payments(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<PaymentPageDto> {
    return wholeList(await this.queries.execute(new ListOrderPaymentsQuery(actor, id)));
  }

  @Post(':id/hand-off')
  @RequirePermissions('order:hand-off')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hand the order off to delivery [转案]',
    description:
      'Only an approved order whose payments cover its total exactly, with no bank match awaiting finance. Otherwise 422 `ORDER.HAND_OFF_BLOCKED` whose `reasons` lists every blocking reason (`ORDER.NOT_APPROVED`, `ORDER.NOT_FULLY_PAID`, `ORDER.OVER_PAID`, `ORDER.PROPOSED_MATCH_PENDING`). Emits order.handed-off.v1.',
  })
  @ApiOkResponse({ type: HandedOffDto })
  @ApiProblems(400, 401, 403, NOT_FOUND, [409, 'Handed off already (`ORDER.ALREADY_HANDED_OFF`).'], [422, '`ORDER.HAND_OFF_BLOCKED` with `reasons`.'])
  handOff(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<HandedOffDto> {
    return this.commands.execute(new HandOffOrderCommand(actor, id));
  }

  private async respond(actor: Actor, id: string, response: Response): Promise<OrderDto> {
    const order = await this.queries.execute(new GetOrderQuery(actor, id));
    response.setHeader('ETag', etagFor(order.version));
    return order as OrderDto;
  }
}
