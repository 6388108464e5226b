import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { CampaignErrors } from '../../../domain/campaign.js';
import { CampaignStore, type CampaignSettings } from '../../../infrastructure/campaign-store.js';
import { ChangeCampaignCommand, CreateCampaignCommand } from './save-campaign.command.js';

function checkDates(settings: CampaignSettings): void {
  if (settings.startsOn && settings.endsOn && settings.endsOn < settings.startsOn) throw CampaignErrors.datesReversed();
}

@CommandHandler(CreateCampaignCommand)
export class CreateCampaignHandler implements ICommandHandler<CreateCampaignCommand> {
  constructor(private readonly campaigns: CampaignStore) {}

  async execute({ actor, code, settings }: CreateCampaignCommand): Promise<{ id: string }> {
    checkDates(settings);
    const id = uuidv7();
    await this.campaigns.insert(id, code, settings, actor.id);
    return { id };
  }
}

@CommandHandler(ChangeCampaignCommand)
export class ChangeCampaignHandler implements ICommandHandler<ChangeCampaignCommand> {
  constructor(private readonly campaigns: CampaignStore) {}

  async execute({ campaignId, changes, expectedVersion }: ChangeCampaignCommand): Promise<{ version: number }> {
    const current = await this.campaigns.find(campaignId);
    if (!current) throw CampaignErrors.notFound();
    assertIfMatch('campaign', expectedVersion, current.version);
    const next = { ...current, ...changes };
    checkDates(next);
    const version = await this.campaigns.update(campaignId, next, current.version);
    await assertSaved(version !== undefined, 'campaign', expectedVersion, () => current.version);
    return { version: version! };
  }
}
