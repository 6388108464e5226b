import { PoolCustomer } from '../../../domain/pool-customer.aggregate.js';
import { DEFAULT_POOL_RULES } from '../../../domain/pool-rules.js';
import { InMemoryPoolCustomers } from '../../../domain/testing/in-memory-pool-customers.js';
import { CloseClaimApplicationHandler } from '../close-claim-application/close-claim-application.handler.js';
import { CloseClaimApplicationCommand } from '../close-claim-application/close-claim-application.command.js';
import { ProtectApprovedClaimHandler } from './protect-approved-claim.handler.js';
import { ProtectApprovedClaimCommand } from './protect-approved-claim.command.js';

const now = new Date('2026-11-25T10:00:00Z');
const rep = { id: 'rep', roles: ['sales-rep'], lastReleasedAt: null, heldOrPending: 0, claimsToday: 0 };

function withApplication(customers: InMemoryPoolCustomers, applicationId: string): void {
  const customer = PoolCustomer.place({
    customerId: `c-${applicationId}`,
    poolId: 'p',
    grade: 'A',
    rules: { ...DEFAULT_POOL_RULES, gradeRights: { A: ['sales-manager'] } },
  });
  customer.apply({ applicationId, applicant: rep, scopes: [{ kind: 'customer' }], reason: null, approvalRequestId: `r-${applicationId}`, now });
  customers.seed(customer);
}

describe('settling claim applications (handlers on an in-memory repository)', () => {
  it('an approval protects the applicant exactly once, however often it is delivered', async () => {
    const customers = new InMemoryPoolCustomers();
    withApplication(customers, 'a-1');
    const handler = new ProtectApprovedClaimHandler(customers);
    expect(await handler.execute(new ProtectApprovedClaimCommand('a-1'))).toEqual({ protected: true });
    expect(await handler.execute(new ProtectApprovedClaimCommand('a-1'))).toEqual({ protected: false });
    expect(customers.savedEvents.filter((event) => event.type === 'pool.customer-protected.v1')).toEqual([
      {
        type: 'pool.customer-protected.v1',
        payload: expect.objectContaining({ holderId: 'rep', source: 'approval', holders: { ownerId: 'rep', coHolderIds: [] } }),
      },
    ]);
    expect((await customers.lock('c-a-1'))!.holders()).toEqual({ ownerId: 'rep', coHolderIds: [] });
  });

  it('a rejection frees the reservation; expiry also withdraws the approval request', async () => {
    const customers = new InMemoryPoolCustomers();
    withApplication(customers, 'a-2');
    withApplication(customers, 'a-3');
    const sent: unknown[] = [];
    // The only command it sends is the withdrawal; a recording stand-in for the bus is enough here.
    const commands = { execute: (command: unknown) => Promise.resolve(sent.push(command)) };
    const handler = new CloseClaimApplicationHandler(customers, commands as never);
    expect(await handler.execute(new CloseClaimApplicationCommand('a-2', 'rejected', '已有合作'))).toEqual({ closed: true });
    expect(sent).toEqual([]);
    expect(await handler.execute(new CloseClaimApplicationCommand('a-3', 'expired', 'reservation expired'))).toEqual({ closed: true });
    expect(sent).toEqual([expect.objectContaining({ subjectId: 'a-3' })]);
    // Closed applications no longer protect anyone when an approval arrives late.
    expect(await new ProtectApprovedClaimHandler(customers).execute(new ProtectApprovedClaimCommand('a-2'))).toEqual({ protected: false });
    expect((await customers.lock('c-a-2'))!.holders()).toEqual({ ownerId: null, coHolderIds: [] });
  });
});
