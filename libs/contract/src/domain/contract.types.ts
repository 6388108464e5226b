/** Kinds of contract [合同类型]: a framework contract [框架合同] is executed in batches of orders and routes approval differently. */
export const CONTRACT_TYPES = ['standard', 'framework', 'renewal', 'supplementary'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/**
 * Where a contract stands [合同状态]: draft [草稿] → in approval [审批中] → approved [已审批] →
 * executing [执行中] ⇄ suspended [已暂停] → completed [已完成]; voided [已作废] with a reason;
 * archived [已归档] once completed or voided.
 */
export const CONTRACT_STATUSES = ['draft', 'in-approval', 'approved', 'executing', 'suspended', 'completed', 'voided', 'archived'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** How the customer pays [付款方式]. */
export const PAYMENT_METHODS = ['bank-transfer', 'cash', 'cheque', 'acceptance-bill', 'online', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A version of the terms: the draft, one in approval, the current one, or one that did not become current. */
export const VERSION_STATUSES = ['draft', 'in-approval', 'current', 'superseded', 'rejected', 'recalled', 'withdrawn'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const DEFAULT_CURRENCY = 'CNY';
