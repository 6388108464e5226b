import { Query } from '@nestjs/cqrs';
import type { TagRecord } from '../../../infrastructure/tagging.repository.js';

/** Every tag with its category and weight. */
export class ListTagsQuery extends Query<TagRecord[]> {}
