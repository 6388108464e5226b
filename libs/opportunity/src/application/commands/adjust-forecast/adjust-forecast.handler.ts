import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataScope, TransactionHost, UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { OpportunityEvents } from '../../../contracts/events.js';
import { toMoney } from '../../../domain/money.js';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { parsePeriod } from '../../../domain/periods.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import type { Adjustment } from '../../reports/forecast-figures.js';
import { AdjustForecastCommand } from './adjust-forecast.command.js';

/**
 * Records a manager's adjustment: the owner must be an active person in the manager's scope (else the
 * same 404 as nobody) and not the manager themselves. Earlier adjustments stay; the latest counts.
 */
@CommandHandler(AdjustForecastCommand)
export class AdjustForecastHandler implements ICommandHandler<AdjustForecastCommand> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly people: OpportunityPeople,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, ownerId, period, category, amount, reason }: AdjustForecastCommand): Promise<Adjustment> {
    const kind = parsePeriod(period)?.kind;
    if (kind !== 'month' && kind !== 'quarter') throw OpportunityErrors.invalidPeriod(period);
    const money = toMoney(amount);
    if (money === undefined) throw OpportunityErrors.invalidAmount('amount');
    if (!DataScope.of(actor).allows({ ownerId }) || !(await this.people.isActive(ownerId))) throw OpportunityErrors.forecastOwnerNotFound();
    if (ownerId === actor.id) throw OpportunityErrors.ownForecast();
    const adjustment: Adjustment = {
      id: uuidv7(),
      ownerId,
      period,
      category,
      amount: money,
      reason: reason.trim(),
      adjustedBy: actor.id,
      adjustedAt: new Date().toISOString(),
    };
    await this.tx.query(
      `INSERT INTO opportunity.forecast_adjustments (id, owner_id, period, category, amount, reason, adjusted_by, adjusted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [adjustment.id, ownerId, period, category, money, adjustment.reason, actor.id, adjustment.adjustedAt],
    );
    this.uow.raise(
      OpportunityEvents.forecastAdjusted.create(adjustment.id, {
        adjustmentId: adjustment.id,
        ownerId,
        period,
        category,
        amount: money,
        reason: adjustment.reason,
        adjustedBy: actor.id,
      }),
    );
    return adjustment;
  }
}
