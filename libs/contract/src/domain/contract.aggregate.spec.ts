import { DomainError } from '@crm/kernel';
import { Contract, diffTerms, type TermsInput } from './contract.aggregate.js';

const now = new Date('2026-03-01T08:00:00Z');
let ids = 0;
const id = () => `00000000-0000-7000-8000-${String(++ids).padStart(12, '0')}`;

const terms: TermsInput = {
  name: '年度服务合同',
  type: 'standard',
  signingParty: '上海示例科技有限公司',
  amount: '99.99',
  currency: 'CNY',
  quantity: null,
  paymentMethod: 'bank-transfer',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  productIds: [],
  instalments: [
    { dueDate: '2026-03-31', amount: '33.33', note: null },
    { dueDate: '2026-01-31', amount: '33.33', note: null },
    { dueDate: '2026-02-28', amount: '33.33', note: null },
  ],
};

function draft(overrides: Partial<TermsInput> = {}): Contract {
  return Contract.draft({
    id: id(),
    versionId: id(),
    number: 'HT202603-0001',
    customerId: id(),
    opportunityId: null,
    ownerId: 'rep',
    terms: { ...terms, ...overrides },
    createdBy: 'rep',
    now,
  });
}

function approved(): Contract {
  const contract = draft();
  contract.submit(now);
  contract.attachApproval('request-1', 'rep');
  contract.approvalGranted('request-1', now);
  contract.pullEvents();
  return contract;
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? `${error.code} ${JSON.stringify(error.details ?? {})}` : String(error);
  }
}

describe('Contract', () => {
  it('orders the plan by due date and requires it to sum exactly to the amount', () => {
    const contract = draft();
    expect(contract.snapshot().terms.instalments.map((instalment) => [instalment.seq, instalment.dueDate])).toEqual([
      [1, '2026-01-31'],
      [2, '2026-02-28'],
      [3, '2026-03-31'],
    ]);
    expect(contract.pullEvents().map((event) => event.type)).toEqual(['contract.created.v1']);
    expect(codeOf(() => draft({ amount: '100' }))).toBe('CONTRACT.PLAN_MISMATCH {"amount":"100.00","planTotal":"99.99"}');
    expect(
      codeOf(() =>
        draft({
          amount: '0.3',
          instalments: [
            { dueDate: '2026-01-01', amount: '0.1', note: null },
            { dueDate: '2026-01-02', amount: '0.2', note: null },
          ],
        }),
      ),
    ).toBeUndefined();
  });

  it('allows only the transitions of its state machine, naming the current state otherwise', () => {
    const contract = draft();
    expect(codeOf(() => contract.transition('activate', 'rep', now))).toBe('CONTRACT.ILLEGAL_TRANSITION {"action":"activated","contractStatus":"draft"}');
    contract.submit(now);
    expect(codeOf(() => contract.transition('void', 'rep', now, 'x'))).toMatch(/"contractStatus":"in-approval"/);
    contract.attachApproval('request-1', 'rep');
    // An outcome for another request changes nothing.
    expect(contract.approvalGranted('request-0', now)).toBe(false);
    expect(contract.approvalGranted('request-1', now)).toBe(true);
    expect(contract.approvalGranted('request-1', now)).toBe(false);
    contract.transition('activate', 'rep', now);
    contract.transition('suspend', 'rep', now, '暂停');
    expect(codeOf(() => contract.transition('complete', 'rep', now))).toMatch(/"contractStatus":"suspended"/);
    contract.transition('resume', 'rep', now);
    contract.transition('complete', 'rep', now);
    expect(codeOf(() => contract.transition('void', 'rep', now, 'x'))).toMatch(/"contractStatus":"completed"/);
    contract.transition('archive', 'rep', now);
    expect(contract.snapshot().status).toBe('archived');
    expect(contract.pullEvents().map((event) => event.type)).toEqual([
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

  it('changes an approved contract as a new version, current only once granted, one at a time', () => {
    const contract = approved();
    const facts = contract.amend({ name: '年度服务合同（补充）' }, '更名', 'rep', now, id());
    expect(facts).toEqual({ amount: '99.99', contractType: 'standard', versionNo: 2, changes: { name: { from: '年度服务合同', to: '年度服务合同（补充）' } } });
    contract.attachApproval('request-2', 'rep');
    expect(contract.snapshot()).toMatchObject({ currentVersion: 1, pendingVersion: 2, status: 'approved' });
    expect(codeOf(() => contract.amend({ name: 'x' }, 'again', 'rep', now, id()))).toBe('CONTRACT.AMENDMENT_PENDING {"versionNo":2}');
    expect(contract.approvalGranted('request-2', now)).toBe(true);
    expect(contract.snapshot()).toMatchObject({ currentVersion: 2, pendingVersion: null, terms: { name: '年度服务合同（补充）' } });
    expect(contract.pendingWrites().versions.map((version) => [version.versionNo, version.status])).toEqual([
      [1, 'superseded'],
      [2, 'current'],
    ]);
    expect(codeOf(() => contract.amend({ name: '年度服务合同（补充）' }, '无变化', 'rep', now, id()))).toMatch(/^CONTRACT.NO_CHANGES/);
  });

  it('never changes a draft, one in approval or a completed contract through an amendment', () => {
    expect(codeOf(() => draft().amend({ name: 'x' }, 'r', 'rep', now, id()))).toMatch(/^CONTRACT.NOT_AMENDABLE .*"draft"/);
    const inApproval = draft();
    inApproval.submit(now);
    expect(codeOf(() => inApproval.amend({ name: 'x' }, 'r', 'rep', now, id()))).toMatch(/^CONTRACT.IN_APPROVAL/);
    const completed = approved();
    completed.transition('activate', 'rep', now);
    completed.transition('complete', 'rep', now);
    expect(codeOf(() => completed.amend({ name: 'x' }, 'r', 'rep', now, id()))).toMatch(/^CONTRACT.NOT_AMENDABLE .*"completed"/);
  });

  it('voids the plan with the contract and withdraws a change in approval', () => {
    const contract = approved();
    contract.amend({ name: '新名称' }, '更名', 'rep', now, id());
    contract.attachApproval('request-2', 'rep');
    const { withdrawRequestId } = contract.transition('void', 'rep', now, '客户取消');
    expect(withdrawRequestId).toBe('request-2');
    expect(contract.pendingWrites().planVoided).toBe(true);
    expect(contract.snapshot()).toMatchObject({ status: 'voided', voidReason: '客户取消', pendingVersion: null });
    const voided = contract.pullEvents().find((event) => event.type === 'contract.voided.v1');
    expect(voided?.payload).toMatchObject({ voidedInstalments: 3, voidedAmount: '99.99', previousStatus: 'approved' });
  });

  it('diffs terms whatever the order of their keys', () => {
    const base = draft().snapshot().terms;
    const reordered = { ...base, instalments: base.instalments.map(({ seq, dueDate, amount, note }) => ({ note, amount, dueDate, seq })) };
    expect(diffTerms(base, reordered)).toEqual({});
  });
});
