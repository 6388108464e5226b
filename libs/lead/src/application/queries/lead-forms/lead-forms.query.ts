import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { FormField } from '../../../domain/lead-form.js';

export interface LeadFormView {
  id: string;
  key: string;
  name: string;
  poolId: string;
  channel: string;
  campaign: string | null;
  fields: FormField[];
  honeypotField: string;
  maxPerAddressPerMinute: number;
  maxPerMinute: number;
  enabled: boolean;
  /** Where landing pages post: `POST` this path with the fields as JSON. */
  submitPath: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A form whose pool the caller reaches. */
export class GetLeadFormQuery extends Query<LeadFormView> {
  constructor(
    readonly actor: Actor,
    readonly formId: string,
  ) {
    super();
  }
}

/** Forms of the pools the caller reaches, by id. */
export class ListLeadFormsQuery extends Query<Page<LeadFormView>> {
  constructor(
    readonly actor: Actor,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}
