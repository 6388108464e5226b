import { Ticket, type NewTicket } from './ticket.aggregate.js';
import type { EligibilityVerdict } from './ticket.types.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 9, minutes));
const agent = { kind: 'user', id: 'agent' } as const;
const notChecked: EligibilityVerdict = { policy: 'not-checked', eligible: null, checks: [], checkedAt: at(0).toISOString(), override: null };
const failed = (policy: 'refuse' | 'accept-flagged'): EligibilityVerdict => ({
  policy,
  eligible: false,
  checks: [{ check: 'completed-order', passed: false, detail: '客户没有已成交交付的订单。', reference: null }],
  checkedAt: at(0).toISOString(),
  override: null,
});

function file(eligibility: EligibilityVerdict = notChecked): Ticket {
  const input: NewTicket = {
    id: 't1',
    number: 'GD20261102000001',
    customerId: 'c1',
    customerGrade: 'A',
    region: '浙江',
    contactId: null,
    productId: null,
    productLineId: null,
    orderId: null,
    contractId: null,
    typeId: 'type',
    typePath: ['type'],
    title: '无法开机',
    description: '…',
    priority: 'normal',
    channel: 'phone',
    eligibility,
    createdVia: 'staff',
    createdBy: agent,
    createdAt: at(0),
  };
  return Ticket.file(input);
}

const types = (ticket: Ticket) => ticket.pullEvents().map((event) => event.type);
const code = (work: () => void) => {
  try {
    work();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return undefined;
};

describe('Ticket status machine [工单状态]', () => {
  it('goes new → assigned → in progress → waiting → in progress → resolved → closed, one status-changed event per move', () => {
    const ticket = file();
    ticket.assign({ teamId: 'team', handlerId: 'agent', how: 'rule', by: null, now: at(1) });
    ticket.changeStatus('in-progress', { by: agent, now: at(2), reopenWindowDays: 7 });
    ticket.changeStatus('waiting-on-customer', { by: agent, now: at(3), reopenWindowDays: 7 });
    ticket.addRecord({ id: 'r1', kind: 'customer-reply', body: '已重启', author: { kind: 'contact', id: 'k' }, createdAt: at(4) });
    ticket.changeStatus('resolved', { by: agent, now: at(5), resolution: '更换电源', reopenWindowDays: 7 });
    ticket.changeStatus('closed', { by: agent, now: at(6), reopenWindowDays: 7 });
    const history = ticket.takePendingWrites().statusChanges.map((change) => `${change.from}→${change.to}`);
    expect(history).toEqual([
      'null→new',
      'new→assigned',
      'assigned→in-progress',
      'in-progress→waiting-on-customer',
      'waiting-on-customer→in-progress',
      'in-progress→resolved',
      'resolved→closed',
    ]);
    expect(types(ticket).filter((type) => type === 'ticket.status-changed.v1')).toHaveLength(6);
    expect(ticket.version).toBe(1); // a new ticket saved once
  });

  it('refuses moves the machine does not know with the current status', () => {
    const ticket = file();
    expect(code(() => ticket.changeStatus('resolved', { by: agent, now: at(1), resolution: 'x', reopenWindowDays: 7 }))).toBe('TICKET.ILLEGAL_TRANSITION');
    expect(code(() => ticket.changeStatus('closed', { by: agent, now: at(1), reopenWindowDays: 7 }))).toBe('TICKET.ILLEGAL_TRANSITION');
    ticket.changeStatus('cancelled', { by: agent, now: at(1), reason: '重复', reopenWindowDays: 7 });
    expect(code(() => ticket.assign({ teamId: 't', handlerId: 'a', how: 'manual', by: agent, now: at(2) }))).toBe('TICKET.ILLEGAL_TRANSITION');
  });

  it('reopens within the window after resolution, not after', () => {
    const day = 24 * 60 * 60 * 1000;
    const ticket = file();
    ticket.assign({ teamId: 'team', handlerId: 'agent', how: 'manual', by: agent, now: at(1) });
    ticket.changeStatus('in-progress', { by: agent, now: at(2), reopenWindowDays: 3 });
    ticket.changeStatus('resolved', { by: agent, now: at(3), resolution: 'ok', reopenWindowDays: 3 });
    expect(code(() => ticket.changeStatus('in-progress', { by: agent, now: new Date(at(3).getTime() + 3 * day + 1), reopenWindowDays: 3 }))).toBe(
      'TICKET.REOPEN_WINDOW_PASSED',
    );
    ticket.changeStatus('in-progress', { by: agent, now: new Date(at(3).getTime() + 3 * day), reopenWindowDays: 3 });
    expect(ticket.status).toBe('in-progress');
  });

  it('counts the first public reply as the first response, once', () => {
    const ticket = file();
    ticket.assign({ teamId: 'team', handlerId: 'agent', how: 'manual', by: agent, now: at(1) });
    ticket.pullEvents();
    ticket.addRecord({ id: 'n', kind: 'internal-note', body: '内部', author: agent, createdAt: at(2) });
    ticket.addRecord({ id: 'r1', kind: 'public-reply', body: '您好', author: agent, createdAt: at(3) });
    ticket.addRecord({ id: 'r2', kind: 'public-reply', body: '再次', author: agent, createdAt: at(4) });
    expect(types(ticket).filter((type) => type === 'ticket.first-responded.v1')).toHaveLength(1);
    expect(ticket.snapshot().firstRespondedAt).toEqual(at(3));
    expect(ticket.status).toBe('in-progress');
  });

  it('sends a ticket without a handler back to its queue on transfer to a team', () => {
    const ticket = file();
    ticket.assign({ teamId: 'a', handlerId: 'agent', how: 'manual', by: agent, now: at(1) });
    ticket.transfer({ teamId: 'b', handlerId: null, reason: '专业不对口', by: agent, now: at(2) });
    expect(ticket.snapshot()).toMatchObject({ status: 'new', teamId: 'b', handlerId: null });
    expect(code(() => ticket.transfer({ teamId: 'b', handlerId: 'x', reason: ' ', by: agent, now: at(3) }))).toBe('TICKET.REASON_REQUIRED');
  });
});

describe('Eligibility on the ticket [该不该服务]', () => {
  it('refuses a ticket whose type refuses ineligible requests, with the failed checks as reasons', () => {
    let error: unknown;
    try {
      file(failed('refuse'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'TICKET.NOT_ELIGIBLE', details: { reasons: [{ check: 'completed-order', detail: '客户没有已成交交付的订单。' }] } });
  });

  it('accepts a flagged ticket that nobody works until a supervisor overrides it with a reason', () => {
    const ticket = file(failed('accept-flagged'));
    ticket.assign({ teamId: 'team', handlerId: 'agent', how: 'manual', by: agent, now: at(1) });
    expect(code(() => ticket.changeStatus('in-progress', { by: agent, now: at(2), reopenWindowDays: 1 }))).toBe('TICKET.ELIGIBILITY_OVERRIDE_REQUIRED');
    expect(code(() => ticket.overrideEligibility('boss', '  ', at(3)))).toBe('TICKET.REASON_REQUIRED');
    ticket.overrideEligibility('boss', '老客户，特批保外维修', at(3));
    expect(ticket.snapshot().eligibility.override).toEqual({ by: 'boss', at: at(3).toISOString(), reason: '老客户，特批保外维修' });
    expect(code(() => ticket.overrideEligibility('boss', 'again', at(4)))).toBe('TICKET.NOTHING_TO_OVERRIDE');
    ticket.changeStatus('in-progress', { by: agent, now: at(5), reopenWindowDays: 1 });
  });
});
