import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type Actor, type AppConfig, TransactionHost } from '@crm/platform';
import { OpportunityErrors } from '../../domain/opportunity.errors.js';
import { OpportunityPeople } from '../../infrastructure/opportunity-people.js';
import { SqlTargets, type TargetRecord } from '../../infrastructure/sql-targets.js';
import { canSeeTarget, subjectMembers } from '../reports/target-access.js';
import { collectedFigures } from '../reports/collected-figures.js';
import { wonFigures } from '../reports/won-figures.js';
import { achievedFor, periodOf, toTargetView, type TargetView } from './target-view.js';

/** Loads targets the caller may see (else 404, like missing) and measures them. */
@Injectable()
export class TargetReader {
  constructor(
    private readonly targets: SqlTargets,
    private readonly people: OpportunityPeople,
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The target and its members, when the caller may see it. */
  async visible(actor: Actor, id: string): Promise<{ target: TargetRecord; members: string[] }> {
    const target = await this.targets.find(id);
    const members = target ? await subjectMembers(this.people, target.subjectType, target.subjectId) : [];
    if (!target || !canSeeTarget(actor, target.subjectType, target.subjectId, members)) throw OpportunityErrors.targetNotFound();
    return { target, members };
  }

  async view(target: TargetRecord, members: string[]): Promise<TargetView> {
    const range = periodOf(target);
    const figures =
      target.metric === 'collected-amount'
        ? await collectedFigures(this.tx, { owners: members, start: range.start, end: range.end })
        : await wonFigures(this.tx, { owners: members, start: range.start, end: range.end, timeZone: this.config.timeZone });
    return toTargetView(target, achievedFor(target.metric, figures, members));
  }

  /** Of these targets, the views of those the caller may see. */
  async visibleViews(actor: Actor, targets: TargetRecord[]): Promise<TargetView[]> {
    const views: TargetView[] = [];
    for (const target of targets) {
      const members = await subjectMembers(this.people, target.subjectType, target.subjectId);
      if (canSeeTarget(actor, target.subjectType, target.subjectId, members)) views.push(await this.view(target, members));
    }
    return views;
  }
}
