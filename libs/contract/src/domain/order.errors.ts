import { DomainError, NotFoundError } from '@crm/kernel';

/** A reason the hand-off [转案] is refused; all of them are listed at once. */
export interface HandOffBlocker {
  code: string;
  message: string;
  [fact: string]: string | number | null;
}

export const OrderErrors = {
  notFound: () => new NotFoundError('ORDER.NOT_FOUND', 'No such order, or outside your data scope.'),
  priceNotFound: (productIds: string[]) =>
    new DomainError(
      'ORDER.PRICE_NOT_FOUND',
      'rule-violation',
      'No price for these products in the price list at the order date; give a manual price with a reason.',
      {
        productIds,
      },
    ),
  manualPriceForbidden: () =>
    new DomainError('ORDER.MANUAL_PRICE_FORBIDDEN', 'forbidden', 'A manual price [手工改价] needs the order:manual-price permission.'),
  manualPriceReasonRequired: () => new DomainError('ORDER.MANUAL_PRICE_REASON_REQUIRED', 'rule-violation', 'A manual price needs a reason.'),
  tooLarge: () => new DomainError('ORDER.AMOUNT_TOO_LARGE', 'rule-violation', 'An amount does not fit numeric(18,2).'),
  locked: (status: string) =>
    new DomainError('ORDER.LOCKED', 'conflict', 'The order is approved or in approval: its lines and prices are locked [已锁定].', { orderStatus: status }),
  illegalTransition: (status: string, action: string) =>
    new DomainError('ORDER.ILLEGAL_TRANSITION', 'conflict', `Cannot ${action} an order that is ${status}.`, { orderStatus: status }),
  noLines: () => new DomainError('ORDER.NO_LINES', 'rule-violation', 'An order has at least one line.'),
  exceedsOpenAmount: (openAmount: string) =>
    new DomainError(
      'ORDER.PAYMENT_EXCEEDS_OPEN_AMOUNT',
      'rule-violation',
      `The payment exceeds the open amount ${openAmount}; confirm an over-payment explicitly.`,
      {
        openAmount,
      },
    ),
  handOffBlocked: (reasons: HandOffBlocker[]) =>
    new DomainError('ORDER.HAND_OFF_BLOCKED', 'rule-violation', `The hand-off is blocked: ${reasons.map((reason) => reason.code).join(', ')}.`, { reasons }),
  alreadyHandedOff: () => new DomainError('ORDER.ALREADY_HANDED_OFF', 'conflict', 'The order was handed off already.'),
  opportunityMismatch: () =>
    new DomainError('ORDER.OPPORTUNITY_NOT_OF_CUSTOMER', 'rule-violation', 'The opportunity is unknown or belongs to another customer.'),
  currencyMismatch: () => new DomainError('ORDER.CURRENCY_MISMATCH', 'rule-violation', 'The amount is in another currency than the order.'),
  amountNotPositive: () => new DomainError('ORDER.AMOUNT_NOT_POSITIVE', 'rule-violation', 'A payment amount is greater than zero.'),
  contractNotFound: () => new NotFoundError('ORDER.CONTRACT_NOT_FOUND', 'No such contract, or outside your data scope.'),
  contractOfAnotherCustomer: () => new DomainError('ORDER.CONTRACT_OF_ANOTHER_CUSTOMER', 'rule-violation', 'The contract is with another customer.'),
  contractNotInForce: (status: string) =>
    new DomainError('ORDER.CONTRACT_NOT_IN_FORCE', 'rule-violation', 'Orders are placed only under approved or executing contracts.', {
      contractStatus: status,
    }),
  exceedsContractAmount: (contractAmount: string, orderedAmount: string, remainingAmount: string) =>
    new DomainError('ORDER.EXCEEDS_CONTRACT_AMOUNT', 'rule-violation', `The orders of this contract would exceed its amount ${contractAmount}.`, {
      contractAmount,
      orderedAmount,
      remainingAmount,
    }),
  paymentNotFound: () => new NotFoundError('ORDER.PAYMENT_NOT_FOUND', 'No such payment on this order.'),
  paymentReversed: () => new DomainError('ORDER.PAYMENT_ALREADY_REVERSED', 'conflict', 'The payment was reversed already.'),
  paymentFromBank: () =>
    new DomainError(
      'ORDER.PAYMENT_FROM_BANK',
      'conflict',
      'The payment was reconciled from a bank transaction: undo the match in the bank queue instead (POST /api/v1/bank-transactions/{id}/undo).',
    ),
  paymentOfHandedOffOrder: () =>
    new DomainError('ORDER.PAYMENT_OF_HANDED_OFF_ORDER', 'conflict', 'The order was handed off [已转案]: its payments no longer change.'),
};
