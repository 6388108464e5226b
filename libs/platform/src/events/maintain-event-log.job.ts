import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionHost } from '../database/transaction-host.js';

/** Monthly partitions kept ready ahead of the current month. */
const MONTHS_AHEAD = 3;
const INBOX_PURGE_BATCH = 5000;

interface EventLogMaintenance {
  /** Partitions created (months that had none yet). */
  created: number;
  /** Partitions detached into the event_archive schema. */
  archived: string[];
  /** Inbox rows removed (their events were delivered long ago). */
  purgedInbox: number;
}

/**
 * Keeps the partitioned event log (ADR 0010) ready and bounded: creates the next months'
 * partitions, and, when CRM_EVENT_ARCHIVE_AFTER_MONTHS is set, detaches older delivered months
 * into `event_archive` and forgets the inbox rows of events delivered before them. Safe with
 * several workers: the partition functions serialise on an advisory lock and are idempotent.
 */
@Injectable()
export class MaintainEventLogJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('EventLog');

  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** At start too: a worker that was down over a month's turn must not leave the new month to the default partition. */
  async onApplicationBootstrap(): Promise<void> {
    await this.run().catch((error: Error) => this.logger.warn(`Event log maintenance failed, retrying hourly: ${error.message}`));
  }

  @Cron(CronExpression.EVERY_HOUR)
  async run(): Promise<EventLogMaintenance> {
    const [{ created }] = (await this.tx.run(() =>
      this.tx.query<{ created: number }>(`SELECT platform.create_event_partitions(now(), $1) AS created`, [MONTHS_AHEAD]),
    )) as [{ created: number }];
    if (created > 0) this.logger.log(`Created ${created} monthly event log partitions`);
    const months = this.config.eventArchiveAfterMonths;
    if (months === undefined) return { created, archived: [], purgedInbox: 0 };
    const archived = (
      await this.tx.run(() =>
        this.tx.query<{ name: string }>(`SELECT platform.archive_event_partitions(now() - make_interval(months => $1), $2) AS name`, [
          months,
          this.config.natsUrl !== undefined,
        ]),
      )
    ).map((row) => row.name);
    if (archived.length > 0) this.logger.log(`Archived event log partitions ${archived.join(', ')} (event_archive schema; dump and drop them)`);
    const purgedInbox = await this.purgeInbox(months);
    return { created, archived, purgedInbox };
  }

  /**
   * An inbox row only matters while its event may be delivered again, i.e. until it is marked
   * delivered. Rows older than the retention whose event is no longer pending are removed in
   * small batches.
   */
  private async purgeInbox(months: number): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.tx.execute(
        `DELETE FROM platform.handled_events WHERE ctid IN (
           SELECT h.ctid FROM platform.handled_events h
            WHERE h.handled_at < now() - make_interval(months => $1)
              AND NOT EXISTS (SELECT 1 FROM platform.events e WHERE e.id = h.event_id AND e.dispatched_at IS NULL)
            LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [months, INBOX_PURGE_BATCH],
      );
      purged += batch.rowCount;
      if (batch.rowCount < INBOX_PURGE_BATCH) return purged;
    }
  }
}
