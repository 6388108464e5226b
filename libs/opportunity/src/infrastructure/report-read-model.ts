import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, TransactionHost, type AppConfig } from '@crm/platform';

/**
 * The funnel's and forecast's read model is kept by triggers in the transaction of each change (migration
 * 1732507500000). The forecast places a won opportunity in the month of winning in the company time zone: when
 * `CRM_TIMEZONE` is not the zone the read model was built in, start-up rebuilds it in the new one.
 */
@Injectable()
export class ReportReadModel implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tx.run(async () => {
      const row = await this.tx.queryOne<{ time_zone: string }>(`SELECT time_zone FROM opportunity.report_settings FOR UPDATE`);
      if (row?.time_zone === this.config.timeZone) return;
      await this.tx.query(`UPDATE opportunity.report_settings SET time_zone = $1`, [this.config.timeZone]);
      await this.tx.query(`SELECT opportunity.refresh_report_contributions(NULL)`);
    });
  }
}
