import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, getLead, historyOf, leadPeople, MASTER_POOL_ID, salesRep, uniqueMobile } from './lead-fixtures.js';

/**
 * Assignment [线索分配] (LEAD-5): a pool's rules as data hand new leads out by themselves
 * (round-robin from a persisted cursor, by region with capacity), admins assign by hand, members
 * claim [抢单] within limits; two processes capturing at once never give one turn twice.
 */
describe('Lead assignment: strategies per pool, claims with limits, concurrency', () => {
  let api: TestApp;
  let second: TestApp;
  let marketing: TestUser;
  let reps: TestUser[];
  let outsider: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    second = await TestApp.start({ sharedWith: api });
    ({ marketing, reps } = await leadPeople(api, 3));
    outsider = await salesRep(api);
  });
  afterAll(async () => {
    await second.close();
    await api.close();
  });

  const ownersOf = async (ids: string[]) => {
    const rows = await api.tx.query<{ id: string; owner_id: string | null }>(`SELECT id, owner_id FROM lead.leads WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row.owner_id]));
  };

  it('round-robin over 999 leads captured by two processes at once: 333 each, nobody assigned twice', async () => {
    const pool = await createPool(api, marketing, {
      name: '轮询池',
      parentId: MASTER_POOL_ID,
      memberIds: reps.map((rep) => rep.id),
      rules: { assignmentStrategy: 'round-robin' },
    });
    const ids: string[] = [];
    const TOTAL = 999;
    for (let start = 0; start < TOTAL; start += 27) {
      const batch = await Promise.all(
        Array.from({ length: 27 }, (_, i) =>
          capture(start + i < TOTAL ? ((start + i) % 2 === 0 ? api : second) : api, marketing, { mobile: uniqueMobile(), poolId: pool }).expect(201),
        ),
      );
      ids.push(...batch.map((response) => response.body.leadId as string));
    }
    const owners = await ownersOf(ids);
    const counts = new Map<string, number>();
    for (const owner of owners.values()) counts.set(owner!, (counts.get(owner!) ?? 0) + 1);
    // Fair to the lead: 999 / 3 = 333 each, exactly, because every turn went out once.
    expect([...counts.values()]).toEqual([333, 333, 333]);
    expect(new Set(counts.keys())).toEqual(new Set(reps.map((rep) => rep.id)));
    // One automatic assignment per lead in the log, none twice.
    const [log] = await api.tx.query<{ n: number; leads: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT lead_id)::int AS leads FROM lead.assignments WHERE pool_id = $1 AND how = 'auto'`,
      [pool],
    );
    expect(log).toEqual({ n: TOTAL, leads: TOTAL });
    // The history says how it was decided.
    const assigned = (await historyOf(api, marketing, ids[0]!)).find((line) => line.what === 'assigned')!;
    expect(assigned).toMatchObject({ how: 'auto', why: 'pool strategy round-robin', detail: { candidates: expect.arrayContaining(reps.map((r) => r.id)) } });
  }, 240_000);

  it('by rules: region first, round-robin among that region within capacity, a catch-all for the rest', async () => {
    const [east1, east2, rest] = reps as [TestUser, TestUser, TestUser];
    const pool = await createPool(api, marketing, {
      name: '按地区分配池',
      parentId: MASTER_POOL_ID,
      memberIds: [rest.id],
      rules: {
        assignmentStrategy: 'by-rules',
        maxHeld: 2,
        memberCapacity: { [rest.id]: 1 },
        assignmentRules: [
          {
            id: 'east',
            when: [{ fact: 'province', op: 'in', values: ['浙江', '江苏'] }],
            then: { assigneeIds: [east1.id, east2.id], strategy: 'round-robin' },
          },
          { id: 'rest', when: [], then: { assigneeIds: [], strategy: 'least-busy' } },
        ],
      },
    });
    const east = async (province: string) =>
      (await capture(api, marketing, { mobile: uniqueMobile(), province, poolId: pool }).expect(201)).body.lead as { id: string; ownerId: string | null };
    const first = await east('浙江');
    const secondLead = await east('江苏');
    expect(new Set([first.ownerId, secondLead.ownerId])).toEqual(new Set([east1.id, east2.id]));
    const third = await east(' 浙江 ');
    const fourth = await east('江苏');
    expect([third.ownerId, fourth.ownerId]).toEqual([first.ownerId, secondLead.ownerId]);
    // Both at their capacity of 2: nobody free, the lead waits in the pool.
    const fifth = await east('浙江');
    expect(fifth.ownerId).toBeNull();
    const [decision] = await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead.assignments WHERE lead_id = $1`, [fifth.id]);
    expect(decision!.n).toBe(0);

    const west = (await capture(api, marketing, { mobile: uniqueMobile(), province: '广东', poolId: pool }).expect(201)).body.lead;
    expect(west.ownerId).toBe(rest.id);
    const westHistory = (await historyOf(api, marketing, west.id)).find((line) => line.what === 'assigned')!;
    expect(westHistory).toMatchObject({ how: 'auto', why: 'assignment rule rest', detail: { strategy: 'least-busy', candidates: [rest.id], skipped: [] } });
    // rest's own capacity is 1: the next one waits, and no rule made it skip silently.
    const west2 = (await capture(api, marketing, { mobile: uniqueMobile(), province: '广东', poolId: pool }).expect(201)).body.lead;
    expect(west2.ownerId).toBeNull();

    // Rules as data are checked before they are stored.
    const current = await api.http.get(`/api/v1/lead-pools/${pool}`).set('Authorization', marketing.auth).expect(200);
    const bad = await api.http
      .patch(`/api/v1/lead-pools/${pool}`)
      .set('Authorization', marketing.auth)
      .set('If-Match', current.headers.etag!)
      .send({ rules: { assignmentRules: [{ id: 'x', when: [{ fact: 'score', op: 'range' }], then: { assigneeIds: [], strategy: 'round-robin' } }] } })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'LEAD_POOL.INVALID_ASSIGNMENT_RULES', problems: ['rules[0].when[0] has neither min nor max'] });
    await api.http
      .patch(`/api/v1/lead-pools/${pool}`)
      .set('Authorization', marketing.auth)
      .send({ rules: { assignmentRules: [{ id: 'x', when: [{ fact: 'score', op: 'between' }], then: { assigneeIds: [], strategy: 'dice' } }] } })
      .expect(400);
  });

  it('grab [抢单]: one of two simultaneous claims wins; limits on held leads and claims per day; only members', async () => {
    const [m1, m2] = reps as [TestUser, TestUser];
    const pool = await createPool(api, marketing, {
      name: '抢单池',
      parentId: MASTER_POOL_ID,
      memberIds: [m1.id, m2.id],
      rules: { assignmentStrategy: 'grab', maxHeld: 2, maxClaimsPerDay: 3 },
    });
    const leads: string[] = [];
    for (let i = 0; i < 5; i++) leads.push((await capture(api, marketing, { mobile: uniqueMobile(), poolId: pool }).expect(201)).body.leadId);
    const claim = (by: TestUser, id: string, app: TestApp = api) => app.http.post(`/api/v1/leads/${id}/claim`).set('Authorization', by.auth);

    const race = await Promise.all([claim(m1, leads[0]!), claim(m2, leads[0]!, second)]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = race.find((r) => r.status === 409)!;
    expect(loser.body.code).toBe('LEAD.ALREADY_OWNED');
    expect(loser.body.detail).toBe('该线索已有负责人，只能领取线索池中待分配的线索（已被领取）。');
    const winner = race[0]!.status === 200 ? m1 : m2;
    const other = winner === m1 ? m2 : m1;
    expect((await getLead(api, winner, leads[0]!).expect(200)).body.ownerId).toBe(winner.id);

    await claim(winner, leads[1]!).expect(200);
    const held = await claim(winner, leads[2]!).expect(422);
    expect(held.body).toMatchObject({ code: 'LEAD.CLAIM_LIMIT_HELD', maxHeld: 2 });

    // Held no more than 2 at once, but 3 a day: the other claims 2, releases none, is held back by maxHeld;
    // lift maxHeld and the daily limit stops the fourth claim.
    const before = await api.http.get(`/api/v1/lead-pools/${pool}`).set('Authorization', marketing.auth).expect(200);
    await api.http
      .patch(`/api/v1/lead-pools/${pool}`)
      .set('Authorization', marketing.auth)
      .set('If-Match', before.headers.etag!)
      .send({ rules: { maxHeld: null } })
      .expect(200);
    await claim(winner, leads[2]!).expect(200);
    const daily = await claim(winner, leads[3]!).expect(422);
    expect(daily.body).toMatchObject({ code: 'LEAD.CLAIM_LIMIT_DAILY', maxClaimsPerDay: 3 });
    await claim(other, leads[3]!).expect(200);

    // Someone outside the pool neither sees nor claims its leads.
    expect((await claim(outsider, leads[4]!).expect(404)).body.code).toBe('LEAD.NOT_FOUND');
    await getLead(api, outsider, leads[4]!).expect(404);
    const listed = await api.http.get('/api/v1/leads').query({ poolId: pool }).set('Authorization', outsider.auth).expect(200);
    expect(listed.body.items).toEqual([]);

    // Admins assign by hand, to people who work the pool only; members cannot.
    const assign = (by: TestUser, id: string, body: Record<string, unknown>) =>
      api.http.post(`/api/v1/leads/${id}/assignment`).set('Authorization', by.auth).send(body);
    const manual = await assign(marketing, leads[4]!, { ownerId: other.id, reason: '熟悉该行业' }).expect(200);
    expect(manual.body.ownerId).toBe(other.id);
    expect(manual.headers.etag).toBeDefined();
    expect((await assign(marketing, leads[4]!, { ownerId: outsider.id }).expect(422)).body.code).toBe('LEAD.OWNER_NOT_IN_POOL');
    expect((await assign(other, leads[4]!, { ownerId: winner.id }).expect(403)).body.code).toBe('LEAD.NOT_POOL_ADMIN');
    expect((await assign(marketing, leads[4]!, { ownerId: other.id }).expect(409)).body.code).toBe('LEAD.ALREADY_OWNER');
    await assign(marketing, leads[4]!, { ownerId: 'not-a-uuid' }).expect(400);
    const line = (await historyOf(api, marketing, leads[4]!)).find((l) => l.what === 'assigned')!;
    expect(line).toMatchObject({ how: 'manual', why: '熟悉该行业', who: { id: marketing.id } });
  });
});
