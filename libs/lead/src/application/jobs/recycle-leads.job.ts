import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@crm/platform';
import { recycleDue, recycleTarget } from '../../domain/lead-pool.js';
import { Leads } from '../../domain/leads.port.js';
import { LeadPoolRepository, type LeadPoolRecord } from '../../infrastructure/lead-pool.repository.js';

const BATCH = 200;

/**
 * Recycling [线索回收] (LEAD-5): owned open leads not followed up (or not converted) within their
 * pool's limit go back to the pool the rules name, the parent by default, without an owner.
 * Set-based: the due leads are found by one query over the pools' rules, in batches, each batch
 * its own transaction with SKIP LOCKED, so several workers share the work and a lead is recycled
 * once (a lead another worker just recycled no longer matches when its row is re-checked).
 */
@Injectable()
export class RecycleLeadsJob {
  private readonly logger = new Logger('RecycleLeads');

  constructor(
    private readonly leads: Leads,
    private readonly pools: LeadPoolRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** Recycles everything due at `now`; returns how many leads went back. */
  async run(now = new Date(), batchSize = BATCH): Promise<number> {
    let total = 0;
    for (;;) {
      const { taken, recycled } = await this.uow.run(() => this.batch(now, batchSize));
      total += recycled;
      // Nothing taken, or nothing of it due after all: done (never spin on rows that stay).
      if (taken === 0 || recycled === 0) break;
    }
    if (total > 0) this.logger.log(`Recycled ${total} leads`);
    return total;
  }

  private async batch(now: Date, batchSize: number): Promise<{ taken: number; recycled: number }> {
    const batch = await this.leads.lockDueForRecycling(now, batchSize);
    const pools = new Map<string, LeadPoolRecord | undefined>();
    const pool = async (id: string) => {
      if (!pools.has(id)) pools.set(id, await this.pools.find(id));
      return pools.get(id);
    };
    let recycled = 0;
    for (const lead of batch) {
      const home = (await pool(lead.poolId))!;
      const due = recycleDue(home.rules, lead.ownership, now);
      if (!due) continue;
      // A named pool that no longer exists: the parent, as by default.
      const target = (await pool(recycleTarget(home))) ?? (await pool(recycleTarget({ ...home, rules: { ...home.rules, recycleTo: 'parent' } })))!;
      lead.recycle({ to: { id: target.id, path: target.path }, rule: due.rule, afterDays: due.afterDays, now });
      await this.leads.save(lead);
      recycled++;
    }
    return { taken: batch.length, recycled };
  }
}
