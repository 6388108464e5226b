import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import type { FieldChanges } from '@crm/kernel';
import { assertIfMatch, assertSaved, UnitOfWork } from '@crm/platform';
import { LeadEvents } from '../../../contracts/events.js';
import { assigneesOf, checkMaxDepth, checkPoolRules } from '../../../domain/lead-pool.js';
import { LeadPoolErrors } from '../../../domain/lead.errors.js';
import { LeadPoolRepository, type LeadPoolRecord } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { assertActiveUsers } from '../../pool-people.js';
import { ChangeLeadPoolCommand } from './change-lead-pool.command.js';

const EDITABLE = ['name', 'maxDepth', 'memberIds', 'adminIds', 'rules'] as const;

@CommandHandler(ChangeLeadPoolCommand)
export class ChangeLeadPoolHandler implements ICommandHandler<ChangeLeadPoolCommand> {
  constructor(
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
    private readonly users: UserDirectory,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, poolId, changes, expectedVersion }: ChangeLeadPoolCommand): Promise<{ version: number }> {
    const reach = await this.access.reachOf(actor);
    const current = await this.pools.lock(poolId);
    if (!current || !reach.seesPool(current.path)) throw LeadPoolErrors.notFound();
    if (!reach.managesPool(current.path)) throw LeadPoolErrors.notAdmin();
    assertIfMatch('lead pool', expectedVersion, current.version);
    let maxDepth = current.maxDepth;
    if (changes.maxDepth !== undefined) {
      if (current.parentId !== null) throw LeadPoolErrors.maxDepthOnRootOnly();
      maxDepth = checkMaxDepth(changes.maxDepth, await this.pools.deepestUnder(poolId));
    }
    const rules = checkPoolRules({ ...current.rules, ...(changes.rules ?? {}) });
    await assertActiveUsers(this.users, [...(changes.memberIds ?? []), ...(changes.adminIds ?? []), ...(changes.rules ? assigneesOf(rules) : [])]);
    const next: Pick<LeadPoolRecord, (typeof EDITABLE)[number]> = {
      name: changes.name ?? current.name,
      maxDepth,
      memberIds: changes.memberIds ? [...new Set(changes.memberIds)] : current.memberIds,
      adminIds: changes.adminIds ? [...new Set(changes.adminIds)] : current.adminIds,
      rules,
    };
    const diff: FieldChanges = {};
    for (const field of EDITABLE) {
      if (JSON.stringify(current[field]) !== JSON.stringify(next[field])) diff[field] = { from: current[field], to: next[field] };
    }
    if (Object.keys(diff).length === 0) return { version: current.version };
    const version = await this.pools.update(poolId, next, current.version);
    await assertSaved(version !== undefined, 'lead pool', expectedVersion, () => current.version);
    this.uow.raise(LeadEvents.poolChanged.create(poolId, { poolId, changes: diff }));
    return { version: version! };
  }
}
