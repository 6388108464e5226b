import { Query } from '@nestjs/cqrs';

export interface SegmentView {
  id: string;
  name: string;
  description: string | null;
  conditions: unknown;
  createdBy: string;
  createdAt: string;
}

/** Saved segments [客群]. */
export class ListSegmentsQuery extends Query<SegmentView[]> {}
