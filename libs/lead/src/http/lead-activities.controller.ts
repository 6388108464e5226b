import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, RequirePermissions, type Actor } from '@crm/platform';
import { IngestLeadActivitiesCommand } from '../application/commands/ingest-lead-activities/ingest-lead-activities.command.js';
import { IngestActivitiesDto, IngestResultDto } from './dto/lead-activity-ingest.dto.js';

@ApiTags('Leads')
@ApiBearerAuth()
@Controller('api/v1/lead-activities')
export class LeadActivitiesController {
  constructor(private readonly commands: CommandBus) {}

  @Post('batch')
  @HttpCode(200)
  @RequirePermissions('lead:ingest')
  @ApiOperation({
    summary: 'Send lead behaviour in a batch [行为数据批量接入]',
    description:
      'For tracking systems (the `lead-integration` role): up to 1,000 activities (page views, mini-program visits, H5 opens, live streams, forms, e-mail opens), each keyed by mobile, e-mail or visitor id, matched to open leads on the same normalised keys (mobile first, then e-mail, then a visitor id linked earlier or tied to a mobile or e-mail by another item of the batch). Matched items are recorded and each touched lead is re-scored once, all in one transaction; each item is answered on its own: `recorded`, `duplicate` (its `externalId` was recorded before: re-sending a batch records nothing twice), `unmatched` or `invalid` (with a code and field). Closed and converted leads are not matched. With `createUnmatched` (pool, channel, optional campaign), items with a mobile or e-mail (or a visitor id the batch ties to one) that match no open lead make leads in that pool, in the same transaction, as any capture would (de-duplicated, customer/contact matching, scoring, routing and assignment): `created` with the lead id; two batches racing with the same new person make one lead.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Replays the first answer; `externalId` per item keeps a re-sent batch from recording twice anyway.',
  })
  @ApiOkResponse({ type: IngestResultDto })
  @ApiProblems(
    [400, 'Not a list of 1–1,000 objects.'],
    401,
    [403, 'Without the `lead:ingest` permission.'],
    [404, '`LEAD_POOL.NOT_FOUND` (the `createUnmatched` pool is not one you see), `LEAD_CAMPAIGN.NOT_FOUND`.'],
  )
  ingest(@CurrentActor() actor: Actor, @Body() body: IngestActivitiesDto): Promise<IngestResultDto> {
    const create = body.createUnmatched;
    return this.commands.execute(
      new IngestLeadActivitiesCommand(
        actor,
        body.activities,
        create ? { poolId: create.poolId, channel: create.channel, campaignId: create.campaignId ?? null } : null,
      ),
    );
  }
}
