import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, SqlParams, toPage, type Page } from '@crm/platform';
import { LeadFormErrors } from '../../../domain/lead-form.js';
import { FormStore, type LeadFormRecord } from '../../../infrastructure/form-store.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { GetLeadFormQuery, ListLeadFormsQuery, type LeadFormView } from './lead-forms.query.js';

function toView(form: LeadFormRecord): LeadFormView {
  return {
    id: form.id,
    key: form.key,
    name: form.name,
    poolId: form.poolId,
    channel: form.channel,
    campaign: form.campaign,
    fields: form.fields,
    honeypotField: form.honeypotField,
    maxPerAddressPerMinute: form.maxPerAddressPerMinute,
    maxPerMinute: form.maxPerMinute,
    enabled: form.enabled,
    submitPath: `/api/v1/public/forms/${form.key}/submissions`,
    createdAt: new Date(form.createdAt).toISOString(),
    updatedAt: new Date(form.updatedAt).toISOString(),
    version: form.version,
  };
}

@QueryHandler(GetLeadFormQuery)
export class GetLeadFormHandler implements IQueryHandler<GetLeadFormQuery> {
  constructor(
    private readonly forms: FormStore,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
  ) {}

  async execute({ actor, formId }: GetLeadFormQuery): Promise<LeadFormView> {
    const form = await this.forms.find(formId);
    const pool = form && (await this.pools.find(form.poolId));
    if (!form || !pool || !(await this.access.reachOf(actor)).seesPool(pool.path)) throw LeadFormErrors.notFound();
    return toView(form);
  }
}

@QueryHandler(ListLeadFormsQuery)
export class ListLeadFormsHandler implements IQueryHandler<ListLeadFormsQuery> {
  constructor(
    private readonly forms: FormStore,
    private readonly access: LeadAccess,
  ) {}

  async execute({ actor, limit, cursor }: ListLeadFormsQuery): Promise<Page<LeadFormView>> {
    const [after] = decodeCursor(cursor, ['uuid']) ?? [null];
    const params = new SqlParams();
    const reach = await this.access.reachOf(actor);
    const rows = await this.forms.list(reach.poolSql(params), params.values, after as string | null, limit + 1);
    return toPage(rows, limit, (row) => [row.id], toView);
  }
}
