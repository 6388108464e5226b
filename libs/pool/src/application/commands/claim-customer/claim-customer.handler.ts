import { Inject } from '@nestjs/common';
import { CommandHandler, QueryBus, CommandBus, type ICommandHandler } from '@nestjs/cqrs';
import { RequestApprovalCommand } from '@crm/contracts/approval';
import { ResolveClaimScopeQuery } from '@crm/contracts/catalog';
import { APP_CONFIG, EventRecorder, TransactionHost, type Actor, type AppConfig } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { anyOverlap, type ClaimScope } from '../../../domain/claim-scope.js';
import { PoolErrors } from '../../../domain/pool.errors.js';
import { poolEvent } from '../../../domain/pool.events.js';
import { holdLimitFor, mayClaimDirectly } from '../../../domain/pool-rules.js';
import { PoolRepository, type EntryRecord } from '../../../infrastructure/pool.repository.js';
import { isPoolMember, startOfToday } from '../../pool-access.js';
import { ProtectionSync } from '../../protection-sync.js';
import { ClaimCustomerCommand, type ClaimResult, type RequestedScope } from './claim-customer.command.js';

export const CLAIM_SUBJECT = 'claim-application';
const DAY_MS = 86_400_000;

@CommandHandler(ClaimCustomerCommand)
export class ClaimCustomerHandler implements ICommandHandler<ClaimCustomerCommand> {
  constructor(
    private readonly pool: PoolRepository,
    private readonly sync: ProtectionSync,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, customerId, scope, applyIfNotPermitted, reason }: ClaimCustomerCommand): Promise<ClaimResult> {
    const scopes = await this.resolveScopes(scope);
    return this.tx.run(async () => {
      // One transaction per claim: the caller's limits first (per-user lock), then the customer's row.
      await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('pool-claimant'), hashtext($1))`, [actor.id]);
      const entry = await this.pool.lockEntry(customerId);
      if (!entry || !isPoolMember(actor, entry.pool)) throw PoolErrors.customerNotFound();
      const rules = entry.pool.rules;
      if (scopes.some((requested) => requested.kind !== rules.scopeMode)) throw PoolErrors.scopeNotAllowed(rules.scopeMode);

      const held = await this.pool.activeProtections(customerId);
      const overlapping = held.filter((protection) => anyOverlap(scopes, [protection.scope]));
      if (overlapping.some((protection) => protection.holderId === actor.id)) throw PoolErrors.alreadyYours();
      if (overlapping.length > 0) throw PoolErrors.alreadyProtected();
      const now = new Date();
      for (const application of await this.pool.pendingApplications(customerId)) {
        if (!anyOverlap(scopes, application.scopes)) continue;
        if (application.applicantId === actor.id) throw PoolErrors.applicationPending(application.id);
        throw PoolErrors.reserved(application.reservedUntil);
      }
      await this.checkLimits(actor, entry, now);

      if (mayClaimDirectly(rules, entry.grade, actor.roles)) return this.protect(actor, entry, scopes, now);
      if (!applyIfNotPermitted) throw PoolErrors.requiresApproval(customerId, scope, entry.grade);
      return this.apply(actor, entry, scopes, reason, now);
    });
  }

  private async resolveScopes(scope: RequestedScope): Promise<ClaimScope[]> {
    if (scope.kind === 'customer') return [{ kind: 'customer' }];
    if (scope.kind === 'product-line') {
      await this.queries.execute(new ResolveClaimScopeQuery({ productLineIds: [scope.productLineId] }));
      return [{ kind: 'product-line', productLineId: scope.productLineId }];
    }
    const resolved = await this.queries.execute(new ResolveClaimScopeQuery({ productIds: scope.productIds }));
    return resolved.products.map((product) => ({ kind: 'product', productId: product.id, productLineId: product.productLineId }));
  }

  private async checkLimits(actor: Actor, entry: EntryRecord, now: Date): Promise<void> {
    const rules = entry.pool.rules;
    const lastRelease = await this.pool.lastReleasedBy(entry.customerId, actor.id);
    if (lastRelease && rules.coolDownDays > 0) {
      const availableFrom = new Date(lastRelease.getTime() + rules.coolDownDays * DAY_MS);
      if (availableFrom > now) throw PoolErrors.coolDown(availableFrom);
    }
    const holdLimit = holdLimitFor(rules, actor.id, actor.roles);
    if (holdLimit !== null && (await this.pool.heldOrPendingCount(actor.id, entry.poolId)) >= holdLimit) {
      throw PoolErrors.holdLimit(holdLimit);
    }
    if (rules.maxClaimsPerDay !== null && (await this.pool.claimsSince(actor.id, entry.poolId, startOfToday(now, this.config.timeZone))) >= rules.maxClaimsPerDay) {
      throw PoolErrors.dailyLimit(rules.maxClaimsPerDay);
    }
  }

  private async protect(actor: Actor, entry: EntryRecord, scopes: ClaimScope[], now: Date): Promise<ClaimResult> {
    const protections = scopes.map((scope) => ({
      id: uuidv7(),
      customerId: entry.customerId,
      poolId: entry.poolId,
      holderId: actor.id,
      scope,
      source: 'claim' as const,
      applicationId: null,
      since: now,
    }));
    await this.pool.insertProtections(protections);
    await this.sync.afterChange([entry.customerId], { restartClock: true });
    await this.events.record([
      poolEvent('customer-protected', entry.customerId, { poolId: entry.poolId, holderId: actor.id, scopes, source: 'claim', applicationId: null }),
    ]);
    return { status: 'protected', customerId: entry.customerId, protectionIds: protections.map((protection) => protection.id) };
  }

  private async apply(actor: Actor, entry: EntryRecord, scopes: ClaimScope[], reason: string | null, now: Date): Promise<ClaimResult> {
    const applicationId = uuidv7();
    const reservedUntil = new Date(now.getTime() + entry.pool.rules.reservationHours * 3_600_000);
    await this.pool.insertApplication({
      id: applicationId,
      customerId: entry.customerId,
      poolId: entry.poolId,
      applicantId: actor.id,
      scopes,
      reason,
      status: 'pending',
      approvalRequestId: null,
      reservedUntil,
      createdAt: now,
      closedAt: null,
    });
    const productLineIds = [...new Set(scopes.flatMap((scope) => (scope.kind === 'customer' ? [] : [scope.productLineId])))];
    const { requestId } = await this.commands.execute(
      new RequestApprovalCommand({
        subjectType: CLAIM_SUBJECT,
        subjectId: applicationId,
        applicantId: actor.id,
        title: `申领客户 / Claim application (grade ${entry.grade})`,
        productLineIds,
        customerId: entry.customerId,
        context: { customerId: entry.customerId, poolId: entry.poolId, scopes, reason, grade: entry.grade },
      }),
    );
    await this.pool.setApprovalRequest(applicationId, requestId);
    await this.events.record([
      poolEvent('claim-applied', entry.customerId, {
        applicationId,
        applicantId: actor.id,
        poolId: entry.poolId,
        scopes,
        reason,
        reservedUntil: reservedUntil.toISOString(),
        approvalRequestId: requestId,
      }),
    ]);
    return { status: 'pending-approval', customerId: entry.customerId, applicationId, approvalRequestId: requestId, reservedUntil: reservedUntil.toISOString() };
  }
}
