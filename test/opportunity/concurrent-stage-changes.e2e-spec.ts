import { TestApp, type TestUser } from '../support/test-app.js';
import { describeOnServer } from '../support/test-database.js';
import { changeStage, createOpportunity, defaultStages, eventsOf, customerContact, heldCustomer } from './opportunity-fixtures.js';

/** Concurrent stage changes on a real server (several connections): the same If-Match wins once, never a lost update. */
describeOnServer('Concurrent stage changes with the same If-Match', () => {
  let api: TestApp;
  let rep: TestUser;
  let manager: TestUser;
  let stages: Awaited<ReturnType<typeof defaultStages>>;

  beforeAll(async () => {
    api = await TestApp.start();
    const team = await api.team();
    rep = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    stages = await defaultStages(api, rep);
  });
  afterAll(() => api.close());

  it('two moves from the same version: one 200, the other 412 with the new ETag', async () => {
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOpportunity(api, rep, { customerId, amount: '1000', contactIds: [await customerContact(api, rep, customerId)] }).expect(201);
    const [first, second] = await Promise.all([
      changeStage(api, rep, body.id, { toStageId: stages['需求确认']!.id }, '"1"'),
      changeStage(api, manager, body.id, { toStageId: stages['输单']!.id, lossReasonId: '00000000-0000-7000-8000-00000000b100' }, '"1"'),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 412]);
    const loser = first.status === 412 ? first : second;
    const winner = first.status === 200 ? first : second;
    expect(loser.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"2"' });
    expect(winner.headers.etag).toBe('"2"');
    const history = await api.tx.query(`SELECT 1 FROM opportunity.stage_changes WHERE opportunity_id = $1 AND cause = 'manual'`, [body.id]);
    expect(history).toHaveLength(1);
    expect(await eventsOf(api, body.id, 'opportunity.stage-changed.v1')).toHaveLength(1);
  });

  it('ten at once: exactly one moves it', async () => {
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOpportunity(api, rep, { customerId, amount: '1000', contactIds: [await customerContact(api, rep, customerId)] }).expect(201);
    const targets = ['需求确认', '输单', '需求确认', '需求确认', '输单', '需求确认', '需求确认', '输单', '需求确认', '需求确认'];
    const responses = await Promise.all(
      targets.map((name) =>
        changeStage(
          api,
          rep,
          body.id,
          { toStageId: stages[name]!.id, ...(name === '输单' ? { lossReasonId: '00000000-0000-7000-8000-00000000b100' } : {}) },
          '"1"',
        ),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 412)).toHaveLength(9);
    const [row] = await api.tx.query<{ version: number }>(`SELECT version FROM opportunity.opportunities WHERE id = $1`, [body.id]);
    expect(row!.version).toBe(2);
  });

  it('opposite moves of many opportunities at once never deadlock on the shared report counts', async () => {
    // Every opportunity of this test was created today and has entered both stages (the same reach), so one half's
    // move takes the other half's counter rows: the funnel's day, month and stage rows are shared by all of them.
    const [first, second] = [stages['初步接洽']!.id, stages['需求确认']!.id];
    const opportunities: { id: string; etag: string; to: string }[] = [];
    for (let index = 0; index < 12; index++) {
      const customerId = await heldCustomer(api, rep);
      const contactId = await customerContact(api, rep, customerId);
      const { body } = await createOpportunity(api, rep, { customerId, amount: '1000.10', contactIds: [contactId] }).expect(201);
      let moved = await changeStage(api, rep, body.id, { toStageId: second }, '"1"').expect(200);
      if (index % 2 === 0) moved = await changeStage(api, rep, body.id, { toStageId: first }, moved.headers.etag).expect(200);
      opportunities.push({ id: body.id, etag: moved.headers.etag as string, to: index % 2 === 0 ? second : first });
    }
    const before = await funnelCounts();
    const responses = await Promise.all(opportunities.map((item) => changeStage(api, rep, item.id, { toStageId: item.to }, item.etag)));
    expect(responses.map((response) => response.status)).toEqual(opportunities.map(() => 200));
    // The counts moved by exactly the six and six that crossed: nothing lost, nothing counted twice.
    expect(await funnelCounts()).toEqual(before);
    // Everyone's period counts (the rows shared by every writer) agree with the opportunities themselves.
    const counted = await api.tx.query<{ stage_id: string; count: number }>(
      `SELECT stage_id, sum(count)::int AS count FROM opportunity.funnel_period_totals
        WHERE kind = 'created' AND grain = 'month' AND stage_id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [[first, second]],
    );
    const actual = await api.tx.query<{ stage_id: string; count: number }>(
      `SELECT stage_id, count(*)::int AS count FROM opportunity.opportunities WHERE stage_id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [[first, second]],
    );
    expect(counted).toEqual(actual);
  });

  /** The rep's funnel counts of the two first stages, as the API reports them. */
  async function funnelCounts(): Promise<Record<string, number>> {
    const { body } = await api.http.get('/api/v1/opportunities/funnel').set('Authorization', rep.auth).expect(200);
    const wanted = ['初步接洽', '需求确认'];
    return Object.fromEntries(
      (body.stages as { name: string; count: number }[]).filter((stage) => wanted.includes(stage.name)).map((stage) => [stage.name, stage.count]),
    );
  }
});
