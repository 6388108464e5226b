import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, TransactionHost, UnitOfWork, type AppConfig } from '@crm/platform';
import type { ClaimLimits, Claimant } from '../domain/claim-policies.js';
import { scopeIdOf } from '../domain/claim-scope.js';
import { PoolCustomer, type Application, type Protection } from '../domain/pool-customer.aggregate.js';
import { PoolCustomers } from '../domain/pool-customers.port.js';
import { startOfToday } from '../domain/pool-time.js';
import { PoolRepository } from './pool.repository.js';

interface Loaded {
  protectionIds: Set<string>;
  applicationIds: Set<string>;
}

/** PoolCustomer aggregates in pool.entries, pool.protections and pool.applications. */
@Injectable()
export class SqlPoolCustomers extends PoolCustomers {
  private readonly loaded = new WeakMap<PoolCustomer, Loaded>();

  constructor(
    private readonly tx: TransactionHost,
    private readonly pools: PoolRepository,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async lock(customerId: string): Promise<PoolCustomer | undefined> {
    const loaded = await this.pools.lockEntryWithHoldings(customerId);
    if (!loaded) return undefined;
    const { entry } = loaded;
    const protections: Protection[] = loaded.protections.map((record) => ({
      id: record.id,
      holderId: record.holderId,
      scope: record.scope,
      source: record.source,
      applicationId: record.applicationId,
      since: record.since,
    }));
    const applications: Application[] = loaded.applications.map((record) => ({ ...record, approvalRequestId: record.approvalRequestId ?? '' }));
    const customer = PoolCustomer.rehydrate({
      customerId,
      poolId: entry.poolId,
      grade: entry.grade,
      rules: entry.pool.rules,
      access: { departmentId: entry.pool.departmentId, adminIds: entry.pool.adminIds },
      protections,
      applications,
      clockRestartedAt: null,
      isNew: false,
    });
    this.loaded.set(customer, {
      protectionIds: new Set(protections.map((protection) => protection.id)),
      applicationIds: new Set(applications.map((application) => application.id)),
    });
    return customer;
  }

  async lockByApplication(applicationId: string): Promise<PoolCustomer | undefined> {
    const application = await this.pools.findApplication(applicationId);
    return application && this.lock(application.customerId);
  }

  async claimant(user: { id: string; roles: readonly string[] }, customerId: string, poolId: string, now: Date, limits: ClaimLimits): Promise<Claimant> {
    // Counted up to the limit only (LIMIT inside each count), and not at all without one: bounded by the pool's rules,
    // not by how many customers the claimant holds.
    const row = await this.tx.queryOne<{ last_released_at: Date | null; held: number; claims: number }>(
      `SELECT (SELECT max(released_at) FROM pool.protections
                WHERE customer_id = $1 AND holder_id = $2 AND released_at IS NOT NULL) AS last_released_at,
              CASE WHEN $5::int IS NULL THEN 0 ELSE
                (SELECT count(*) FROM (SELECT DISTINCT customer_id FROM pool.protections
                                        WHERE holder_id = $2 AND pool_id = $3 AND released_at IS NULL LIMIT $5) AS held)
              + (SELECT count(*) FROM (SELECT 1 FROM pool.applications
                                        WHERE applicant_id = $2 AND pool_id = $3 AND status = 'pending' LIMIT $5) AS pending) END AS held,
              CASE WHEN $6::int IS NULL THEN 0 ELSE
                (SELECT count(*) FROM (SELECT DISTINCT customer_id FROM pool.protections
                                        WHERE holder_id = $2 AND pool_id = $3 AND source = 'claim' AND since >= $4 LIMIT $6) AS claimed)
              + (SELECT count(*) FROM (SELECT 1 FROM pool.applications
                                        WHERE applicant_id = $2 AND pool_id = $3 AND created_at >= $4 LIMIT $6) AS applied) END AS claims`,
      [customerId, user.id, poolId, startOfToday(now, this.config.timeZone), limits.held, limits.claimsToday],
    );
    return {
      id: user.id,
      roles: user.roles,
      lastReleasedAt: row?.last_released_at ? new Date(row.last_released_at) : null,
      heldOrPending: Number(row?.held ?? 0),
      claimsToday: Number(row?.claims ?? 0),
    };
  }

  async add(customer: PoolCustomer): Promise<boolean> {
    const placed = await this.pools.insertEntry({ customerId: customer.customerId, poolId: customer.poolId, grade: customer.grade, at: new Date() });
    if (!placed) return false;
    this.loaded.set(customer, { protectionIds: new Set(), applicationIds: new Set() });
    await this.save(customer);
    return true;
  }

  async save(customer: PoolCustomer): Promise<void> {
    const loaded = this.loaded.get(customer);
    if (!loaded) throw new Error('Save a PoolCustomer this repository loaded or added.');
    const state = customer.snapshot();
    const added = state.protections.filter((protection) => !loaded.protectionIds.has(protection.id) && !protection.ended);
    const ended = state.protections.filter((protection) => loaded.protectionIds.has(protection.id) && protection.ended);
    for (const protection of ended) {
      await this.tx.query(`UPDATE pool.protections SET released_at = $2, release_reason = $3, released_by = $4 WHERE id = $1 AND released_at IS NULL`, [
        protection.id,
        protection.ended!.at,
        protection.ended!.reason,
        protection.ended!.by,
      ]);
    }
    if (added.length > 0) await this.insertProtections(customer, added);
    for (const application of state.applications) {
      if (!loaded.applicationIds.has(application.id)) await this.insertApplication(customer, application);
      else if (application.status !== 'pending') await this.pools.closeApplication(application.id, application.status);
    }
    if (added.length > 0 || ended.length > 0 || state.clockRestartedAt) {
      await this.pools.refreshEntries([customer.customerId], state.clockRestartedAt !== null);
    }
    loaded.protectionIds = new Set(customer.activeProtections.map((protection) => protection.id));
    loaded.applicationIds = new Set(state.applications.map((application) => application.id));
    this.uow.track(customer);
  }

  private async insertProtections(customer: PoolCustomer, protections: readonly Protection[]): Promise<void> {
    await this.tx.query(
      `INSERT INTO pool.protections (id, customer_id, pool_id, holder_id, scope_kind, scope_id, product_line_id, source, application_id, since)
       SELECT p.id, $2, $3, p.holder_id, p.scope_kind, p.scope_id, p.product_line_id, p.source, p.application_id, p.since
         FROM unnest($1::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::uuid[], $8::text[], $9::uuid[], $10::timestamptz[])
           AS p(id, holder_id, scope_kind, scope_id, product_line_id, source, application_id, since)`,
      [
        protections.map((protection) => protection.id),
        customer.customerId,
        customer.poolId,
        protections.map((protection) => protection.holderId),
        protections.map((protection) => protection.scope.kind),
        protections.map((protection) => scopeIdOf(protection.scope)),
        protections.map((protection) => (protection.scope.kind === 'customer' ? null : protection.scope.productLineId)),
        protections.map((protection) => protection.source),
        protections.map((protection) => protection.applicationId),
        protections.map((protection) => protection.since),
      ],
    );
  }

  private async insertApplication(customer: PoolCustomer, application: Application): Promise<void> {
    await this.pools.insertApplication({
      ...application,
      customerId: customer.customerId,
      poolId: customer.poolId,
    });
  }
}
