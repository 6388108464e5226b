import Big from 'big.js';
import { DomainError, NotFoundError } from '@crm/kernel';

/**
 * Campaigns [市场活动] with their cost, and the channel / campaign ROI figures [渠道ROI]: money as
 * decimal strings computed with big.js, never a JavaScript number.
 */

export interface ChannelFigures {
  leads: number;
  qualified: number;
  converted: number;
  wonDeals: number;
  /** Sum of won opportunities that came from these leads, a decimal string. */
  wonAmount: string;
  /** The campaign's cost (0.00 for leads without a known campaign). */
  cost: string;
}

/** Cost per lead and per won deal, two decimals; null when there is nothing to divide by. */
export function unitCosts(figures: Pick<ChannelFigures, 'leads' | 'wonDeals' | 'cost'>): { costPerLead: string | null; costPerWonDeal: string | null } {
  const cost = new Big(figures.cost);
  return {
    costPerLead: figures.leads > 0 ? cost.div(figures.leads).toFixed(2) : null,
    costPerWonDeal: figures.wonDeals > 0 ? cost.div(figures.wonDeals).toFixed(2) : null,
  };
}

export function sumMoney(values: readonly string[]): string {
  return values.reduce((sum, value) => sum.plus(value), new Big(0)).toFixed(2);
}

export const CampaignErrors = {
  notFound: () => new NotFoundError('LEAD_CAMPAIGN.NOT_FOUND', 'No such campaign.'),
  codeTaken: () => new DomainError('LEAD_CAMPAIGN.CODE_TAKEN', 'conflict', 'Another campaign has this code.'),
  datesReversed: () => new DomainError('LEAD_CAMPAIGN.DATES_REVERSED', 'invalid', 'endsOn is before startsOn.'),
  periodReversed: () => new DomainError('LEAD_REPORT.PERIOD_REVERSED', 'invalid', '`to` is before `from`.'),
};
