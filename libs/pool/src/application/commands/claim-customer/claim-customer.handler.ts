import { CommandHandler, QueryBus, CommandBus, type ICommandHandler } from '@nestjs/cqrs';
import { RequestApprovalCommand } from '@crm/contracts/approval';
import { ResolveClaimScopeQuery, type ResolvedScope } from '@crm/contracts/catalog';
import { DomainError } from '@crm/kernel';
import { TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import type { ClaimScope } from '../../../domain/claim-scope.js';
import { claimLimitsFor } from '../../../domain/claim-policies.js';
import { PoolErrors } from '../../../domain/pool.errors.js';
import { PoolCustomers } from '../../../domain/pool-customers.port.js';
import { isPoolMember } from '../../pool-access.js';
import { ClaimCustomerCommand, type ClaimResult, type RequestedScope } from './claim-customer.command.js';

export const CLAIM_SUBJECT = 'claim-application';

@CommandHandler(ClaimCustomerCommand)
export class ClaimCustomerHandler implements ICommandHandler<ClaimCustomerCommand> {
  constructor(
    private readonly customers: PoolCustomers,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, customerId, scope, applyIfNotPermitted, reason }: ClaimCustomerCommand): Promise<ClaimResult> {
    const resolved = await this.resolveScopes(scope);
    // The caller's limits first (a per-claimant lock), then the customer's row: the same order everywhere.
    await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('pool-claimant'), hashtext($1))`, [actor.id]);
    const customer = await this.customers.lock(customerId);
    if (!customer || !isPoolMember(actor, customer.access)) throw PoolErrors.customerNotFound();
    const now = new Date();
    const claimant = await this.customers.claimant(actor, customerId, customer.poolId, now, claimLimitsFor(customer.rules, actor));
    const outcome = customer.claim(claimant, resolved.scopes, now, uuidv7);
    if (outcome.status === 'protected') {
      await this.customers.save(customer);
      return { status: 'protected', customerId, protectionIds: outcome.protectionIds };
    }
    if (!applyIfNotPermitted) throw PoolErrors.requiresApproval(customerId, scope, customer.grade);
    const applicationId = uuidv7();
    const { requestId } = await this.commands.execute(
      new RequestApprovalCommand({
        subjectType: CLAIM_SUBJECT,
        subjectId: applicationId,
        applicantId: actor.id,
        title: `申领客户 / Claim application (grade ${customer.grade})`,
        customerId,
        facts: { grade: customer.grade, productLines: resolved.lines.map((line) => ({ id: line.id, headIds: line.headIds })) },
        context: { customerId, poolId: customer.poolId, scopes: resolved.scopes, reason, grade: customer.grade },
      }),
    );
    const application = customer.apply({ applicationId, applicant: claimant, scopes: resolved.scopes, reason, approvalRequestId: requestId, now });
    await this.customers.save(customer);
    return {
      status: 'pending-approval',
      customerId,
      applicationId,
      approvalRequestId: requestId,
      reservedUntil: application.reservedUntil.toISOString(),
    };
  }

  /** The scopes asked for, checked against the catalogue: unknown lines or products are a 422, an empty list a 400. */
  private async resolveScopes(scope: RequestedScope): Promise<{ scopes: ClaimScope[]; lines: ResolvedScope['lines'] }> {
    if (scope.kind === 'customer') return { scopes: [{ kind: 'customer' }], lines: [] };
    if (scope.kind === 'product-line') {
      const resolved = await this.resolve({ productLineIds: [scope.productLineId] }, 'a product line', [scope.productLineId]);
      return { scopes: [{ kind: 'product-line', productLineId: scope.productLineId }], lines: resolved.lines };
    }
    if (scope.productIds.length === 0) throw PoolErrors.emptyScope();
    const resolved = await this.resolve({ productIds: scope.productIds }, 'products', scope.productIds);
    return {
      scopes: resolved.products.map((product) => ({ kind: 'product', productId: product.id, productLineId: product.productLineId })),
      lines: resolved.lines,
    };
  }

  /** Ids the catalogue does not know make the request itself wrong: a 400, never a claim of nothing. */
  private async resolve(scope: { productLineIds?: string[]; productIds?: string[] }, what: string, ids: readonly string[]): Promise<ResolvedScope> {
    try {
      return await this.queries.execute(new ResolveClaimScopeQuery(scope));
    } catch (error) {
      if (error instanceof DomainError && error.code.startsWith('CATALOG.')) throw PoolErrors.unknownScope(what, ids);
      throw error;
    }
  }
}
