import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface RecyclePreviewItem {
  customerId: string;
  grade: string;
  holderIds: string[];
  lastActivityAt: string;
  dueSince: string;
}

/** Dry run [回收预览]: which customers of a pool the rules would recycle now. Pool admins only. */
export class PreviewRecycleQuery extends Query<{ poolId: string; total: number; items: RecyclePreviewItem[] }> {
  constructor(
    readonly actor: Actor,
    readonly poolId: string,
    readonly limit: number,
  ) {
    super();
  }
}
