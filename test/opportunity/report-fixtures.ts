import type { TestApp, TestUser } from '../support/test-app.js';
import { changeStage, createOpportunity, customerContact } from './opportunity-fixtures.js';

export const PRICE_TOO_HIGH = '00000000-0000-7000-8000-00000000b100';
const HOUR = 3600;

/**
 * An opportunity with everything every default stage asks for (amount, products, close date,
 * contacts), so a test moves it wherever its script says.
 */
export async function readyOpportunity(
  api: TestApp,
  user: TestUser,
  fields: { customerId: string; productId: string; amount: string; expectedCloseDate?: string },
): Promise<string> {
  const { body } = await createOpportunity(api, user, {
    customerId: fields.customerId,
    amount: fields.amount,
    expectedCloseDate: fields.expectedCloseDate ?? '2027-03-01',
    contactIds: [await customerContact(api, user, fields.customerId)],
    products: [{ productId: fields.productId, quantity: '1', unitPrice: '1.00' }],
  }).expect(201);
  return body.id as string;
}

/** Moves an opportunity through stages by name, each over the API (losing with a loss reason). */
export async function walk(api: TestApp, user: TestUser, id: string, stageIds: string[], lostStageId?: string): Promise<void> {
  for (const toStageId of stageIds) {
    await changeStage(api, user, id, toStageId === lostStageId ? { toStageId, lossReasonId: PRICE_TOO_HIGH } : { toStageId }).expect(200);
  }
}

/**
 * Gives an opportunity's history the durations of a real life. Moves made over HTTP in a test are
 * milliseconds apart, and the funnel's time in stage is only worth checking on known durations:
 * so the history rows (created first, then each move in order) get `changed_at` = start + the
 * durations so far and `seconds_in_previous_stage` = the stay that move ended, exactly what the
 * application would have written had the moves happened hours apart.
 */
export async function scriptDurations(api: TestApp, opportunityId: string, hours: number[], start = new Date('2026-06-01T00:00:00Z')): Promise<void> {
  const rows = await api.tx.query<{ id: string }>(`SELECT id FROM opportunity.stage_changes WHERE opportunity_id = $1 ORDER BY changed_at, id`, [
    opportunityId,
  ]);
  if (rows.length !== hours.length + 1) throw new Error(`${opportunityId} has ${rows.length} history rows, script has ${hours.length} stays`);
  let at = start.getTime();
  for (const [index, row] of rows.entries()) {
    const seconds = index === 0 ? null : hours[index - 1]! * HOUR;
    if (seconds !== null) at += seconds * 1000;
    await api.tx.query(`UPDATE opportunity.stage_changes SET changed_at = $2, seconds_in_previous_stage = $3 WHERE id = $1`, [row.id, new Date(at), seconds]);
  }
}
