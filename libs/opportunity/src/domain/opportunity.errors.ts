import { DomainError, NotFoundError } from '@crm/kernel';
import type { RequirableField } from './opportunity.types.js';

/** Stable error codes of the Opportunity context. */
export const OpportunityErrors = {
  notFound: () => new NotFoundError('OPPORTUNITY.NOT_FOUND', 'No such opportunity [商机] (or it is outside your data scope).'),
  contactNotFound: (contactIds: string[]) =>
    new DomainError('OPPORTUNITY.CONTACT_NOT_FOUND', 'not-found', 'No such contact [联系人] at this customer (or it is outside your data scope).', {
      contactIds,
    }),
  pipelineNotFound: () => new NotFoundError('OPPORTUNITY.PIPELINE_NOT_FOUND', 'No such pipeline [销售流程].'),
  unknownPipeline: () => new DomainError('OPPORTUNITY.UNKNOWN_PIPELINE', 'rule-violation', 'The pipeline [销售流程] does not exist.'),
  invalidPipeline: (detail: string) => new DomainError('OPPORTUNITY.INVALID_PIPELINE', 'invalid', detail),
  pipelineNameTaken: (name: string) => new DomainError('OPPORTUNITY.PIPELINE_NAME_TAKEN', 'conflict', `A pipeline named ${name} exists.`),
  defaultPipelineRequired: () =>
    new DomainError('OPPORTUNITY.DEFAULT_PIPELINE_REQUIRED', 'rule-violation', 'One pipeline is always the default: make another one the default instead.'),
  stageInUse: (stageId: string, stageName: string, openOpportunities: number) =>
    new DomainError(
      'OPPORTUNITY.STAGE_IN_USE',
      'conflict',
      `Stage ${stageName} still has ${openOpportunities} open opportunities: give a \`moveTo\` stage for them.`,
      { stageId, openOpportunities },
    ),
  lossReasonExists: (name: string) => new DomainError('OPPORTUNITY.LOSS_REASON_EXISTS', 'conflict', `Loss reason ${name} exists.`),
  unknownLossReason: () =>
    new DomainError('OPPORTUNITY.UNKNOWN_LOSS_REASON', 'rule-violation', 'No such loss reason [输单原因] (see GET /api/v1/loss-reasons).'),
  lossReasonRequired: () => new DomainError('OPPORTUNITY.LOSS_REASON_REQUIRED', 'rule-violation', 'Losing an opportunity [输单] needs a loss reason.'),
  lossDetailsOnlyWhenLost: () =>
    new DomainError('OPPORTUNITY.LOSS_DETAILS_ONLY_WHEN_LOST', 'invalid', '`lossReasonId` and `lostTo` go only with a move to the lost stage.'),
  unknownStage: () => new DomainError('OPPORTUNITY.UNKNOWN_STAGE', 'rule-violation', "The stage is not one of this opportunity's pipeline stages."),
  alreadyInStage: () => new DomainError('OPPORTUNITY.ALREADY_IN_STAGE', 'conflict', 'The opportunity is already in that stage.'),
  closed: (facts: { opportunityStatus: string; stageId: string; stageName: string | null; closedAt: string | null }) =>
    new DomainError('OPPORTUNITY.CLOSED', 'conflict', `The opportunity is ${facts.opportunityStatus}: won and lost are final.`, facts),
  moveBackNotAllowed: (stageName: string) =>
    new DomainError('OPPORTUNITY.MOVE_BACK_NOT_ALLOWED', 'rule-violation', `Stage ${stageName} does not allow moving back to an earlier stage.`),
  requirementsMissing: (stageId: string, stageName: string, missingFields: RequirableField[]) =>
    new DomainError('OPPORTUNITY.STAGE_REQUIREMENTS_MISSING', 'rule-violation', `Entering ${stageName} requires: ${missingFields.join(', ')} [阶段准入条件].`, {
      stageId,
      missingFields,
    }),
  probabilityReasonRequired: () =>
    new DomainError('OPPORTUNITY.PROBABILITY_REASON_REQUIRED', 'rule-violation', "Overriding the stage's win probability needs a reason."),
  onlyOwnerOverridesProbability: () =>
    new DomainError('OPPORTUNITY.ONLY_OWNER_OVERRIDES_PROBABILITY', 'forbidden', 'Only the owner may override the win probability [赢率].'),
  probabilityFixed: () => new DomainError('OPPORTUNITY.PROBABILITY_FIXED', 'rule-violation', 'Won and lost stages have a fixed probability (100 and 0).'),
  previousRequired: () =>
    new DomainError('OPPORTUNITY.PREVIOUS_OPPORTUNITY_REQUIRED', 'rule-violation', 'A renewal [续费] or upsell [增购] names the opportunity it follows.'),
  previousNotApplicable: () =>
    new DomainError('OPPORTUNITY.PREVIOUS_OPPORTUNITY_NOT_APPLICABLE', 'invalid', 'Only renewals and upsells name a previous opportunity.'),
  previousInvalid: () =>
    new DomainError(
      'OPPORTUNITY.PREVIOUS_OPPORTUNITY_INVALID',
      'rule-violation',
      'The previous opportunity must be a won opportunity [赢单] of the same customer.',
    ),
  amountFollowsLines: () =>
    new DomainError(
      'OPPORTUNITY.AMOUNT_FOLLOWS_LINES',
      'rule-violation',
      'The amount follows the product lines; send `amountFollowsLines: false` to set it by hand.',
    ),
  invalidAmount: (field: string) =>
    new DomainError('OPPORTUNITY.INVALID_AMOUNT', 'invalid', `${field} is not a decimal string with at most 16 digits and 2 decimals.`),
  invalidProductLine: (productId: string) =>
    new DomainError(
      'OPPORTUNITY.INVALID_PRODUCT_LINE',
      'invalid',
      `Product ${productId}: quantity is positive with up to 4 decimals, unit price a decimal string, discount a percent 0..100.`,
    ),
  amountTooLarge: () => new DomainError('OPPORTUNITY.AMOUNT_TOO_LARGE', 'rule-violation', 'The amount has more than 16 digits before the decimal point.'),
  duplicateProduct: (productId: string) =>
    new DomainError('OPPORTUNITY.DUPLICATE_PRODUCT', 'invalid', `Product ${productId} appears twice; put it on one line.`),
  duplicateCompetitor: (company: string) => new DomainError('OPPORTUNITY.DUPLICATE_COMPETITOR', 'invalid', `Competitor ${company} appears twice.`),
  ownerNotAssignable: () => new DomainError('OPPORTUNITY.OWNER_NOT_ASSIGNABLE', 'rule-violation', 'The owner must be an active user within your data scope.'),
  ownerCannotWorkCustomer: () =>
    new DomainError(
      'OPPORTUNITY.OWNER_CANNOT_WORK_CUSTOMER',
      'rule-violation',
      "The new owner does not work this opportunity's customer: give them the customer first (POST /api/v1/pool/transfers).",
    ),
  readOnly: () => new DomainError('OPPORTUNITY.READ_ONLY', 'forbidden', 'You collaborate on this opportunity with read access only.'),
  notOwnerOrManager: () =>
    new DomainError('OPPORTUNITY.NOT_OWNER_OR_MANAGER', 'forbidden', 'Only the owner, or a manager with the owner in scope, may do this.'),
  transferTargetInvalid: () =>
    new DomainError(
      'OPPORTUNITY.TRANSFER_TARGET_INVALID',
      'rule-violation',
      'Transfer [转派] to an active user within your data scope, other than the current owner.',
    ),
  collaboratorInvalid: () =>
    new DomainError('OPPORTUNITY.COLLABORATOR_INVALID', 'rule-violation', 'A collaborator [协作人] is an active user other than the owner.'),
  collaboratorNotFound: () => new NotFoundError('OPPORTUNITY.COLLABORATOR_NOT_FOUND', 'That user is not a collaborator on this opportunity.'),
  expiryInPast: () => new DomainError('OPPORTUNITY.EXPIRY_IN_PAST', 'rule-violation', 'Access must expire in the future.'),
  activityInFuture: () => new DomainError('OPPORTUNITY.ACTIVITY_IN_FUTURE', 'rule-violation', 'An activity [拜访记录] cannot have happened in the future.'),
  invalidPeriod: (period: string) => new DomainError('OPPORTUNITY.INVALID_PERIOD', 'invalid', `${period} is not a month (2026-01) or a quarter (2026-Q1).`),
  forecastOwnerNotFound: () =>
    new NotFoundError('OPPORTUNITY.FORECAST_OWNER_NOT_FOUND', 'No such active person within your data scope whose forecast you could adjust.'),
  ownForecast: () =>
    new DomainError(
      'OPPORTUNITY.OWN_FORECAST',
      'forbidden',
      "An adjustment [预测调整] is a superior's judgement on someone else's forecast: your own is adjusted by your manager.",
    ),
  targetNotFound: () => new NotFoundError('OPPORTUNITY.TARGET_NOT_FOUND', 'No such target [目标] (or it is not yours or your team’s to see).'),
  targetSubjectNotFound: () =>
    new NotFoundError('OPPORTUNITY.TARGET_SUBJECT_NOT_FOUND', 'No such active person, team or department within your data scope to set a target for.'),
  ownTarget: () => new DomainError('OPPORTUNITY.OWN_TARGET', 'forbidden', 'Your own target [目标] is set by your superior.'),
  targetExists: (id: string) =>
    new DomainError('OPPORTUNITY.TARGET_EXISTS', 'conflict', 'There is a target for this subject, period and metric: change it (PATCH) instead.', {
      targetId: id,
    }),
  invalidTarget: (detail: string) => new DomainError('OPPORTUNITY.INVALID_TARGET', 'invalid', detail),
  coverageNeedsAmount: () =>
    new DomainError('OPPORTUNITY.COVERAGE_NEEDS_WON_AMOUNT', 'rule-violation', 'Pipeline coverage [商机覆盖] compares amounts: it is for won-amount targets.'),
  taskNotFound: () => new NotFoundError('OPPORTUNITY.TASK_NOT_FOUND', 'No such task [任务] (or not yours, nor assigned within your scope).'),
  taskLeadNotOpen: (status: string) =>
    new DomainError('OPPORTUNITY.TASK_LEAD_NOT_OPEN', 'conflict', `The lead is ${status}; tasks are planned on open leads only.`, { leadStatus: status }),
  taskSubjectRequired: () =>
    new DomainError(
      'OPPORTUNITY.TASK_SUBJECT_REQUIRED',
      'invalid',
      'A task is about exactly one opportunity or one customer: give opportunityId or customerId.',
    ),
  taskAssigneeInvalid: () =>
    new DomainError('OPPORTUNITY.TASK_ASSIGNEE_INVALID', 'rule-violation', 'Assign a task to yourself or to an active person within your scope.'),
  taskClosed: () => new DomainError('OPPORTUNITY.TASK_CLOSED', 'conflict', 'The task is closed already.'),
  taskActivityNeedsOpportunity: () =>
    new DomainError(
      'OPPORTUNITY.TASK_ACTIVITY_NEEDS_OPPORTUNITY',
      'rule-violation',
      'Only a task on an opportunity records an activity [拜访记录] when closed.',
    ),
};
