import { DomainError, NotFoundError } from '@crm/kernel';

/** Stable error codes of the Customer context. */
export const CustomerErrors = {
  notFound: () => new NotFoundError('CUSTOMER.NOT_FOUND', 'No such customer (or it is outside your data scope).'),
  notOwned: () =>
    new DomainError('CUSTOMER.NOT_OWNED', 'forbidden', 'This customer is in the public pool [公海] or held by someone outside your scope; claim it first.'),
  invalidCreditCode: (code: string) =>
    new DomainError('CUSTOMER.INVALID_CREDIT_CODE', 'invalid', `${code} is not a valid unified social credit code [统一社会信用代码].`),
  creditCodeForIndividual: () => new DomainError('CUSTOMER.CREDIT_CODE_NOT_APPLICABLE', 'invalid', 'Individual customers have no credit code.'),
  parentForIndividual: () => new DomainError('CUSTOMER.PARENT_NOT_APPLICABLE', 'invalid', 'Only enterprise customers have a parent customer.'),
  parentIsSelf: () => new DomainError('CUSTOMER.PARENT_CYCLE', 'rule-violation', 'A customer cannot be its own parent.'),
  parentCycle: () => new DomainError('CUSTOMER.PARENT_CYCLE', 'rule-violation', 'That parent is already a subsidiary of this customer.'),
  parentNotFound: () =>
    new DomainError('CUSTOMER.PARENT_NOT_FOUND', 'rule-violation', 'The parent customer does not exist (or it is outside your data scope).'),
  individualType: () => new DomainError('CUSTOMER.TYPE_MISMATCH', 'invalid', 'Individual customers have type `individual`, enterprises another type.'),
  followUpInFuture: () => new DomainError('CUSTOMER.FOLLOW_UP_IN_FUTURE', 'rule-violation', 'A follow-up cannot have happened in the future.'),
  duplicate: (candidates: DuplicateCandidate[]) =>
    new DomainError('CUSTOMER.DUPLICATE', 'conflict', 'This customer already exists [客户已存在]; see `candidates`.', {
      candidates,
    }),
  ambiguousGradeRule: (type: string | null, size: string | null) =>
    new DomainError('CUSTOMER.GRADE_RULE_AMBIGUOUS', 'invalid', `More than one rule for type ${type ?? '*'} and size ${size ?? '*'}.`),
  ownerNotAssignable: () => new DomainError('CUSTOMER.OWNER_NOT_ASSIGNABLE', 'rule-violation', 'You can only assign customers to active users in your scope.'),
};

/** An existing customer a new one would duplicate, with no more detail than the caller may see. */
export interface DuplicateCandidate {
  id: string;
  name: string;
  matchedOn: 'credit-code' | 'name' | 'phone' | 'similar-name';
  similarity: number;
  /** `you`, `someone-else` or `nobody` (in the public pool). */
  heldBy: 'you' | 'someone-else' | 'nobody';
}
