import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TargetReader } from '../../targets/target-reader.js';
import type { TargetView } from '../../targets/target-view.js';
import { GetTargetQuery } from './get-target.query.js';

@QueryHandler(GetTargetQuery)
export class GetTargetHandler implements IQueryHandler<GetTargetQuery> {
  constructor(private readonly reader: TargetReader) {}

  async execute({ actor, targetId }: GetTargetQuery): Promise<TargetView> {
    const { target, members } = await this.reader.visible(actor, targetId);
    return this.reader.view(target, members);
  }
}
