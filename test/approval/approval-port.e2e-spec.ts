import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { RequestApprovalCommand, type ApprovalFacts } from '@crm/contracts/approval';
import { TestApp, type TestUser } from '../support/test-app.js';

/**
 * The approval port as a contract or order context will use it: the requester names the subject
 * up front and supplies the facts the process routes on; a step applies only when its conditions
 * hold (a legal review [法务] for large or framework contracts), with a default fallback.
 */
describe('Approval port: conditional steps and routing facts (APPR-1, APPR-2, CONTR-2)', () => {
  let api: TestApp;
  let admin: TestUser;
  let applicant: TestUser;
  let manager: TestUser;
  let legal: TestUser;
  let fallback: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    applicant = await api.user(['sales-rep']);
    manager = await api.user(['sales-manager']);
    legal = await api.user(['finance']);
    fallback = await api.user(['sales-manager']);
    await api.http
      .put('/api/v1/approval-processes/sample-contract')
      .set('Authorization', admin.auth)
      .send({
        steps: [
          { name: '销售经理审批', mode: 'any-of', approvers: { kind: 'users', userIds: [manager.id] } },
          {
            name: '法务审批',
            mode: 'any-of',
            approvers: { kind: 'users', userIds: [legal.id] },
            when: [{ fact: 'amount', op: 'gte', value: '500000' }],
          },
          {
            name: '框架合同会签',
            mode: 'all-of',
            approvers: { kind: 'users', userIds: [legal.id, manager.id] },
            when: [{ fact: 'contractType', op: 'in', value: ['framework'] }],
          },
        ],
        defaultApproverIds: [fallback.id],
      })
      .expect(200);
  });
  afterAll(() => api.close());

  async function request(facts: ApprovalFacts, subjectType = 'sample-contract'): Promise<{ name: string; approverIds: string[] }[]> {
    const subjectId = randomUUID();
    const { requestId } = await api.app
      .get(CommandBus)
      .execute(new RequestApprovalCommand({ subjectType, subjectId, applicantId: applicant.id, title: '合同审批', customerId: null, facts, context: {} }));
    const approval = await api.http.get(`/api/v1/approvals/${requestId}`).set('Authorization', admin.auth).expect(200);
    expect(approval.body.subjectId).toBe(subjectId);
    return approval.body.steps.map((step: { name: string; approverIds: string[] }) => ({ name: step.name, approverIds: step.approverIds }));
  }

  it('adds the legal step only from the threshold on, comparing amounts as decimals', async () => {
    expect((await request({ amount: '499999.99', contractType: 'standard' })).map((step) => step.name)).toEqual(['销售经理审批']);
    expect((await request({ amount: '500000.00', contractType: 'standard' })).map((step) => step.name)).toEqual(['销售经理审批', '法务审批']);
    expect((await request({ amount: '120000', contractType: 'framework' })).map((step) => step.name)).toEqual(['销售经理审批', '框架合同会签']);
  });

  it('routes line-head steps on the heads the requester already resolved', async () => {
    const head = await api.user(['line-head']);
    await api.http
      .put('/api/v1/approval-processes/sample-order')
      .set('Authorization', admin.auth)
      .send({ steps: [{ name: '条线负责人', mode: 'any-of', approvers: { kind: 'line-heads' } }], defaultApproverIds: [fallback.id] })
      .expect(200);
    const steps = await request({ productLines: [{ id: randomUUID(), headIds: [head.id] }] }, 'sample-order');
    expect(steps).toEqual([{ name: '条线负责人', approverIds: [head.id] }]);
    // No line involved: the step finds nobody and the default approvers take it.
    expect(await request({ productLines: [] }, 'sample-order')).toEqual([{ name: '条线负责人', approverIds: [fallback.id] }]);
  });

  it("routes to the applicant's manager (team lead, else the department head above) and department head", async () => {
    const { departmentId, teamId } = await api.team();
    const head = await api.user(['sales-manager'], { departmentId });
    const lead = await api.user(['sales-rep'], { departmentId, teamId });
    const member = await api.user(['sales-rep'], { departmentId, teamId });
    await api.http.put(`/api/v1/admin/departments/${departmentId}/head`).set('Authorization', admin.auth).send({ userId: head.id }).expect(200);
    const team = await api.http.put(`/api/v1/admin/teams/${teamId}/lead`).set('Authorization', admin.auth).send({ userId: lead.id }).expect(200);
    expect(team.body).toMatchObject({ id: teamId, leadId: lead.id });
    await api.http
      .put('/api/v1/approval-processes/sample-expense')
      .set('Authorization', admin.auth)
      .send({
        steps: [
          { name: '直属上级', mode: 'any-of', approvers: { kind: 'manager' } },
          { name: '部门负责人', mode: 'any-of', approvers: { kind: 'department-head' } },
        ],
        defaultApproverIds: [fallback.id],
      })
      .expect(200);
    const open = async (applicantId: string) => {
      const { requestId } = await api.app.get(CommandBus).execute(
        new RequestApprovalCommand({
          subjectType: 'sample-expense',
          subjectId: randomUUID(),
          applicantId,
          title: '报销',
          customerId: null,
          facts: {},
          context: {},
        }),
      );
      const { body } = await api.http.get(`/api/v1/approvals/${requestId}`).set('Authorization', admin.auth).expect(200);
      return body.steps.map((step: { approverIds: string[] }) => step.approverIds);
    };
    // A member: the team lead, then the department head.
    expect(await open(member.id)).toEqual([[lead.id], [head.id]]);
    // The lead's own manager is the department head; nobody heads the department above, so the defaults take that step.
    expect(await open(lead.id)).toEqual([[head.id], [head.id]]);
    expect(await open(head.id)).toEqual([[fallback.id], [fallback.id]]);
    // Heads and leads are active people.
    await api.http.patch(`/api/v1/admin/users/${lead.id}`).set('Authorization', admin.auth).send({ active: false }).expect(200);
    await api.http.put(`/api/v1/admin/teams/${teamId}/lead`).set('Authorization', admin.auth).send({ userId: lead.id }).expect(422);
  });

  it('refuses a condition that could never be evaluated when the process is saved', async () => {
    const refused = await api.http
      .put('/api/v1/approval-processes/sample-contract')
      .set('Authorization', admin.auth)
      .send({
        steps: [{ name: '法务', mode: 'any-of', approvers: { kind: 'users', userIds: [legal.id] }, when: [{ fact: 'amount', op: 'gte', value: '五十万' }] }],
        defaultApproverIds: [],
      })
      .expect(400);
    expect(refused.body.code).toBe('APPROVAL.INVALID_PROCESS');
  });
});
