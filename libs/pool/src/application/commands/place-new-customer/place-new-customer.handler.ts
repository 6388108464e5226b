import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RequestApprovalCommand } from '@crm/contracts/approval';
import { UserDirectory } from '@crm/contracts/identity';
import { v7 as uuidv7 } from 'uuid';
import { PoolCustomer } from '../../../domain/pool-customer.aggregate.js';
import { PoolCustomers } from '../../../domain/pool-customers.port.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { CLAIM_SUBJECT } from '../claim-customer/claim-customer.handler.js';
import { PlaceNewCustomerCommand, type PlacementResult } from './place-new-customer.command.js';

@CommandHandler(PlaceNewCustomerCommand)
export class PlaceNewCustomerHandler implements ICommandHandler<PlaceNewCustomerCommand> {
  constructor(
    private readonly customers: PoolCustomers,
    private readonly pools: PoolRepository,
    private readonly identity: UserDirectory,
    private readonly commands: CommandBus,
  ) {}

  async execute({ customerId, grade, requestedHolderId, createdBy }: PlaceNewCustomerCommand): Promise<PlacementResult> {
    const placedBy = requestedHolderId ?? createdBy;
    const person = placedBy && placedBy !== 'system' ? await this.identity.actorFor(placedBy) : null;
    const pool = await this.pools.poolForDepartment(person?.departmentId ?? null);
    const customer = PoolCustomer.place({
      customerId,
      poolId: pool.id,
      grade,
      rules: pool.rules,
      access: { departmentId: pool.departmentId, adminIds: pool.adminIds },
    });
    if (!(await this.customers.add(customer))) return { status: 'already-placed' };
    if (!requestedHolderId || !person) return { status: 'placed' };
    const now = new Date();
    if (customer.placeForCreator(person, now, uuidv7) === 'protected') {
      await this.customers.save(customer);
      return { status: 'protected', holderId: person.id };
    }
    const applicationId = uuidv7();
    const { requestId } = await this.commands.execute(
      new RequestApprovalCommand({
        subjectType: CLAIM_SUBJECT,
        subjectId: applicationId,
        applicantId: person.id,
        title: `新建客户申请保护 / New customer, grade ${grade}`,
        customerId,
        facts: { grade, productLines: [] },
        context: { customerId, poolId: pool.id, scopes: [{ kind: 'customer' }], reason: 'created', grade },
      }),
    );
    const application = customer.applyForCreator({
      applicationId,
      applicantId: person.id,
      reason: '新建客户 / created by the applicant',
      approvalRequestId: requestId,
      now,
    });
    await this.customers.save(customer);
    return { status: 'pending-approval', applicationId, approvalRequestId: requestId, reservedUntil: application.reservedUntil.toISOString() };
  }
}
