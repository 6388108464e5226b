import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { CampaignSettings } from '../../../infrastructure/campaign-store.js';

/** Marketing records a campaign [市场活动] with its code (what leads name), channel and cost. */
export class CreateCampaignCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly code: string,
    readonly settings: CampaignSettings,
  ) {
    super();
  }
}

/** Changes a campaign's name, channel, cost or dates; `If-Match` guarded. */
export class ChangeCampaignCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly campaignId: string,
    readonly changes: Partial<CampaignSettings>,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
