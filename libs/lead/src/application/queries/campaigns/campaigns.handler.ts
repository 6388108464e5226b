import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, decodeCursor, SqlParams, toPage, TransactionHost, type AppConfig, type Page } from '@crm/platform';
import { CampaignErrors, sumMoney, unitCosts } from '../../../domain/campaign.js';
import { CampaignStore, type CampaignRecord } from '../../../infrastructure/campaign-store.js';
import { LeadAccess } from '../../lead-access.js';
import { ChannelReportQuery, GetCampaignQuery, ListCampaignsQuery, type CampaignView, type ChannelReport, type ChannelRow } from './campaigns.query.js';

function toView(record: CampaignRecord): CampaignView {
  return { ...record, createdAt: new Date(record.createdAt).toISOString(), updatedAt: new Date(record.updatedAt).toISOString() };
}

@QueryHandler(GetCampaignQuery)
export class GetCampaignHandler implements IQueryHandler<GetCampaignQuery> {
  constructor(private readonly campaigns: CampaignStore) {}

  async execute({ campaignId }: GetCampaignQuery): Promise<CampaignView> {
    const record = await this.campaigns.find(campaignId);
    if (!record) throw CampaignErrors.notFound();
    return toView(record);
  }
}

@QueryHandler(ListCampaignsQuery)
export class ListCampaignsHandler implements IQueryHandler<ListCampaignsQuery> {
  constructor(private readonly campaigns: CampaignStore) {}

  async execute({ limit, cursor }: ListCampaignsQuery): Promise<Page<CampaignView>> {
    const [after] = decodeCursor(cursor, ['string']) ?? [null];
    const rows = await this.campaigns.list(after as string | null, limit + 1);
    return toPage(rows, limit, (row) => [row.code], toView);
  }
}

interface FigureRow {
  channel: string | null;
  campaign: string | null;
  leads: number;
  qualified: number;
  converted: number;
  won_deals: number;
  won_amount: string;
}

@QueryHandler(ChannelReportQuery)
export class ChannelReportHandler implements IQueryHandler<ChannelReportQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: LeadAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, from, to, qualifiedGrades }: ChannelReportQuery): Promise<ChannelReport> {
    if (to < from) throw CampaignErrors.periodReversed();
    const params = new SqlParams();
    const scope = (await this.access.reachOf(actor)).leadSql(params);
    const fromAt = params.add(from);
    const toAt = params.add(to);
    const grades = params.add(qualifiedGrades);
    const zone = params.add(this.config.timeZone);
    const rows = await this.tx.query<FigureRow>(
      `SELECT l.channel, l.campaign, count(*)::int AS leads,
              count(*) FILTER (WHERE l.status = 'converted' OR l.grade = ANY(${grades}::text[]))::int AS qualified,
              count(*) FILTER (WHERE l.status = 'converted')::int AS converted,
              coalesce(sum(w.deals), 0)::int AS won_deals,
              coalesce(sum(w.amount), 0)::numeric(18,2)::text AS won_amount
         FROM lead.leads l
         LEFT JOIN (SELECT lead_id, count(*) AS deals, sum(won_amount) AS amount
                      FROM lead.lead_opportunities WHERE won_at IS NOT NULL GROUP BY lead_id) w ON w.lead_id = l.id
        WHERE l.created_at >= (${fromAt}::date)::timestamp AT TIME ZONE ${zone}
          AND l.created_at < (${toAt}::date + 1)::timestamp AT TIME ZONE ${zone}
          AND ${scope}
        GROUP BY l.channel, l.campaign
        ORDER BY l.channel NULLS LAST, l.campaign NULLS LAST`,
      params.values,
    );
    const codes = [...new Set(rows.map((row) => row.campaign).filter((code): code is string => code !== null))];
    const campaigns = new Map(
      (
        await this.tx.query<{ code: string; name: string; channel: string | null; cost: string }>(
          `SELECT code, name, channel, cost::text AS cost FROM lead.campaigns WHERE code = ANY($1::text[])`,
          [codes],
        )
      ).map((campaign) => [campaign.code, campaign]),
    );
    // A campaign's cost goes to one row: the one in its own channel, else the one with the most leads.
    const costRow = new Map<string, FigureRow>();
    for (const row of rows) {
      const campaign = row.campaign ? campaigns.get(row.campaign) : undefined;
      if (!campaign) continue;
      const current = costRow.get(campaign.code);
      const better = !current || (current.channel !== campaign.channel && (row.channel === campaign.channel || row.leads > current.leads));
      if (better) costRow.set(campaign.code, row);
    }
    const items: ChannelRow[] = rows.map((row) => {
      const campaign = row.campaign ? campaigns.get(row.campaign) : undefined;
      const cost = campaign && costRow.get(campaign.code) === row ? campaign.cost : '0.00';
      const figures = {
        leads: row.leads,
        qualified: row.qualified,
        converted: row.converted,
        wonDeals: row.won_deals,
        wonAmount: row.won_amount,
        cost: sumMoney([cost]),
      };
      return { channel: row.channel, campaign: row.campaign, campaignName: campaign?.name ?? null, ...figures, ...unitCosts(figures) };
    });
    const sum = (pick: (row: ChannelRow) => number) => items.reduce((total, row) => total + pick(row), 0);
    const totals = {
      leads: sum((row) => row.leads),
      qualified: sum((row) => row.qualified),
      converted: sum((row) => row.converted),
      wonDeals: sum((row) => row.wonDeals),
      wonAmount: sumMoney(items.map((row) => row.wonAmount)),
      cost: sumMoney(items.map((row) => row.cost)),
    };
    return { from, to, qualifiedGrades, items, totals: { ...totals, ...unitCosts(totals) } };
  }
}
