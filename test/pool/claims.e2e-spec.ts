import { TestApp, type TestUser } from '../support/test-app.js';
import { activeProtections, claim, DEFAULT_POOL_ID, eventsOf, ownerOf, poolCustomer, setPoolRules } from './pool-fixtures.js';

describe('Claiming from the public pool (POOL-4, 5, 6, 9, 10)', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    const team = await api.team();
    rep = await api.user(['sales-rep'], team);
    otherRep = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    await setPoolRules(api, admin, { coolDownDays: 0 });
  });
  afterAll(() => api.close());

  it('protects a pool customer for the claimant at once, who then sees and works it', async () => {
    const customerId = await poolCustomer(api, admin);
    const claimed = await claim(api, rep, customerId).expect(201);
    expect(claimed.body).toMatchObject({ status: 'protected', customerId, protectionIds: [expect.any(String)] });
    expect(await ownerOf(api, customerId)).toMatchObject({ ownerId: rep.id, status: 'protected' });
    await api.http.post(`/api/v1/customers/${customerId}/follow-ups`).set('Authorization', rep.auth).send({ channel: 'call', content: '首次联系' }).expect(201);

    const mine = await api.http.get('/api/v1/pool/my-customers').set('Authorization', rep.auth).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ customerId, daysUntilRecycle: 30, grandfathered: false, scopes: [{ kind: 'customer' }] })]);
    expect(await eventsOf(api, customerId, 'pool.customer-protected.v1')).toEqual([expect.objectContaining({ holderId: rep.id, source: 'claim' })]);
    // Someone else's protected customer: 409 on claim, absent from the pool and from their lists, 404 by id.
    const taken = await claim(api, otherRep, customerId).expect(409);
    expect(taken.body.code).toBe('POOL.ALREADY_PROTECTED');
    expect(JSON.stringify(taken.body)).not.toContain(rep.id);
    expect((await claim(api, rep, customerId).expect(409)).body.code).toBe('POOL.ALREADY_HELD_BY_YOU');
    const pool = await api.http.get('/api/v1/pool/customers').query({ limit: 200 }).set('Authorization', otherRep.auth).expect(200);
    expect(pool.body.items.map((item: { customerId: string }) => item.customerId)).not.toContain(customerId);
    const theirs = await api.http.get('/api/v1/pool/my-customers').set('Authorization', otherRep.auth).expect(200);
    expect(theirs.body.items).toEqual([]);
    await api.http.get(`/api/v1/customers/${customerId}`).set('Authorization', otherRep.auth).expect(404);
  });

  it('does not dead-end without the right: 403 says how to apply, the flag applies, approval protects with no second claim', async () => {
    await setPoolRules(api, admin, { gradeRights: { A: ['sales-manager'] } });
    await api.http
      .put('/api/v1/approval-processes/claim-application')
      .set('Authorization', admin.auth)
      .send({ steps: [{ name: '经理审批', mode: 'any-of', approvers: { kind: 'line-heads' } }], defaultApproverIds: [manager.id] })
      .expect(200);
    const customerId = await poolCustomer(api, admin, { type: 'government' });

    const refused = await claim(api, rep, customerId).expect(403);
    expect(refused.body).toMatchObject({
      code: 'POOL.CLAIM_REQUIRES_APPROVAL',
      grade: 'A',
      apply: { method: 'POST', href: `/api/v1/pool/customers/${customerId}/claims`, body: { applyIfNotPermitted: true } },
    });

    const applied = await claim(api, rep, customerId, { applyIfNotPermitted: true, reason: '老客户转介绍' }).expect(202);
    expect(applied.body).toMatchObject({ status: 'pending-approval', applicationId: expect.any(String), approvalRequestId: expect.any(String) });
    // Reserved for the applicant: a manager with the right cannot take it in between.
    expect((await claim(api, manager, customerId).expect(409)).body.code).toBe('POOL.RESERVED');
    expect((await claim(api, rep, customerId, { applyIfNotPermitted: true }).expect(409)).body.code).toBe('POOL.APPLICATION_PENDING');

    const inbox = await api.http.get('/api/v1/approvals').set('Authorization', manager.auth).expect(200);
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toContain(applied.body.approvalRequestId);
    await api.http
      .post(`/api/v1/approvals/${applied.body.approvalRequestId}/decisions`)
      .set('Authorization', manager.auth)
      .send({ decision: 'approve' })
      .expect(200);
    await api.settleEvents();

    expect(await ownerOf(api, customerId)).toMatchObject({ ownerId: rep.id, status: 'protected' });
    const applications = await api.http.get('/api/v1/pool/applications').set('Authorization', rep.auth).expect(200);
    expect(applications.body.items[0]).toMatchObject({ id: applied.body.applicationId, status: 'approved' });
    expect(await eventsOf(api, customerId, 'pool.customer-protected.v1')).toEqual([
      expect.objectContaining({ holderId: rep.id, source: 'approval', applicationId: applied.body.applicationId }),
    ]);
    // Held because an approver said so, not from before a rule: not grandfathered (POOL-3).
    const mine = await api.http.get('/api/v1/pool/my-customers').set('Authorization', rep.auth).expect(200);
    expect(mine.body.items.find((item: { customerId: string }) => item.customerId === customerId)).toMatchObject({ grandfathered: false });
    await setPoolRules(api, admin, { gradeRights: {} });
  });

  it('releases the reservation when the application is rejected or recalled', async () => {
    await setPoolRules(api, admin, { gradeRights: { A: ['sales-manager'] } });
    const customerId = await poolCustomer(api, admin, { type: 'government' });
    const first = await claim(api, rep, customerId, { applyIfNotPermitted: true }).expect(202);
    const noReason = await api.http
      .post(`/api/v1/approvals/${first.body.approvalRequestId}/decisions`)
      .set('Authorization', manager.auth)
      .send({ decision: 'reject' })
      .expect(422);
    expect(noReason.body.code).toBe('APPROVAL.REASON_REQUIRED');
    await api.http
      .post(`/api/v1/approvals/${first.body.approvalRequestId}/decisions`)
      .set('Authorization', manager.auth)
      .send({ decision: 'reject', comment: '该客户已由大客户部跟进' })
      .expect(200);
    await api.settleEvents();
    expect((await api.http.get('/api/v1/pool/applications').query({ status: 'rejected' }).set('Authorization', rep.auth).expect(200)).body.items[0].id).toBe(
      first.body.applicationId,
    );

    const second = await claim(api, otherRep, customerId, { applyIfNotPermitted: true }).expect(202);
    await api.http.post(`/api/v1/approvals/${second.body.approvalRequestId}/recall`).set('Authorization', manager.auth).expect(403);
    await api.http.post(`/api/v1/approvals/${second.body.approvalRequestId}/recall`).set('Authorization', otherRep.auth).expect(204);
    await api.settleEvents();
    await claim(api, manager, customerId).expect(201);
    expect(await activeProtections(api, customerId)).toEqual([{ holder_id: manager.id, scope_kind: 'customer' }]);
    await setPoolRules(api, admin, { gradeRights: {} });
  });

  it("expires a reservation nobody decided on, and takes it out of the approver's inbox", async () => {
    await setPoolRules(api, admin, { gradeRights: { A: ['sales-manager'] } });
    const customerId = await poolCustomer(api, admin, { type: 'government' });
    const applied = await claim(api, rep, customerId, { applyIfNotPermitted: true }).expect(202);
    await api.tx.query(`UPDATE pool.applications SET reserved_until = now() - interval '1 minute' WHERE id = $1`, [applied.body.applicationId]);
    const { ExpireClaimApplicationsJob } = await import('@crm/contracts/pool');
    expect(await api.app.get(ExpireClaimApplicationsJob).run()).toBe(1);
    expect(await api.app.get(ExpireClaimApplicationsJob).run()).toBe(0);
    const approval = await api.http.get(`/api/v1/approvals/${applied.body.approvalRequestId}`).set('Authorization', rep.auth).expect(200);
    expect(approval.body.status).toBe('withdrawn');
    await api.http
      .post(`/api/v1/approvals/${applied.body.approvalRequestId}/decisions`)
      .set('Authorization', manager.auth)
      .send({ decision: 'approve' })
      .expect(409);
    await claim(api, manager, customerId).expect(201);
    await setPoolRules(api, admin, { gradeRights: {} });
  });

  it('enforces the hold limit, the daily claim limit and the cool-down, each with its own code', async () => {
    const limited = await api.user(['sales-rep']);
    await setPoolRules(api, admin, { maxHeldByUser: { [limited.id]: 1 } });
    const [a, b] = [await poolCustomer(api, admin), await poolCustomer(api, admin)];
    await claim(api, limited, a).expect(201);
    const full = await claim(api, limited, b).expect(422);
    expect(full.body).toMatchObject({ code: 'POOL.HOLD_LIMIT_REACHED', limit: 1 });

    await setPoolRules(api, admin, { maxHeldByUser: {}, maxClaimsPerDay: 2, coolDownDays: 7 });
    await claim(api, limited, b).expect(201);
    const c = await poolCustomer(api, admin);
    expect((await claim(api, limited, c).expect(422)).body).toMatchObject({ code: 'POOL.DAILY_CLAIM_LIMIT_REACHED', limit: 2 });

    await setPoolRules(api, admin, { maxClaimsPerDay: null });
    await api.http.post(`/api/v1/pool/customers/${a}/release`).set('Authorization', limited.auth).send({ reason: '无意向' }).expect(200);
    expect(await ownerOf(api, a)).toMatchObject({ ownerId: null, status: 'in-pool' });
    const cooling = await claim(api, limited, a).expect(422);
    expect(cooling.body).toMatchObject({ code: 'POOL.COOL_DOWN', availableFrom: expect.any(String) });
    await claim(api, otherRep, a).expect(201);
    await setPoolRules(api, admin, { coolDownDays: 0 });
  });

  it('lets a manager transfer everything a leaver holds; a rep may not', async () => {
    const leaver = await api.user(['sales-rep'], {
      departmentId: manager.id && (await api.app.get((await import('@crm/identity')).IdentityService).actorFor(manager.id))!.departmentId!,
    });
    const ids = [await poolCustomer(api, admin), await poolCustomer(api, admin)];
    for (const id of ids) await claim(api, leaver, id).expect(201);
    await api.http.post('/api/v1/pool/transfers').set('Authorization', rep.auth).send({ fromUserId: leaver.id, toUserId: rep.id, reason: '离职' }).expect(403);
    const moved = await api.http
      .post('/api/v1/pool/transfers')
      .set('Authorization', manager.auth)
      .send({ fromUserId: leaver.id, toUserId: otherRep.id, reason: '离职交接' })
      .expect(200);
    expect([...moved.body.transferred].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(await ownerOf(api, id)).toMatchObject({ ownerId: otherRep.id });
      await api.http.get(`/api/v1/customers/${id}`).set('Authorization', leaver.auth).expect(404);
    }
  });

  it('claims several customers in one request, each succeeding or failing alone', async () => {
    const free = await poolCustomer(api, admin);
    const taken = await poolCustomer(api, admin);
    await claim(api, otherRep, taken).expect(201);
    const batch = await api.http
      .post('/api/v1/pool/claims')
      .set('Authorization', rep.auth)
      .set('Idempotency-Key', 'batch-1')
      .send({ customerIds: [free, taken] })
      .expect(200);
    expect(batch.body.results).toEqual([
      expect.objectContaining({ customerId: free, status: 'protected' }),
      expect.objectContaining({ customerId: taken, status: 'failed', problem: expect.objectContaining({ code: 'POOL.ALREADY_PROTECTED', status: 409 }) }),
    ]);
    expect(await ownerOf(api, free)).toMatchObject({ ownerId: rep.id });
  });

  it('refuses rules that would break recycling or claims, and loses no concurrent rule change', async () => {
    for (const rules of [
      { recycleAfterDaysByGrade: { A: 'x' } },
      { recycleAfterDaysByGrade: { A: 10.5 } },
      { gradeRights: { A: null } },
      { maxHeldByRole: { 'sales-rep': -1 } },
      { remindDaysBefore: 40 },
    ]) {
      const refused = await api.http.patch(`/api/v1/pools/${DEFAULT_POOL_ID}`).set('Authorization', admin.auth).send({ rules });
      expect([JSON.stringify(rules), refused.status, refused.body.code]).toEqual([
        JSON.stringify(rules),
        400,
        expect.stringMatching(/POOL.INVALID_RULES|REQUEST.VALIDATION_FAILED/),
      ]);
    }
    const edits = [{ maxClaimsPerDay: 50 }, { reservationHours: 48 }];
    const responses = await Promise.all(
      edits.map((rules) => api.http.patch(`/api/v1/pools/${DEFAULT_POOL_ID}`).set('Authorization', admin.auth).send({ rules })),
    );
    for (const [index, response] of responses.entries()) {
      expect([200, 409]).toContain(response.status);
      if (response.status === 409) await setPoolRules(api, admin, edits[index]!);
    }
    const pools = await api.http.get('/api/v1/pools').set('Authorization', admin.auth).expect(200);
    expect(pools.body.items.find((pool: { id: string }) => pool.id === DEFAULT_POOL_ID).rules).toMatchObject({ maxClaimsPerDay: 50, reservationHours: 48 });
    await setPoolRules(api, admin, { maxClaimsPerDay: null, reservationHours: 72 });
  });

  it('shows pool admins a dry run of what would be recycled, and refuses others', async () => {
    const customerId = await poolCustomer(api, admin);
    await claim(api, rep, customerId).expect(201);
    await api.tx.query(`UPDATE pool.entries SET last_activity_at = now() - interval '45 days' WHERE customer_id = $1`, [customerId]);
    const preview = await api.http.get(`/api/v1/pools/${DEFAULT_POOL_ID}/recycle-preview`).set('Authorization', admin.auth).expect(200);
    expect(preview.body.items.map((item: { customerId: string }) => item.customerId)).toContain(customerId);
    await api.http.get(`/api/v1/pools/${DEFAULT_POOL_ID}/recycle-preview`).set('Authorization', rep.auth).expect(404);
    expect(await ownerOf(api, customerId)).toMatchObject({ ownerId: rep.id });
  });
});
