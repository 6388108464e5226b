import { Injectable } from '@nestjs/common';
import { DataScope, type Actor, type SqlParams } from '@crm/platform';
import { withinAny } from '../domain/lead-pool.js';
import { LeadPoolRepository } from '../infrastructure/lead-pool.repository.js';

/**
 * What one caller may see and manage among leads and lead pools [线索数据权限] (seed 003):
 * members of a pool see its leads and those of its sub-pools; admins of a pool also manage that
 * subtree; an owner sees their own leads, and the caller's data scope (own / team / department /
 * all) widens that to the leads its people own. Anything else answers exactly like a missing lead.
 */
export class LeadReach {
  constructor(
    readonly actor: Actor,
    /** Pools the caller is a member or an admin of. */
    readonly poolIds: readonly string[],
    /** Pools the caller is an admin of. */
    readonly adminOf: readonly string[],
  ) {}

  /** Callers whose data scope is everything see every pool and lead. */
  get seesEverything(): boolean {
    return this.actor.dataScope === 'all';
  }

  /** ... and with lead:manage they manage every pool, top-level ones included. */
  get managesEverything(): boolean {
    return this.seesEverything && this.actor.permissions.includes('lead:manage');
  }

  seesPool(path: readonly string[]): boolean {
    return this.seesEverything || withinAny(path, this.poolIds);
  }

  managesPool(path: readonly string[]): boolean {
    return this.managesEverything || withinAny(path, this.adminOf);
  }

  seesLead(lead: { ownerId: string | null; poolPath: readonly string[] }): boolean {
    return DataScope.of(this.actor).allows({ ownerId: lead.ownerId }) || this.seesPool(lead.poolPath);
  }

  /** The same rule as `seesLead`, as a predicate on lead.leads aliased `l`. */
  leadSql(params: SqlParams): string {
    const byOwner = DataScope.of(this.actor).sql({ owner: 'l.owner_id' }, params);
    if (byOwner === 'TRUE') return 'TRUE';
    if (this.poolIds.length === 0) return byOwner;
    return `(${byOwner} OR l.pool_path && ${params.add(this.poolIds)}::uuid[])`;
  }

  /** The same rule as `seesPool`, as a predicate on lead.pools aliased `p`. */
  poolSql(params: SqlParams): string {
    if (this.seesEverything) return 'TRUE';
    return `p.path && ${params.add(this.poolIds)}::uuid[]`;
  }
}

@Injectable()
export class LeadAccess {
  constructor(private readonly pools: LeadPoolRepository) {}

  async reachOf(actor: Actor): Promise<LeadReach> {
    const { memberOf, adminOf } = await this.pools.reachOf(actor.id);
    return new LeadReach(actor, memberOf, adminOf);
  }
}
