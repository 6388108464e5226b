import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { normalizeCompanyName } from '@crm/kernel';
import { normalizeCreditCode, normalizePhone } from '../../../domain/customer-identity.js';
import type { DuplicateCandidate } from '../../../domain/customer.errors.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { FindDuplicateCustomersQuery } from './find-duplicate-customers.query.js';

const MAX_CANDIDATES = 10;

@QueryHandler(FindDuplicateCustomersQuery)
export class FindDuplicateCustomersHandler implements IQueryHandler<FindDuplicateCustomersQuery> {
  constructor(private readonly customers: CustomerRepository) {}

  async execute({ actor, probe }: FindDuplicateCustomersQuery): Promise<DuplicateCandidate[]> {
    const normalizedName = probe.name ? normalizeCompanyName(probe.name) : '';
    const exact = await this.customers.findExactDuplicates(
      {
        kind: probe.kind,
        creditCode: probe.creditCode ? normalizeCreditCode(probe.creditCode) : null,
        normalizedName,
        normalizedPhone: probe.phone ? normalizePhone(probe.phone) || null : null,
      },
      actor.id,
    );
    const similar = normalizedName ? await this.customers.findSimilarNames(normalizedName, actor.id, MAX_CANDIDATES) : [];
    const seen = new Set(exact.map((candidate) => candidate.id));
    return [...exact, ...similar.filter((candidate) => !seen.has(candidate.id))].slice(0, MAX_CANDIDATES);
  }
}
