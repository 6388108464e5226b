import { DomainError, NotFoundError } from '@crm/kernel';

export const PoolErrors = {
  customerNotFound: () => new NotFoundError('POOL.CUSTOMER_NOT_FOUND', 'No such customer in a pool you belong to (or it is held outside your scope).'),
  poolNotFound: () => new NotFoundError('POOL.NOT_FOUND', 'No such pool.'),
  scopeNotAllowed: (mode: string) =>
    new DomainError('POOL.SCOPE_NOT_ALLOWED', 'rule-violation', `This pool protects by ${mode}; claim with that scope.`, { scopeMode: mode }),
  alreadyYours: () => new DomainError('POOL.ALREADY_HELD_BY_YOU', 'conflict', 'You already hold this [已在保护中].'),
  alreadyProtected: () => new DomainError('POOL.ALREADY_PROTECTED', 'conflict', 'Someone else already holds this customer or part of it [已被保护].'),
  reserved: (until: Date) =>
    new DomainError('POOL.RESERVED', 'conflict', "Another salesperson's application for this customer is pending approval.", {
      reservedUntil: until.toISOString(),
    }),
  applicationPending: (applicationId: string) =>
    new DomainError('POOL.APPLICATION_PENDING', 'conflict', 'Your application for this is already waiting for approval.', { applicationId }),
  coolDown: (availableFrom: Date) =>
    new DomainError('POOL.COOL_DOWN', 'rule-violation', `You released this customer recently; you may claim it again from ${availableFrom.toISOString()}.`, {
      availableFrom: availableFrom.toISOString(),
    }),
  holdLimit: (limit: number) =>
    new DomainError('POOL.HOLD_LIMIT_REACHED', 'rule-violation', `You already hold the most customers allowed in this pool (${limit}).`, { limit }),
  dailyLimit: (limit: number) =>
    new DomainError('POOL.DAILY_CLAIM_LIMIT_REACHED', 'rule-violation', `You reached today's claim limit in this pool (${limit}).`, { limit }),
  requiresApproval: (customerId: string, scope: unknown, grade: string) =>
    new DomainError(
      'POOL.CLAIM_REQUIRES_APPROVAL',
      'forbidden',
      `Your role may not claim grade ${grade} customers directly. Apply instead: send the same request with "applyIfNotPermitted": true and an approver will decide [申请审批].`,
      {
        grade,
        apply: {
          method: 'POST',
          href: `/api/v1/pool/customers/${customerId}/claims`,
          body: { scope, applyIfNotPermitted: true, reason: '…' },
        },
      },
    ),
  emptyScope: () =>
    new DomainError('POOL.EMPTY_SCOPE', 'invalid', 'The claim names nothing to protect: give the whole customer, a product line, or at least one product.'),
  unknownScope: (detail: string, ids: readonly string[]) =>
    new DomainError('POOL.UNKNOWN_SCOPE', 'invalid', `The claim names ${detail} the catalogue does not know.`, { ids: [...ids] }),
  notHeld: () => new DomainError('POOL.NOT_HELD', 'rule-violation', 'You hold nothing of this customer to release.'),
  notPoolAdmin: () => new DomainError('POOL.NOT_POOL_ADMIN', 'forbidden', "Only this pool's admins may change it."),
  transferTargetInvalid: () =>
    new DomainError('POOL.TRANSFER_TARGET_INVALID', 'rule-violation', 'Transfer to an active user within your scope, other than the current holder.'),
  invalidRules: (detail: string) => new DomainError('POOL.INVALID_RULES', 'invalid', detail),
};
