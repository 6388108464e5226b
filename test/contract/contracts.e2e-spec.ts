import { TestApp, type TestUser } from '../support/test-app.js';
import { act, approvalSteps, contractBody, createContract, decide, eventsOf, getContract, heldCustomer } from './contract-fixtures.js';

/**
 * Contracts [合同] end to end (CONTR-1..3): drafts with payment plans in exact decimals, the state
 * machine, approval through the Approval port with a conditional legal step [法务], changes as
 * versions with their diff, voiding with the plan, and the data scope.
 */
describe('Contracts (CONTR-1, CONTR-2, CONTR-3)', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let legal: TestUser;
  let customerId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    otherRep = await api.user(['sales-rep']);
    legal = await api.user(['legal']);
    customerId = await heldCustomer(api, rep);
  });
  afterAll(() => api.close());

  /** Drafts, submits and has every step approved: the manager step falls back to the admin, the legal step to the legal role. */
  async function approvedContract(overrides: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
    const created = await createContract(api, rep, contractBody(customerId, overrides)).expect(201);
    const submitted = await act(api, rep, created.body.id, 'submissions').expect(200);
    await decide(api, admin, submitted.body.approvalRequestId, 'approve');
    const contract = await getContract(api, rep, created.body.id).expect(200);
    expect(contract.body.status).toBe('approved');
    return { id: created.body.id, number: created.body.number };
  }

  describe('entry [合同录入]', () => {
    it('drafts a contract numbered from the pattern, with its plan, ETag and Location', async () => {
      const response = await createContract(
        api,
        rep,
        contractBody(customerId, {
          amount: '0.30',
          quantity: '3.5000',
          instalments: [
            { dueDate: '2026-03-31', amount: '0.1', note: '首付款' },
            { dueDate: '2026-06-30', amount: '0.2' },
          ],
        }),
      ).expect(201);
      const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).replace('-', '');
      expect(response.body).toMatchObject({
        number: expect.stringMatching(new RegExp(`^HT${month}-\\d{4}$`)),
        status: 'draft',
        amount: '0.30',
        quantity: '3.5',
        ownerId: rep.id,
        customerId,
        currentVersion: 1,
        instalments: [
          { seq: 1, dueDate: '2026-03-31', amount: '0.10', note: '首付款', status: 'pending' },
          { seq: 2, dueDate: '2026-06-30', amount: '0.20', note: null, status: 'pending' },
        ],
      });
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`/api/v1/contracts/${response.body.id}`);
      const [created] = await eventsOf(api, response.body.id, 'contract.created.v1');
      expect(created).toMatchObject({ customerId, number: response.body.number, amount: '0.30' });
    });

    it('accepts three instalments of 33.33 for 99.99 and refuses them for 100.00 (422 with both figures)', async () => {
      const thirds = [1, 2, 3].map((month) => ({ dueDate: `2026-0${month}-28`, amount: '33.33' }));
      await createContract(api, rep, contractBody(customerId, { amount: '99.99', instalments: thirds })).expect(201);
      const refused = await createContract(api, rep, contractBody(customerId, { amount: '100', instalments: thirds })).expect(422);
      expect(refused.body).toMatchObject({ code: 'CONTRACT.PLAN_MISMATCH', amount: '100.00', planTotal: '99.99' });
    });

    it('refuses bad input with its code', async () => {
      const bad = async (overrides: Record<string, unknown>, status: number, code: string) => {
        const response = await createContract(api, rep, contractBody(customerId, overrides)).expect(status);
        expect([overrides, response.body.code]).toEqual([overrides, code]);
      };
      await bad({ amount: 100 }, 400, 'REQUEST.VALIDATION_FAILED');
      await bad({ amount: '1.005' }, 400, 'REQUEST.VALIDATION_FAILED');
      await bad({ type: 'oral' }, 400, 'REQUEST.VALIDATION_FAILED');
      await bad({ startDate: '2026-12-31', endDate: '2026-01-01' }, 422, 'CONTRACT.INVALID_PERIOD');
      await bad(
        {
          amount: '10',
          instalments: [
            { dueDate: '2026-01-01', amount: '0' },
            { dueDate: '2026-02-01', amount: '10' },
          ],
        },
        400,
        'CONTRACT.INVALID_INSTALMENT',
      );
      await bad({ colour: 'blue' }, 400, 'REQUEST.VALIDATION_FAILED');
      await bad({ productIds: ['0190a5d2-0000-7000-8000-000000000001'] }, 422, 'CATALOG.PRODUCT_NOT_FOUND');
      await bad({ customerId: undefined }, 400, 'CONTRACT.CUSTOMER_REQUIRED');
      await bad({ opportunityId: '0190a5d2-0000-7000-8000-000000000002' }, 422, 'CONTRACT.OPPORTUNITY_NOT_WON');
      await bad({ ownerId: otherRep.id }, 422, 'CONTRACT.OWNER_NOT_ASSIGNABLE');
    });

    it('edits a draft with If-Match: a stale ETag is 412, the plan must still sum', async () => {
      const created = await createContract(api, rep, contractBody(customerId)).expect(201);
      const id = created.body.id as string;
      const edited = await api.http
        .patch(`/api/v1/contracts/${id}`)
        .set('Authorization', rep.auth)
        .set('If-Match', '"1"')
        .send({
          amount: '0.30',
          instalments: [
            { dueDate: '2026-02-01', amount: '0.2' },
            { dueDate: '2026-01-01', amount: '0.1' },
          ],
        })
        .expect(200);
      expect(edited.headers.etag).toBe('"2"');
      expect(
        edited.body.instalments.map((instalment: { seq: number; dueDate: string; amount: string }) => [instalment.seq, instalment.dueDate, instalment.amount]),
      ).toEqual([
        [1, '2026-01-01', '0.10'],
        [2, '2026-02-01', '0.20'],
      ]);
      const stale = await api.http.patch(`/api/v1/contracts/${id}`).set('Authorization', rep.auth).set('If-Match', '"1"').send({ name: '改名' }).expect(412);
      expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"2"' });
      const mismatch = await api.http.patch(`/api/v1/contracts/${id}`).set('Authorization', rep.auth).send({ amount: '0.31' }).expect(422);
      expect(mismatch.body).toMatchObject({ code: 'CONTRACT.PLAN_MISMATCH', amount: '0.31', planTotal: '0.30' });
      const [updated] = await eventsOf(api, id, 'contract.updated.v1');
      expect(updated!.changes).toMatchObject({ amount: { from: '120000.00', to: '0.30' } });
    });

    it('lists in the caller’s scope, newest first, with filters and keyset pages', async () => {
      const customer = await heldCustomer(api, rep);
      const first = await createContract(api, rep, contractBody(customer, { endDate: '2026-03-31' })).expect(201);
      const second = await createContract(api, rep, contractBody(customer, { endDate: '2027-12-31' })).expect(201);
      const page1 = await api.http.get(`/api/v1/contracts?customerId=${customer}&limit=1`).set('Authorization', rep.auth).expect(200);
      expect(page1.body.items.map((item: { id: string }) => item.id)).toEqual([second.body.id]);
      const page2 = await api.http
        .get(`/api/v1/contracts?customerId=${customer}&limit=1&cursor=${page1.body.nextCursor}`)
        .set('Authorization', rep.auth)
        .expect(200);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: first.body.id })], nextCursor: null });
      const ending = await api.http.get(`/api/v1/contracts?customerId=${customer}&endingBefore=2026-06-30`).set('Authorization', rep.auth).expect(200);
      expect(ending.body.items.map((item: { id: string }) => item.id)).toEqual([first.body.id]);
      const drafts = await api.http.get(`/api/v1/contracts?customerId=${customer}&status=approved`).set('Authorization', rep.auth).expect(200);
      expect(drafts.body.items).toEqual([]);
      await api.http.get('/api/v1/contracts?colour=blue').set('Authorization', rep.auth).expect(400);
    });
  });

  describe('approval [合同审批]', () => {
    it('adds the legal step from 500,000 on: below it the manager alone approves', async () => {
      const small = await createContract(api, rep, contractBody(customerId, { amount: '499999.99' })).expect(201);
      const smallRequest = (await act(api, rep, small.body.id, 'submissions').expect(200)).body.approvalRequestId as string;
      expect((await approvalSteps(api, admin, smallRequest)).map((step) => step.name)).toEqual(['直属上级审批']);

      const large = await createContract(api, rep, contractBody(customerId, { amount: '650000.00' })).expect(201);
      const submitted = await act(api, rep, large.body.id, 'submissions').expect(200);
      expect(submitted.body).toMatchObject({ status: 'in-approval', approvalRequestId: expect.any(String) });
      const request = submitted.body.approvalRequestId as string;
      const steps = await approvalSteps(api, admin, request);
      expect(steps.map((step) => [step.name, step.approverIds])).toEqual([
        ['直属上级审批', [admin.id]],
        ['法务审批', [legal.id]],
      ]);
      await decide(api, admin, request, 'approve');
      expect((await getContract(api, rep, large.body.id)).body.status).toBe('in-approval');
      await decide(api, legal, request, 'approve');
      const approved = await getContract(api, rep, large.body.id).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', approvalRequestId: null });
      expect(await eventsOf(api, large.body.id, 'contract.approved.v1')).toEqual([
        expect.objectContaining({ approvalRequestId: request, amount: '650000.00' }),
      ]);
      const versions = await api.http.get(`/api/v1/contracts/${large.body.id}/versions`).set('Authorization', rep.auth).expect(200);
      expect(versions.body.items).toEqual([expect.objectContaining({ versionNo: 1, status: 'current', approvalRequestId: request, changes: {} })]);
    });

    it('a rejection or a recall brings the contract back to draft; it can be edited and submitted again', async () => {
      const created = await createContract(api, rep, contractBody(customerId)).expect(201);
      const id = created.body.id as string;
      const first = (await act(api, rep, id, 'submissions').expect(200)).body.approvalRequestId as string;
      await decide(api, admin, first, 'reject', '金额有误');
      expect((await getContract(api, rep, id)).body).toMatchObject({ status: 'draft', approvalRequestId: null });
      expect(await eventsOf(api, id, 'contract.returned.v1')).toEqual([expect.objectContaining({ outcome: 'rejected', reason: '金额有误' })]);
      await api.http.patch(`/api/v1/contracts/${id}`).set('Authorization', rep.auth).send({ name: '改正后的合同' }).expect(200);
      const second = (await act(api, rep, id, 'submissions').expect(200)).body.approvalRequestId as string;
      await api.http.post(`/api/v1/approvals/${second}/recall`).set('Authorization', rep.auth).expect(204);
      await api.settleEvents();
      expect((await getContract(api, rep, id)).body.status).toBe('draft');
      expect((await eventsOf(api, id, 'contract.returned.v1')).map((event) => event.outcome)).toEqual(['rejected', 'recalled']);
    });

    it('a draft without a payment plan does not go to approval', async () => {
      const created = await createContract(api, rep, contractBody(customerId, { instalments: [] })).expect(201);
      expect((await act(api, rep, created.body.id, 'submissions').expect(422)).body.code).toBe('CONTRACT.PLAN_REQUIRED');
    });
  });

  describe('states [合同状态]', () => {
    it('runs approved → executing ⇄ suspended → completed → archived, each transition an event', async () => {
      const { id } = await approvedContract();
      await act(api, rep, id, 'activation').expect(200);
      await act(api, rep, id, 'suspension', { reason: '客户要求暂停' }).expect(403);
      const manager = await api.user(['sales-manager']);
      // A manager of another department does not see the rep's contract.
      await act(api, manager, id, 'suspension', { reason: '客户要求暂停' }).expect(404);
      expect((await act(api, admin, id, 'suspension', { reason: '客户要求暂停' }).expect(200)).body.status).toBe('suspended');
      expect((await act(api, admin, id, 'resumption').expect(200)).body.status).toBe('executing');
      expect((await act(api, rep, id, 'completion').expect(200)).body.status).toBe('completed');
      const archived = await act(api, admin, id, 'archiving').expect(200);
      expect(archived.body.status).toBe('archived');
      for (const type of ['activated', 'suspended', 'resumed', 'completed', 'archived']) {
        expect([type, (await eventsOf(api, id, `contract.${type}.v1`)).length]).toEqual([type, 1]);
      }
      const [suspended] = await eventsOf(api, id, 'contract.suspended.v1');
      expect(suspended).toMatchObject({ reason: '客户要求暂停', customerId });
      // Every contract event names the customer: its 360 timeline [客户360] shows the contract's life.
      await api.settleEvents();
      const timeline = await api.http.get(`/api/v1/customers/${customerId}/timeline?limit=200`).set('Authorization', rep.auth).expect(200);
      const ofThis = timeline.body.items.filter((entry: { payload: { contractId?: string } }) => entry.payload.contractId === id);
      expect(ofThis.map((entry: { type: string }) => entry.type).reverse()).toEqual([
        'contract.created.v1',
        'contract.submitted.v1',
        'contract.approved.v1',
        'contract.activated.v1',
        'contract.suspended.v1',
        'contract.resumed.v1',
        'contract.completed.v1',
        'contract.archived.v1',
      ]);
    });

    it('answers an illegal transition with 409 and the current state', async () => {
      const created = await createContract(api, rep, contractBody(customerId)).expect(201);
      const id = created.body.id as string;
      const activation = await act(api, rep, id, 'activation').expect(409);
      expect(activation.body).toMatchObject({ code: 'CONTRACT.ILLEGAL_TRANSITION', contractStatus: 'draft', action: 'activated' });
      expect((await act(api, rep, id, 'completion').expect(409)).body.contractStatus).toBe('draft');
      expect((await act(api, admin, id, 'archiving').expect(409)).body.contractStatus).toBe('draft');
      await act(api, rep, id, 'submissions').expect(200);
      expect((await act(api, rep, id, 'submissions').expect(409)).body).toMatchObject({ code: 'CONTRACT.ILLEGAL_TRANSITION', contractStatus: 'in-approval' });
      // In approval: recall first, then void.
      expect((await act(api, admin, id, 'voiding', { reason: '不再需要' }).expect(409)).body.contractStatus).toBe('in-approval');
      expect((await api.http.patch(`/api/v1/contracts/${id}`).set('Authorization', rep.auth).send({ name: 'x' }).expect(409)).body.code).toBe(
        'CONTRACT.IN_APPROVAL',
      );
      const { id: approved } = await approvedContract();
      expect((await act(api, admin, approved, 'resumption').expect(409)).body.contractStatus).toBe('approved');
      expect((await api.http.patch(`/api/v1/contracts/${approved}`).set('Authorization', rep.auth).send({ name: 'x' }).expect(409)).body).toMatchObject({
        code: 'CONTRACT.NOT_DRAFT',
        contractStatus: 'approved',
      });
    });

    it('voids with a reason, and the pending instalments void with it', async () => {
      const { id } = await approvedContract({
        amount: '99.99',
        instalments: [
          { dueDate: '2026-01-31', amount: '33.33' },
          { dueDate: '2026-02-28', amount: '33.33' },
          { dueDate: '2026-03-31', amount: '33.33' },
        ],
      });
      await act(api, rep, id, 'activation').expect(200);
      expect((await act(api, admin, id, 'voiding', {}).expect(400)).body.code).toBe('REQUEST.VALIDATION_FAILED');
      const voided = await act(api, admin, id, 'voiding', { reason: '客户取消采购' }).expect(200);
      expect(voided.body).toMatchObject({ status: 'voided', voidReason: '客户取消采购' });
      expect(voided.body.instalments.map((instalment: { status: string }) => instalment.status)).toEqual(['voided', 'voided', 'voided']);
      const rows = await api.tx.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM contract.instalments WHERE contract_id = $1 GROUP BY status`,
        [id],
      );
      expect(rows).toEqual([{ status: 'voided', n: 3 }]);
      expect(await eventsOf(api, id, 'contract.voided.v1')).toEqual([
        expect.objectContaining({ reason: '客户取消采购', previousStatus: 'executing', voidedInstalments: 3, voidedAmount: '99.99', currency: 'CNY' }),
      ]);
      expect((await act(api, rep, id, 'activation').expect(409)).body.contractStatus).toBe('voided');
      expect((await act(api, admin, id, 'archiving').expect(200)).body.status).toBe('archived');
    });
  });

  describe('changes [合同变更]', () => {
    it('refuses a change while the contract is in approval, then accepts it as version 2 with its diff once approved', async () => {
      const created = await createContract(
        api,
        rep,
        contractBody(customerId, {
          amount: '100000.00',
          instalments: [
            { dueDate: '2026-03-31', amount: '50000' },
            { dueDate: '2026-09-30', amount: '50000' },
          ],
        }),
      ).expect(201);
      const id = created.body.id as string;
      const request = (await act(api, rep, id, 'submissions').expect(200)).body.approvalRequestId as string;
      const change = {
        reason: '客户追加采购',
        amount: '130000.00',
        endDate: '2027-03-31',
        instalments: [
          { dueDate: '2026-03-31', amount: '50000' },
          { dueDate: '2026-09-30', amount: '50000' },
          { dueDate: '2027-03-31', amount: '30000' },
        ],
      };
      const refused = await api.http.post(`/api/v1/contracts/${id}/amendments`).set('Authorization', rep.auth).send(change).expect(409);
      expect(refused.body).toMatchObject({ code: 'CONTRACT.IN_APPROVAL', contractStatus: 'in-approval' });
      await decide(api, admin, request, 'approve');
      await act(api, rep, id, 'activation').expect(200);
      const instalmentIdsBefore = (await getContract(api, rep, id)).body.instalments.map((instalment: { id: string }) => instalment.id);

      const proposed = await api.http.post(`/api/v1/contracts/${id}/amendments`).set('Authorization', rep.auth).send(change).expect(201);
      expect(proposed.body).toMatchObject({
        versionNo: 2,
        status: 'in-approval',
        reason: '客户追加采购',
        changes: {
          amount: { from: '100000.00', to: '130000.00' },
          endDate: { from: '2026-12-31', to: '2027-03-31' },
          instalments: { from: expect.any(Array), to: expect.arrayContaining([expect.objectContaining({ seq: 3, amount: '30000.00' })]) },
        },
      });
      expect(Object.keys(proposed.body.changes).sort()).toEqual(['amount', 'endDate', 'instalments']);
      // While the change waits, the contract keeps executing on version 1 and no second change starts.
      expect((await getContract(api, rep, id)).body).toMatchObject({ status: 'executing', amount: '100000.00', currentVersion: 1, pendingVersion: 2 });
      const second = await api.http
        .post(`/api/v1/contracts/${id}/amendments`)
        .set('Authorization', rep.auth)
        .send({ reason: '再改', name: '新名称' })
        .expect(409);
      expect(second.body).toMatchObject({ code: 'CONTRACT.AMENDMENT_PENDING', versionNo: 2 });

      await decide(api, admin, proposed.body.approvalRequestId, 'approve');
      const amended = await getContract(api, rep, id).expect(200);
      expect(amended.body).toMatchObject({ status: 'executing', amount: '130000.00', endDate: '2027-03-31', currentVersion: 2, pendingVersion: null });
      expect(amended.body.instalments.map((instalment: { amount: string }) => instalment.amount)).toEqual(['50000.00', '50000.00', '30000.00']);
      expect(amended.body.instalments.some((instalment: { id: string }) => instalmentIdsBefore.includes(instalment.id))).toBe(false);
      const versions = await api.http.get(`/api/v1/contracts/${id}/versions`).set('Authorization', rep.auth).expect(200);
      expect(versions.body.items.map((version: { versionNo: number; status: string }) => [version.versionNo, version.status])).toEqual([
        [1, 'superseded'],
        [2, 'current'],
      ]);
      expect(versions.body.items[0].terms.amount).toBe('100000.00');
      expect(versions.body.items[1]).toMatchObject({ reason: '客户追加采购', terms: { amount: '130000.00' }, decidedAt: expect.any(String) });
      expect(await eventsOf(api, id, 'contract.amended.v1')).toEqual([
        expect.objectContaining({
          versionNo: 2,
          previousVersionNo: 1,
          amount: '130000.00',
          changes: expect.objectContaining({ amount: { from: '100000.00', to: '130000.00' } }),
        }),
      ]);
      const superseded = await api.tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM contract.instalments WHERE contract_id = $1 AND status = 'superseded'`,
        [id],
      );
      expect(superseded[0]!.n).toBe(2);
    });

    it('a rejected change is kept as a version and the current terms stay; nothing else changes', async () => {
      const { id } = await approvedContract();
      const noChange = await api.http
        .post(`/api/v1/contracts/${id}/amendments`)
        .set('Authorization', rep.auth)
        .send({ reason: '无变化', amount: '120000' })
        .expect(422);
      expect(noChange.body.code).toBe('CONTRACT.NO_CHANGES');
      const mismatch = await api.http
        .post(`/api/v1/contracts/${id}/amendments`)
        .set('Authorization', rep.auth)
        .send({ reason: '涨价', amount: '130000' })
        .expect(422);
      expect(mismatch.body).toMatchObject({ code: 'CONTRACT.PLAN_MISMATCH', amount: '130000.00', planTotal: '120000.00' });
      const proposed = await api.http
        .post(`/api/v1/contracts/${id}/amendments`)
        .set('Authorization', rep.auth)
        .send({ reason: '改名', name: '改名后的合同' })
        .expect(201);
      await decide(api, admin, proposed.body.approvalRequestId, 'reject', '名称不规范');
      expect((await getContract(api, rep, id)).body).toMatchObject({ status: 'approved', currentVersion: 1, pendingVersion: null });
      const versions = await api.http.get(`/api/v1/contracts/${id}/versions`).set('Authorization', rep.auth).expect(200);
      expect(versions.body.items.map((version: { status: string }) => version.status)).toEqual(['current', 'rejected']);
      expect(await eventsOf(api, id, 'contract.amendment-returned.v1')).toEqual([
        expect.objectContaining({ versionNo: 2, outcome: 'rejected', reason: '名称不规范' }),
      ]);
      // The next change is version 3.
      const third = await api.http
        .post(`/api/v1/contracts/${id}/amendments`)
        .set('Authorization', rep.auth)
        .send({ reason: '改名', name: '规范名称' })
        .expect(201);
      expect(third.body.versionNo).toBe(3);
      // Voiding withdraws the change in approval.
      await act(api, admin, id, 'voiding', { reason: '作废' }).expect(200);
      const after = await api.http.get(`/api/v1/contracts/${id}/versions`).set('Authorization', rep.auth).expect(200);
      expect(after.body.items.map((version: { status: string }) => version.status)).toEqual(['current', 'rejected', 'withdrawn']);
      const approval = await api.http.get(`/api/v1/approvals/${third.body.approvalRequestId}`).set('Authorization', admin.auth).expect(200);
      expect(approval.body.status).toBe('withdrawn');
    });

    it('of two changes proposed at once, one goes to approval and the other is refused', async () => {
      const { id } = await approvedContract();
      const [first, second] = await Promise.all(
        ['甲方更名', '乙方更名'].map((name) =>
          api.http.post(`/api/v1/contracts/${id}/amendments`).set('Authorization', rep.auth).send({ reason: '更名', name }),
        ),
      );
      expect([first!.status, second!.status].sort()).toEqual([201, 409]);
      const loser = first!.status === 409 ? first! : second!;
      expect(loser.body).toMatchObject({ code: 'CONTRACT.AMENDMENT_PENDING', versionNo: 2 });
      const requests = await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM approval.requests WHERE subject_id = $1 AND status = 'pending'`, [id]);
      expect(requests[0]!.n).toBe(1);
    });

    it('never changes a draft, a completed or a voided contract through an amendment', async () => {
      const draft = await createContract(api, rep, contractBody(customerId)).expect(201);
      const onDraft = await api.http
        .post(`/api/v1/contracts/${draft.body.id}/amendments`)
        .set('Authorization', rep.auth)
        .send({ reason: 'x', name: 'y' })
        .expect(409);
      expect(onDraft.body).toMatchObject({ code: 'CONTRACT.NOT_AMENDABLE', contractStatus: 'draft' });
      const { id } = await approvedContract();
      await act(api, rep, id, 'activation').expect(200);
      await act(api, rep, id, 'completion').expect(200);
      const onCompleted = await api.http.post(`/api/v1/contracts/${id}/amendments`).set('Authorization', rep.auth).send({ reason: 'x', name: 'y' }).expect(409);
      expect(onCompleted.body).toMatchObject({ code: 'CONTRACT.NOT_AMENDABLE', contractStatus: 'completed' });
    });
  });

  describe('data scope [数据权限]', () => {
    it('another salesperson gets 404 by id, does not see it in lists, cannot act on it', async () => {
      const { id } = await approvedContract();
      await getContract(api, otherRep, id).expect(404);
      const list = await api.http.get('/api/v1/contracts').set('Authorization', otherRep.auth).expect(200);
      expect(list.body.items).toEqual([]);
      const byCustomer = await api.http.get(`/api/v1/contracts?customerId=${customerId}`).set('Authorization', otherRep.auth).expect(200);
      expect(byCustomer.body.items).toEqual([]);
      expect((await act(api, otherRep, id, 'activation').expect(404)).body.code).toBe('CONTRACT.NOT_FOUND');
      await api.http.get(`/api/v1/contracts/${id}/versions`).set('Authorization', otherRep.auth).expect(404);
      await api.http.post(`/api/v1/contracts/${id}/amendments`).set('Authorization', otherRep.auth).send({ reason: 'x', name: 'y' }).expect(404);
      // Nor can they draft a contract for a customer they do not work.
      const refused = await createContract(api, otherRep, contractBody(customerId)).expect((response) => expect([403, 404]).toContain(response.status));
      expect(refused.body.code).toMatch(/^CUSTOMER\./);
      // Finance reads every contract.
      const finance = await api.user(['finance']);
      await getContract(api, finance, id).expect(200);
    });
  });
});
