import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, DEFAULT_PAGE_SIZE, PageQueryDto, RequirePermissions, UuidParam } from '@crm/platform';
import { ChangeSubscriptionCommand } from '../application/commands/change-subscription/change-subscription.command.js';
import { CreateSubscriptionCommand } from '../application/commands/create-subscription/create-subscription.command.js';
import { DeleteSubscriptionCommand } from '../application/commands/delete-subscription/delete-subscription.command.js';
import { RedeliverCommand } from '../application/commands/redeliver/redeliver.command.js';
import { GetSubscriptionQuery } from '../application/queries/get-subscription/get-subscription.query.js';
import { ListDeliveriesQuery } from '../application/queries/list-deliveries/list-deliveries.query.js';
import { ListSubscriptionsQuery } from '../application/queries/list-subscriptions/list-subscriptions.query.js';
import { ChangeSubscriptionDto, CreateSubscriptionDto, DeliveryPageDto, DeliveryQueryDto, SubscriptionDto, SubscriptionPageDto } from './dto/webhook.dto.js';

/** Webhook subscriptions [Webhook 订阅] for internal systems, managed by administrators. */
@ApiTags('Webhook')
@ApiBearerAuth()
@RequirePermissions('org:manage')
@Controller('api/v1/webhook-subscriptions')
export class WebhookSubscriptionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a receiver to events [Webhook 订阅]',
    description:
      'Every committed event whose type starts with one of the prefixes is POSTed to the URL at least once, signed: `webhook-id` (the event id), `webhook-timestamp`, `webhook-signature` = `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the secret.',
  })
  @ApiCreatedResponse({ type: SubscriptionDto })
  @ApiProblems(400, 401, 403, [
    422,
    'The URL resolves to a private, loopback or link-local address not allowed by CRM_WEBHOOK_ALLOWED_NETWORKS (`WEBHOOK.TARGET_NOT_ALLOWED`).',
  ])
  async create(@Body() body: CreateSubscriptionDto): Promise<SubscriptionDto> {
    const { id } = await this.commands.execute(new CreateSubscriptionCommand({ ...body, active: body.active ?? true }));
    return this.queries.execute(new GetSubscriptionQuery(id)) as unknown as Promise<SubscriptionDto>;
  }

  @Get()
  @ApiOperation({ summary: 'Webhook subscriptions, newest first' })
  @ApiOkResponse({ type: SubscriptionPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: PageQueryDto): Promise<SubscriptionPageDto> {
    return this.queries.execute(new ListSubscriptionsQuery(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor)) as unknown as Promise<SubscriptionPageDto>;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A webhook subscription (never its secret)' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', UuidParam) id: string): Promise<SubscriptionDto> {
    return this.queries.execute(new GetSubscriptionQuery(id)) as unknown as Promise<SubscriptionDto>;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a subscription; `active: true` switches a disabled one on again' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiProblems(400, 401, 403, 404, [
    422,
    'The URL resolves to a private, loopback or link-local address not allowed by CRM_WEBHOOK_ALLOWED_NETWORKS (`WEBHOOK.TARGET_NOT_ALLOWED`).',
  ])
  async change(@Param('id', UuidParam) id: string, @Body() body: ChangeSubscriptionDto): Promise<SubscriptionDto> {
    await this.commands.execute(new ChangeSubscriptionCommand(id, body));
    return this.queries.execute(new GetSubscriptionQuery(id)) as unknown as Promise<SubscriptionDto>;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a subscription and its delivery log' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@Param('id', UuidParam) id: string): Promise<void> {
    await this.commands.execute(new DeleteSubscriptionCommand(id));
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log [推送记录]: status, attempts, last status code and latency, newest first' })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiProblems(400, 401, 403, 404)
  deliveries(@Param('id', UuidParam) id: string, @Query() query: DeliveryQueryDto): Promise<DeliveryPageDto> {
    return this.queries.execute(
      new ListDeliveriesQuery(id, query.status, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor),
    ) as unknown as Promise<DeliveryPageDto>;
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivered or failed delivery again [重新推送]' })
  @ApiAcceptedResponse({ description: 'Queued; the log shows the outcome.' })
  @ApiProblems(400, 401, 403, 404, [409, 'Still pending (`WEBHOOK.DELIVERY_PENDING`).'])
  async redeliver(@Param('id', UuidParam) id: string, @Param('deliveryId', UuidParam) deliveryId: string): Promise<void> {
    await this.commands.execute(new RedeliverCommand(id, deliveryId));
  }
}
