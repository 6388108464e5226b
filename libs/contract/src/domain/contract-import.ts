import { DomainError, NotFoundError, spreadsheetDate } from '@crm/kernel';
import type { InstalmentInput } from './contract.aggregate.js';
import { CONTRACT_TYPES, DEFAULT_CURRENCY, PAYMENT_METHODS, type ContractType, type PaymentMethod } from './contract.types.js';

/**
 * One row of a contract import file [合同导入] as the input of a draft contract, or the reason it is
 * rejected (a stable code and the column). Amounts stay decimal strings (an XLSX number cell is
 * read as its shortest decimal text); the aggregate checks them as it checks the API's.
 */

type Field =
  | 'number'
  | 'name'
  | 'type'
  | 'signingParty'
  | 'customerId'
  | 'customerName'
  | 'amount'
  | 'currency'
  | 'quantity'
  | 'paymentMethod'
  | 'startDate'
  | 'endDate'
  | 'ownerId'
  | 'instalments';

/** A column: a field, or one part of the n-th instalment (`instalment2_due`, `第2期金额`). */
export type Column = { field: Field } | { instalment: number; part: 'due' | 'amount' | 'note' } | null;

/** Headings understood, English or Chinese, compared without case, spaces, dashes or underscores. */
const HEADINGS: Record<Field, string[]> = {
  number: ['number', 'contractnumber', 'contractno', '合同编号', '编号'],
  name: ['name', 'contractname', '合同名称', '名称'],
  type: ['type', 'contracttype', '合同类型', '类型'],
  signingParty: ['signingparty', '签约主体', '我方签约主体'],
  customerId: ['customerid', '客户id', '客户编号'],
  customerName: ['customer', 'customername', '客户', '客户名称'],
  amount: ['amount', 'contractamount', '合同金额', '金额'],
  currency: ['currency', '币种', '币别'],
  quantity: ['quantity', '数量'],
  paymentMethod: ['paymentmethod', '付款方式'],
  startDate: ['startdate', 'start', '开始日期', '生效日期'],
  endDate: ['enddate', 'end', '结束日期', '到期日期'],
  ownerId: ['ownerid', 'owner', '负责人', '负责人id'],
  instalments: ['instalments', 'installments', 'paymentplan', '回款计划'],
};

/** Chinese words for contract types and payment methods, besides the API's own values. */
const TYPE_WORDS: Record<string, ContractType> = { 标准合同: 'standard', 框架合同: 'framework', 续约合同: 'renewal', 补充协议: 'supplementary' };
const METHOD_WORDS: Record<string, PaymentMethod> = {
  银行转账: 'bank-transfer',
  现金: 'cash',
  支票: 'cheque',
  承兑汇票: 'acceptance-bill',
  在线支付: 'online',
  其他: 'other',
};

const headingKey = (heading: string) =>
  heading
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-.]/g, '');
const BY_HEADING = new Map(Object.entries(HEADINGS).flatMap(([field, names]) => names.map((name) => [name, field as Field])));
const INSTALMENT_HEADING = /^(?:instalment|installment|第)(\d{1,2})(?:期)?(due|duedate|amount|note|到期日|到期日期|金额|备注)$/;
const INSTALMENT_PARTS: Record<string, 'due' | 'amount' | 'note'> = {
  due: 'due',
  duedate: 'due',
  到期日: 'due',
  到期日期: 'due',
  amount: 'amount',
  金额: 'amount',
  note: 'note',
  备注: 'note',
};

/** What each column feeds; a file without the name, amount and a customer column is refused. */
export function columnsOf(headings: readonly string[]): Column[] {
  const columns = headings.map((heading): Column => {
    const key = headingKey(String(heading ?? ''));
    const field = BY_HEADING.get(key);
    if (field) return { field };
    const instalment = INSTALMENT_HEADING.exec(key);
    return instalment ? { instalment: Number(instalment[1]), part: INSTALMENT_PARTS[instalment[2]!]! } : null;
  });
  const fields = new Set(columns.flatMap((column) => (column && 'field' in column ? [column.field] : [])));
  if (!fields.has('name') || !fields.has('amount') || (!fields.has('customerId') && !fields.has('customerName'))) throw ContractImportErrors.missingColumns();
  return columns;
}

export interface ImportedContract {
  /** The number in the file (kept), or null: numbered by the pattern. */
  number: string | null;
  name: string;
  type: ContractType;
  signingParty: string;
  customer: { id: string } | { name: string };
  amount: string;
  currency: string;
  quantity: string | null;
  paymentMethod: PaymentMethod | null;
  startDate: string | null;
  endDate: string | null;
  ownerId: string | null;
  instalments: InstalmentInput[];
}

export interface RowProblem {
  code: string;
  field: string | null;
}

export type ParsedContractRow = { ok: true; contract: ImportedContract } | { ok: false; problem: RowProblem };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMITS: Partial<Record<Field, number>> = { number: 64, name: 200, signingParty: 200, customerName: 200, instalments: 4000 };

/** `YYYY-MM-DD` (also `YYYY/M/D`, and an XLSX date cell, read as UTC midnight), or undefined. */
const dateOf = (text: string): string | undefined => spreadsheetDate(text);

/** A date cell: its text, or an XLSX date's serial day number (the kernel's `spreadsheetDate`). */
const dateOfCell = (raw: unknown, text: string): string | undefined => spreadsheetDate(typeof raw === 'number' ? raw : text);

/** The decimal text of a cell: as written for text, the shortest round-trip text for an XLSX number. */
function decimalText(raw: unknown, text: string): string {
  return typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : text.replace(/^[¥￥]/, '');
}

const fail = (code: string, field: string | null): ParsedContractRow => ({ ok: false, problem: { code, field } });

/**
 * A row's cells (in column order) as a contract. Instalments come from `instalmentN_due` /
 * `instalmentN_amount` (/ `instalmentN_note`) column pairs, or from one `instalments` cell in the
 * compact form `2026-03-31=5000.00; 2026-06-30=5000.00` (`:` works too); both forms add up.
 */
export function parseRow(cells: readonly unknown[], columns: readonly Column[]): ParsedContractRow {
  const values = new Map<Field, { raw: unknown; text: string }>();
  const instalments = new Map<number, { due?: string | undefined; dueRaw?: unknown; amount?: string; note?: string }>();
  for (const [index, column] of columns.entries()) {
    if (!column) continue;
    const raw = cells[index];
    const text = raw === null || raw === undefined ? '' : String(raw).trim();
    if (text === '') continue;
    if ('field' in column) {
      if (text.length > (LIMITS[column.field] ?? 100)) return fail('CONTRACT_IMPORT.VALUE_TOO_LONG', column.field);
      values.set(column.field, { raw, text });
      continue;
    }
    const entry = instalments.get(column.instalment) ?? {};
    if (column.part === 'due') entry.dueRaw = raw;
    entry[column.part] = column.part === 'amount' ? decimalText(raw, text) : text;
    instalments.set(column.instalment, entry);
  }
  const text = (field: Field) => values.get(field)?.text;

  const name = text('name');
  if (!name) return fail('CONTRACT_IMPORT.VALUE_REQUIRED', 'name');
  const signingParty = text('signingParty');
  if (!signingParty) return fail('CONTRACT_IMPORT.VALUE_REQUIRED', 'signingParty');
  const customerId = text('customerId');
  const customerName = text('customerName');
  if (customerId && !UUID.test(customerId)) return fail('CONTRACT_IMPORT.CUSTOMER_NOT_FOUND', 'customerId');
  if (!customerId && !customerName) return fail('CONTRACT_IMPORT.VALUE_REQUIRED', 'customer');
  const amount = values.get('amount');
  if (!amount) return fail('CONTRACT_IMPORT.VALUE_REQUIRED', 'amount');

  const typeText = text('type') ?? 'standard';
  const type = (CONTRACT_TYPES as readonly string[]).includes(typeText) ? (typeText as ContractType) : TYPE_WORDS[typeText];
  if (!type) return fail('CONTRACT_IMPORT.INVALID_VALUE', 'type');
  const methodText = text('paymentMethod');
  const paymentMethod = methodText
    ? (PAYMENT_METHODS as readonly string[]).includes(methodText)
      ? (methodText as PaymentMethod)
      : METHOD_WORDS[methodText]
    : null;
  if (paymentMethod === undefined) return fail('CONTRACT_IMPORT.INVALID_VALUE', 'paymentMethod');
  const currency = (text('currency') ?? DEFAULT_CURRENCY).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return fail('CONTRACT_IMPORT.INVALID_VALUE', 'currency');

  const dates: Partial<Record<'startDate' | 'endDate', string | null>> = {};
  for (const field of ['startDate', 'endDate'] as const) {
    const value = values.get(field);
    dates[field] = value ? dateOfCell(value.raw, value.text) : null;
    if (dates[field] === undefined) return fail('CONTRACT_IMPORT.INVALID_DATE', field);
  }
  const ownerId = text('ownerId') ?? null;
  if (ownerId && !UUID.test(ownerId)) return fail('CONTRACT.OWNER_NOT_ASSIGNABLE', 'ownerId');

  const plan: InstalmentInput[] = [];
  for (const [n, entry] of [...instalments.entries()].sort(([a], [b]) => a - b)) {
    if (!entry.due && !entry.amount) continue;
    const dueDate = entry.due ? dateOfCell(entry.dueRaw, entry.due) : undefined;
    if (!dueDate) return fail('CONTRACT_IMPORT.INVALID_DATE', `instalment${n}_due`);
    if (!entry.amount) return fail('CONTRACT_IMPORT.VALUE_REQUIRED', `instalment${n}_amount`);
    plan.push({ dueDate, amount: entry.amount, note: entry.note ?? null });
  }
  const compact = text('instalments');
  if (compact) {
    for (const part of compact
      .split(/[;；\n]/)
      .map((item) => item.trim())
      .filter(Boolean)) {
      const match = /^(\S+?)\s*[=:：]\s*(\S+)$/.exec(part);
      const dueDate = match ? dateOf(match[1]!) : undefined;
      if (!match || !dueDate) return fail('CONTRACT_IMPORT.INVALID_INSTALMENTS', 'instalments');
      plan.push({ dueDate, amount: match[2]!.replace(/^[¥￥]/, ''), note: null });
    }
  }

  return {
    ok: true,
    contract: {
      number: text('number') ?? null,
      name,
      type,
      signingParty,
      customer: customerId ? { id: customerId.toLowerCase() } : { name: customerName! },
      amount: decimalText(amount.raw, amount.text),
      currency,
      quantity: values.has('quantity') ? decimalText(values.get('quantity')!.raw, text('quantity')!) : null,
      paymentMethod,
      startDate: dates.startDate ?? null,
      endDate: dates.endDate ?? null,
      ownerId: ownerId?.toLowerCase() ?? null,
      instalments: plan,
    },
  };
}

/** The column a domain problem of the aggregate is about, for the report. */
export function fieldOfProblem(error: DomainError): string | null {
  switch (error.code) {
    case 'CONTRACT.INVALID_AMOUNT':
      return error.message.startsWith('quantity') ? 'quantity' : 'amount';
    case 'CONTRACT.INVALID_INSTALMENT':
    case 'CONTRACT.PLAN_MISMATCH':
      return 'instalments';
    case 'CONTRACT.INVALID_PERIOD':
      return 'endDate';
    case 'CONTRACT.OWNER_NOT_ASSIGNABLE':
      return 'ownerId';
    default:
      return null;
  }
}

export const ContractImportErrors = {
  notFound: () => new NotFoundError('CONTRACT_IMPORT.NOT_FOUND', 'No such contract import (or its creator is outside your data scope).'),
  unsupportedFormat: () => new DomainError('CONTRACT_IMPORT.UNSUPPORTED_FORMAT', 'invalid', 'Send a .csv or .xlsx file in the `file` part.'),
  missingColumns: () =>
    new DomainError(
      'CONTRACT_IMPORT.MISSING_COLUMNS',
      'invalid',
      'The heading row needs at least the contract name, the amount and the customer (合同名称, 合同金额, 客户 / 客户ID, or name, amount, customer / customerId).',
    ),
};
