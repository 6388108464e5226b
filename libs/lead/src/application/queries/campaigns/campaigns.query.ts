import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { ChannelFigures } from '../../../domain/campaign.js';
import type { CampaignRecord } from '../../../infrastructure/campaign-store.js';

export type CampaignView = Omit<CampaignRecord, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

export class GetCampaignQuery extends Query<CampaignView> {
  constructor(readonly campaignId: string) {
    super();
  }
}

/** Campaigns by code [市场活动列表]. */
export class ListCampaignsQuery extends Query<Page<CampaignView>> {
  constructor(
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

export interface ChannelRow extends ChannelFigures {
  channel: string | null;
  campaign: string | null;
  campaignName: string | null;
  costPerLead: string | null;
  costPerWonDeal: string | null;
}

export interface ChannelReport {
  from: string;
  to: string;
  qualifiedGrades: string[];
  items: ChannelRow[];
  totals: ChannelFigures & { costPerLead: string | null; costPerWonDeal: string | null };
}

/**
 * The channel / campaign ROI report [渠道ROI] over leads created from `from` to `to` (dates in the
 * company time zone, both included) within the caller's reach: leads, qualified, converted, won deals and amount
 * (opportunities from those leads), the campaign's cost, cost per lead and per won deal.
 */
export class ChannelReportQuery extends Query<ChannelReport> {
  constructor(
    readonly actor: Actor,
    readonly from: string,
    readonly to: string,
    readonly qualifiedGrades: string[],
  ) {
    super();
  }
}
