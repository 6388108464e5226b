import { DomainError, NotFoundError } from '@crm/kernel';

export const LeadErrors = {
  notFound: () => new NotFoundError('LEAD.NOT_FOUND', 'No such lead [线索] (or it is outside your pools and data scope).'),
  noContact: () =>
    new DomainError(
      'LEAD.NO_CONTACT',
      'invalid',
      'A lead needs at least a mobile number, an e-mail address or a company name to be followed up and de-duplicated.',
    ),
  invalidMobile: () => new DomainError('LEAD.INVALID_MOBILE', 'invalid', 'The mobile number has too few or too many digits.'),
  duplicate: (leadId: string | null, matchedOn: string) =>
    new DomainError('LEAD.DUPLICATE', 'conflict', `Another open lead already has this ${matchedOn} [重复线索].`, {
      matchedOn,
      ...(leadId ? { duplicateOf: leadId } : {}),
    }),
  notOpen: (status: string) => new DomainError('LEAD.NOT_OPEN', 'conflict', `The lead is ${status}; only open leads change.`, { leadStatus: status }),
  notClosed: (status: string) =>
    new DomainError('LEAD.NOT_CLOSED', 'conflict', `The lead is ${status}; only closed leads can be reopened.`, { leadStatus: status }),
  closureNoteRequired: (reasonLabel: string) =>
    new DomainError('LEAD.CLOSURE_NOTE_REQUIRED', 'invalid', `Closing a lead for this reason (${reasonLabel}) needs a note saying why.`, { reasonLabel }),
  closureForbidden: () =>
    new DomainError('LEAD.CLOSURE_FORBIDDEN', 'forbidden', "Only the lead's owner or an admin of its pool (or a pool above it) may close or reopen it."),
  samePool: () => new DomainError('LEAD.ALREADY_IN_POOL', 'conflict', 'The lead is already in that pool.'),
  notPoolAdmin: () => new DomainError('LEAD.NOT_POOL_ADMIN', 'forbidden', "Only admins of the lead's pool (or a pool above it) may move it [线索池管理员]."),
  ownerNotActive: () => new DomainError('LEAD.OWNER_NOT_ACTIVE', 'rule-violation', 'The owner must be an active user.'),
  activityInFuture: () => new DomainError('LEAD.ACTIVITY_IN_FUTURE', 'invalid', 'occurredAt lies in the future.'),
  outcomeRequired: () => new DomainError('LEAD.OUTCOME_REQUIRED', 'invalid', 'A call-outcome activity needs an outcome [外呼结果]; other kinds take none.'),
  alreadyOwned: () =>
    new DomainError('LEAD.ALREADY_OWNED', 'conflict', 'Someone already owns this lead; only leads waiting in a pool can be claimed [已被领取].'),
  alreadyOwner: () => new DomainError('LEAD.ALREADY_OWNER', 'conflict', 'The lead is already theirs.'),
  notOwned: () => new DomainError('LEAD.NOT_OWNED', 'conflict', 'Nobody owns this lead.'),
  notAssignable: () =>
    new DomainError('LEAD.OWNER_NOT_IN_POOL', 'rule-violation', "The owner must be an active member or admin of the lead's pool or a pool above it."),
  claimNotMember: () => new DomainError('LEAD.CLAIM_NOT_MEMBER', 'forbidden', "Only members of the lead's pool (or a pool above it) may claim it [抢单]."),
  claimLimitHeld: (maxHeld: number) =>
    new DomainError('LEAD.CLAIM_LIMIT_HELD', 'rule-violation', `You already hold ${maxHeld} open leads from this pool, its limit [持有上限].`, { maxHeld }),
  claimLimitDaily: (maxClaimsPerDay: number) =>
    new DomainError('LEAD.CLAIM_LIMIT_DAILY', 'rule-violation', `You claimed ${maxClaimsPerDay} leads from this pool today, its daily limit [每日领取上限].`, {
      maxClaimsPerDay,
    }),
  claimCoolingDown: (until: string) =>
    new DomainError('LEAD.CLAIM_COOLING_DOWN', 'rule-violation', `This lead was recycled from you; you may claim it again after ${until} [冷却期].`, { until }),
  notYours: () => new DomainError('LEAD.NOT_YOURS', 'forbidden', "Only the lead's owner or an admin of its pool may convert it; claim it first."),
  conversionForbidden: (permission: string) =>
    new DomainError('LEAD.CONVERSION_FORBIDDEN', 'forbidden', `Converting this lead needs the ${permission} permission.`, { permission }),
  conversionNeedsName: () =>
    new DomainError('LEAD.CONVERSION_NEEDS_NAME', 'invalid', 'The lead has neither a company nor a person name: give customerName to convert it.'),
  customerExists: (candidates: { id: string; name: string; matchedOn: string; heldBy: string }[]) =>
    new DomainError('LEAD.CUSTOMER_EXISTS', 'conflict', 'The customer already exists and is held by someone else; see `candidates` [客户已存在].', {
      candidates,
    }),
  contactExists: () =>
    new DomainError('LEAD.CONTACT_EXISTS', 'conflict', 'A contact with this mobile or e-mail already exists outside your reach [联系人已存在].'),
  invalidAssignmentRules: (problems: string[]) =>
    new DomainError('LEAD_POOL.INVALID_ASSIGNMENT_RULES', 'invalid', `Invalid assignment rules: ${problems.join('; ')}`, { problems }),
  invalidScoringRules: (detail: string) => new DomainError('LEAD.INVALID_SCORING_RULES', 'invalid', detail),
};

export const LeadPoolErrors = {
  notFound: () => new NotFoundError('LEAD_POOL.NOT_FOUND', 'No such lead pool [线索池] (or you are not in it).'),
  notAdmin: () => new DomainError('LEAD_POOL.NOT_ADMIN', 'forbidden', 'Only admins of this pool or a pool above it may change it or add sub-pools.'),
  rootNeedsAdmin: () =>
    new DomainError('LEAD_POOL.ROOT_NEEDS_ADMIN', 'forbidden', 'Only administrators who see every lead may create a top-level pool; give a parentId.'),
  tooDeep: (maxDepth: number) =>
    new DomainError('LEAD_POOL.TOO_DEEP', 'rule-violation', `This pool tree allows at most ${maxDepth} levels [线索池层级].`, { maxDepth }),
  depthBelowTree: (deepest: number) =>
    new DomainError('LEAD_POOL.DEPTH_BELOW_TREE', 'rule-violation', `The tree already has ${deepest} levels; maxDepth cannot be lower.`, { deepest }),
  maxDepthOnRootOnly: () => new DomainError('LEAD_POOL.MAX_DEPTH_ON_ROOT_ONLY', 'invalid', 'maxDepth is set on the top-level pool of a tree.'),
  nameTaken: () => new DomainError('LEAD_POOL.NAME_TAKEN', 'conflict', 'A pool with this name already exists at this place in the tree.'),
  inactiveUsers: (userIds: string[]) => new DomainError('LEAD_POOL.INACTIVE_USERS', 'rule-violation', 'Members and admins must be active users.', { userIds }),
};
