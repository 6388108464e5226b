import { RecycleLeadsJob } from '@crm/contracts/lead';
import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, getLead, historyOf, leadPeople, MASTER_POOL_ID, recordActivity, uniqueMobile } from './lead-fixtures.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Recycling [线索回收]: a lead its owner did not follow up within the pool's limit (or did not
 * convert) goes back to the parent pool or the pool the rules name, without an owner; the previous
 * owner waits out a cool-down before claiming it again. Two workers at once recycle each lead once.
 */
describe('Lead recycling: per-pool rules, a set-based job shared by workers, cool-down', () => {
  let api: TestApp;
  let second: TestApp;
  let marketing: TestUser;
  let m1: TestUser;
  let m2: TestUser;
  let team: string;
  let sub: string;
  let parking: string;
  let slow: string;

  beforeAll(async () => {
    api = await TestApp.start();
    second = await TestApp.start({ sharedWith: api });
    const people = await leadPeople(api, 2);
    marketing = people.marketing;
    [m1, m2] = people.reps;
    team = await createPool(api, marketing, {
      name: '销售团队池',
      parentId: MASTER_POOL_ID,
      memberIds: [m1.id, m2.id],
      rules: { assignmentStrategy: 'grab', reclaimCooldownDays: 7 },
    });
    sub = await createPool(api, marketing, { name: '跟进小组池', parentId: team, rules: { recycleAfterDays: 3 } });
    parking = await createPool(api, marketing, { name: '沉睡线索池', parentId: MASTER_POOL_ID });
    slow = await createPool(api, marketing, {
      name: '长周期池',
      parentId: team,
      rules: { recycleIfNotConvertedDays: 10, recycleTo: parking },
    });
  });
  afterAll(async () => {
    await second.close();
    await api.close();
  });

  /** A lead in `pool`, claimed by `by` as if `daysAgo` days ago. */
  async function claimedLead(pool: string, by: TestUser, daysAgo: number): Promise<string> {
    const id = (await capture(api, marketing, { mobile: uniqueMobile(), poolId: pool }).expect(201)).body.leadId as string;
    await api.http.post(`/api/v1/leads/${id}/claim`).set('Authorization', by.auth).expect(200);
    await api.tx.query(`UPDATE lead.leads SET assigned_at = now() - make_interval(days => $2) WHERE id = $1`, [id, daysAgo]);
    return id;
  }

  it('recycles unworked leads to the parent pool once, with two workers at once, and keeps the pool on record', async () => {
    const due: string[] = [];
    for (let i = 0; i < 12; i++) due.push(await claimedLead(sub, m1, 4));
    const fresh = await claimedLead(sub, m1, 2);
    const worked = await claimedLead(sub, m1, 5);
    // The owner followed it up a day ago: three days count from then.
    await recordActivity(api, m1, worked, { kind: 'page-view', occurredAt: new Date().toISOString() }).expect(201);
    await api.tx.query(`UPDATE lead.leads SET last_worked_at = now() - interval '1 day' WHERE id = $1`, [worked]);

    const [a, b] = await Promise.all([api.app.get(RecycleLeadsJob).run(new Date(), 5), second.app.get(RecycleLeadsJob).run(new Date(), 5)]);
    expect(a + b).toBe(12);
    expect(await api.app.get(RecycleLeadsJob).run()).toBe(0);

    const rows = await api.tx.query<{ id: string; owner_id: string | null; pool_id: string; recycles: number }>(
      `SELECT l.id, l.owner_id, l.pool_id, (SELECT count(*)::int FROM lead.assignments a WHERE a.lead_id = l.id AND a.how = 'recycle') AS recycles
         FROM lead.leads l WHERE l.id = ANY($1::uuid[])`,
      [[...due, fresh, worked]],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of due) expect(byId.get(id)).toMatchObject({ owner_id: null, pool_id: team, recycles: 1 });
    expect(byId.get(fresh)).toMatchObject({ owner_id: m1.id, pool_id: sub, recycles: 0 });
    expect(byId.get(worked)).toMatchObject({ owner_id: m1.id, pool_id: sub, recycles: 0 });

    const lead = (await getLead(api, marketing, due[0]!).expect(200)).body;
    expect(lead.pool.id).toBe(team);
    const recycled = (await historyOf(api, marketing, due[0]!)).find((line) => line.what === 'recycled')!;
    expect(recycled).toMatchObject({
      why: 'not followed up within 3 days',
      how: 'recycling',
      where: { poolId: team },
      detail: { fromPoolId: sub, previousOwnerId: m1.id },
    });
    // The log keeps the pool it happened in.
    const [log] = await api.tx.query<{ pool_id: string; previous_owner_id: string; rule_id: string }>(
      `SELECT pool_id, previous_owner_id, rule_id FROM lead.assignments WHERE lead_id = $1 AND how = 'recycle'`,
      [due[0]],
    );
    expect(log).toEqual({ pool_id: sub, previous_owner_id: m1.id, rule_id: 'not-followed-up' });

    // The previous owner cools down for 7 days; someone else may claim it at once.
    const again = await api.http.post(`/api/v1/leads/${due[0]}/claim`).set('Authorization', m1.auth).expect(422);
    expect(again.body.code).toBe('LEAD.CLAIM_COOLING_DOWN');
    expect(new Date(again.body.until).getTime()).toBeGreaterThan(Date.now() + 6 * DAY_MS);
    await api.http.post(`/api/v1/leads/${due[0]}/claim`).set('Authorization', m2.auth).expect(200);
  });

  it('recycles leads not converted in time to the pool the rules name', async () => {
    const old = await claimedLead(slow, m2, 11);
    await recordActivity(api, m2, old, { kind: 'page-view', occurredAt: new Date().toISOString() }).expect(201);
    const young = await claimedLead(slow, m2, 9);
    expect(await api.app.get(RecycleLeadsJob).run()).toBe(1);
    const [row] = await api.tx.query<{ pool_id: string; owner_id: string | null }>(`SELECT pool_id, owner_id FROM lead.leads WHERE id = $1`, [old]);
    expect(row).toEqual({ pool_id: parking, owner_id: null });
    const line = (await historyOf(api, marketing, old)).find((l) => l.what === 'recycled')!;
    expect(line.why).toBe('not converted within 10 days');
    expect((await getLead(api, marketing, young).expect(200)).body.ownerId).toBe(m2.id);
    // The rep no longer sees a lead that went to a pool outside their reach.
    await getLead(api, m2, old).expect(404);
  });
});
