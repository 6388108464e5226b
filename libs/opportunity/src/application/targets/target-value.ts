import { toMoney } from '../../domain/money.js';
import { OpportunityErrors } from '../../domain/opportunity.errors.js';
import { COUNT_METRICS } from './target-view.js';

/** A target value: a whole number for counted metrics, a money amount otherwise. */
export function targetValue(metric: string, value: string): string {
  if (COUNT_METRICS.includes(metric)) {
    if (!/^\d{1,9}$/.test(value)) throw OpportunityErrors.invalidTarget(`A ${metric} target is a whole number.`);
    return value;
  }
  const money = toMoney(value);
  if (money === undefined) throw OpportunityErrors.invalidTarget('The value is a decimal string with at most 16 digits and 2 decimals.');
  return money;
}
