import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved, type Actor } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { checkFormFields, LeadFormErrors } from '../../../domain/lead-form.js';
import { LeadPoolErrors } from '../../../domain/lead.errors.js';
import { FormStore } from '../../../infrastructure/form-store.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { ChangeLeadFormCommand, CreateLeadFormCommand } from './save-lead-form.command.js';

/** The pool a form feeds must be one the caller manages. */
async function assertManagedPool(pools: LeadPoolRepository, access: LeadAccess, actor: Actor, poolId: string): Promise<void> {
  const reach = await access.reachOf(actor);
  const pool = await pools.find(poolId);
  if (!pool || !reach.seesPool(pool.path)) throw LeadPoolErrors.notFound();
  if (!reach.managesPool(pool.path)) throw LeadPoolErrors.notAdmin();
}

@CommandHandler(CreateLeadFormCommand)
export class CreateLeadFormHandler implements ICommandHandler<CreateLeadFormCommand> {
  constructor(
    private readonly forms: FormStore,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
  ) {}

  async execute({ actor, key, settings }: CreateLeadFormCommand): Promise<{ id: string }> {
    await assertManagedPool(this.pools, this.access, actor, settings.poolId);
    checkFormFields(settings.fields);
    const id = uuidv7();
    await this.forms.insert(id, key, settings, actor.id);
    return { id };
  }
}

@CommandHandler(ChangeLeadFormCommand)
export class ChangeLeadFormHandler implements ICommandHandler<ChangeLeadFormCommand> {
  constructor(
    private readonly forms: FormStore,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
  ) {}

  async execute({ actor, formId, changes, expectedVersion }: ChangeLeadFormCommand): Promise<{ version: number }> {
    const current = await this.forms.find(formId);
    if (!current) throw LeadFormErrors.notFound();
    const reach = await this.access.reachOf(actor);
    const pool = await this.pools.find(current.poolId);
    if (!pool || !reach.seesPool(pool.path)) throw LeadFormErrors.notFound();
    if (!reach.managesPool(pool.path)) throw LeadPoolErrors.notAdmin();
    assertIfMatch('lead form', expectedVersion, current.version);
    if (changes.poolId && changes.poolId !== current.poolId) await assertManagedPool(this.pools, this.access, actor, changes.poolId);
    const next = { ...current, ...changes };
    checkFormFields(next.fields);
    const version = await this.forms.update(formId, next, current.version);
    await assertSaved(version !== undefined, 'lead form', expectedVersion, () => current.version);
    return { version: version! };
  }
}
