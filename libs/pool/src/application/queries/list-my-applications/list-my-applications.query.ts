import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { ApplicationRecord } from '../../../infrastructure/pool.repository.js';

export type ApplicationView = ApplicationRecord;

/** My claim applications [我的申领], newest first. */
export class ListMyApplicationsQuery extends Query<Page<ApplicationView>> {
  constructor(
    readonly actor: Actor,
    readonly status: string | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
