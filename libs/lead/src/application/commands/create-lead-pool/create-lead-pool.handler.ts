import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { LeadEvents } from '../../../contracts/events.js';
import { assigneesOf, checkPoolRules, DEFAULT_MAX_DEPTH, placeUnder } from '../../../domain/lead-pool.js';
import { LeadPoolErrors } from '../../../domain/lead.errors.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { assertActiveUsers } from '../../pool-people.js';
import { CreateLeadPoolCommand } from './create-lead-pool.command.js';

@CommandHandler(CreateLeadPoolCommand)
export class CreateLeadPoolHandler implements ICommandHandler<CreateLeadPoolCommand> {
  constructor(
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
    private readonly users: UserDirectory,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, input }: CreateLeadPoolCommand): Promise<{ id: string }> {
    const reach = await this.access.reachOf(actor);
    const id = uuidv7();
    let parent = null;
    let treeMaxDepth = input.maxDepth ?? DEFAULT_MAX_DEPTH;
    if (input.parentId) {
      if (input.maxDepth !== undefined) throw LeadPoolErrors.maxDepthOnRootOnly();
      parent = await this.pools.find(input.parentId);
      if (!parent || !reach.seesPool(parent.path)) throw LeadPoolErrors.notFound();
      if (!reach.managesPool(parent.path)) throw LeadPoolErrors.notAdmin();
      // The tree's top-level pool is locked: new levels and a lower maxDepth cannot pass each other.
      const root = await this.pools.lock(parent.path[0]!);
      treeMaxDepth = root?.maxDepth ?? DEFAULT_MAX_DEPTH;
    } else if (!reach.managesEverything) {
      throw LeadPoolErrors.rootNeedsAdmin();
    }
    const { depth, path } = placeUnder(id, parent, treeMaxDepth);
    await assertActiveUsers(this.users, [...input.memberIds, ...input.adminIds, ...assigneesOf(checkPoolRules(input.rules))]);
    const pool = {
      id,
      name: input.name,
      parentId: parent?.id ?? null,
      path,
      depth,
      maxDepth: parent ? null : treeMaxDepth,
      memberIds: [...new Set(input.memberIds)],
      adminIds: [...new Set(input.adminIds)],
      rules: input.rules,
    };
    await this.pools.insert(pool);
    this.uow.raise(
      LeadEvents.poolCreated.create(id, {
        poolId: id,
        name: pool.name,
        parentId: pool.parentId,
        path,
        memberIds: pool.memberIds,
        adminIds: pool.adminIds,
        rules: pool.rules,
      }),
    );
    return { id };
  }
}
