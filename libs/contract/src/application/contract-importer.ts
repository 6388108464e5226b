import { rm } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@crm/kernel';
import { FindWorkableCustomersQuery } from '@crm/contracts/customer';
import { csvRows, UnitOfWork, xlsxRows, type Actor, type FileRow } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { checkedTerms, Contract } from '../domain/contract.aggregate.js';
import { columnsOf, fieldOfProblem, parseRow, type Column, type ImportedContract } from '../domain/contract-import.js';
import { Contracts } from '../domain/contracts.port.js';
import { ContractImportStore, type ContractImportRow } from '../infrastructure/contract-import-store.js';
import { ContractSettingsStore } from '../infrastructure/contract-settings.store.js';
import { ContractReferences } from './contract-references.js';

/** Rows per transaction: a batch's numbers stay locked until it commits, so keep it modest. */
const IMPORT_BATCH = 200;

/**
 * Runs a contract import [合同导入] after its upload committed: the file is streamed row by row
 * (the platform's CSV / XLSX readers) and taken in batches, each its own transaction. Every row is
 * a draft contract made exactly as `POST /api/v1/contracts` makes one (same checks, numbering and
 * `contract.created.v1`), or a report line saying why not. Customers are resolved per batch in one
 * query to the Customer context, among those the importer works, so a customer of someone else
 * reads as unknown.
 */
@Injectable()
export class ContractImporter {
  private readonly logger = new Logger('ContractImporter');

  constructor(
    private readonly contracts: Contracts,
    private readonly settings: ContractSettingsStore,
    private readonly references: ContractReferences,
    private readonly store: ContractImportStore,
    private readonly queries: QueryBus,
    private readonly uow: UnitOfWork,
  ) {}

  /** Processes the file to the end; the import says how it went. The file is removed after. */
  async run(actor: Actor, importId: string, filePath: string): Promise<void> {
    try {
      const record = (await this.store.find(importId))!;
      await this.store.setStatus(importId, 'processing');
      const resumeAfter = await this.store.lastRow(importId);
      const rows: AsyncGenerator<FileRow> = record.format === 'csv' ? csvRows(filePath) : xlsxRows(filePath);
      let columns: Column[] | undefined;
      let batch: FileRow[] = [];
      for await (const row of rows) {
        if (!columns) {
          columns = columnsOf(row.cells.map((cell) => String(cell ?? '')));
          continue;
        }
        if (row.number <= resumeAfter) continue;
        batch.push(row);
        if (batch.length >= IMPORT_BATCH) {
          const taken = batch;
          batch = [];
          await this.uow.run(() => this.batch(actor, importId, columns!, taken));
        }
      }
      if (batch.length > 0) await this.uow.run(() => this.batch(actor, importId, columns!, batch));
      if (!columns) columnsOf([]);
      await this.store.setStatus(importId, 'completed');
    } catch (error) {
      this.logger.warn(`Contract import ${importId} failed: ${(error as Error).message}`);
      const code = (error as { code?: string }).code;
      await this.store.setStatus(importId, 'failed', code?.startsWith('CONTRACT_IMPORT.') ? code : 'CONTRACT_IMPORT.FAILED').catch(() => undefined);
    } finally {
      await rm(filePath, { force: true }).catch(() => undefined);
    }
  }

  private async batch(actor: Actor, importId: string, columns: readonly Column[], rows: readonly FileRow[]): Promise<void> {
    const now = new Date();
    const parsed = rows.map((row) => ({ row, parsed: parseRow(row.cells, columns) }));
    const valid = parsed.flatMap(({ parsed: p }) => (p.ok ? [p.contract] : []));

    const customers = await this.queries.execute(
      new FindWorkableCustomersQuery(actor, {
        ids: [...new Set(valid.flatMap((c) => ('id' in c.customer ? [c.customer.id] : [])))],
        names: [...new Set(valid.flatMap((c) => ('name' in c.customer ? [c.customer.name] : [])))],
      }),
    );
    const taken = await this.store.takenNumbers(valid.flatMap((c) => (c.number ? [c.number] : [])));
    const owners = new Map<string, string | null>();

    const report: ContractImportRow[] = [];
    const reject = (rowNumber: number, errorCode: string, errorField: string | null, status: 'rejected' | 'skipped' = 'rejected') =>
      report.push({ rowNumber, status, contractId: null, contractNumber: null, errorCode, errorField });
    for (const { row, parsed: p } of parsed) {
      if (!p.ok) {
        reject(row.number, p.problem.code, p.problem.field);
        continue;
      }
      const input = p.contract;
      const customerId = this.customerOf(input, customers);
      if (typeof customerId !== 'string') {
        reject(row.number, customerId.code, 'id' in input.customer ? 'customerId' : 'customer');
        continue;
      }
      if (input.number && taken.has(input.number)) {
        // The same contract imported before (or a number already used): nothing is made twice.
        reject(row.number, 'CONTRACT_IMPORT.DUPLICATE_NUMBER', 'number', 'skipped');
        continue;
      }
      const ownerId = input.ownerId ?? actor.id;
      const ownerProblem = owners.has(ownerId) ? owners.get(ownerId) : await this.ownerProblem(actor, ownerId, owners);
      if (ownerProblem) {
        reject(row.number, ownerProblem, 'ownerId');
        continue;
      }
      const terms = {
        name: input.name,
        type: input.type,
        signingParty: input.signingParty,
        amount: input.amount,
        currency: input.currency,
        quantity: input.quantity,
        paymentMethod: input.paymentMethod,
        startDate: input.startDate,
        endDate: input.endDate,
        productIds: [],
        instalments: input.instalments,
      };
      try {
        checkedTerms(terms);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        reject(row.number, error.code, fieldOfProblem(error));
        continue;
      }
      // Checked first, numbered after: a rejected row takes no number from the sequence.
      const number = input.number ?? (await this.settings.nextNumber(now));
      taken.add(number);
      const contract = Contract.draft({ id: uuidv7(), versionId: uuidv7(), number, customerId, opportunityId: null, ownerId, terms, createdBy: actor.id, now });
      await this.contracts.add(contract);
      report.push({ rowNumber: row.number, status: 'created', contractId: contract.id, contractNumber: number, errorCode: null, errorField: null });
    }
    await this.store.record(importId, report);
  }

  /** The customer a row names, among those the importer works: its id, or why not. */
  private customerOf(input: ImportedContract, customers: readonly { id: string; name: string }[]): string | { code: string } {
    const customer = input.customer;
    if ('id' in customer) return customers.some((c) => c.id === customer.id) ? customer.id : { code: 'CONTRACT_IMPORT.CUSTOMER_NOT_FOUND' };
    const named = customers.filter((c) => c.name === customer.name);
    if (named.length === 1) return named[0]!.id;
    return { code: named.length === 0 ? 'CONTRACT_IMPORT.CUSTOMER_NOT_FOUND' : 'CONTRACT_IMPORT.CUSTOMER_AMBIGUOUS' };
  }

  private async ownerProblem(actor: Actor, ownerId: string, cache: Map<string, string | null>): Promise<string | null> {
    let problem: string | null = null;
    try {
      await this.references.assignableOwner(actor, ownerId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem = error.code;
    }
    cache.set(ownerId, problem);
    return problem;
  }
}
