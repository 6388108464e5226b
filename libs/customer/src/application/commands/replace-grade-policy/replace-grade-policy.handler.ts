import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PreconditionFailedError } from '@crm/kernel';
import { EventRecorder, TransactionHost } from '@crm/platform';
/** The policy is a singleton; its events share one aggregate id. */
const GRADE_POLICY_ID = '00000000-0000-7000-8000-00000000c001';
import { findAmbiguousRule } from '../../../domain/customer-grade.js';
import { CustomerErrors } from '../../../domain/customer.errors.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { ReplaceGradePolicyCommand } from './replace-grade-policy.command.js';

@CommandHandler(ReplaceGradePolicyCommand)
export class ReplaceGradePolicyHandler implements ICommandHandler<ReplaceGradePolicyCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  async execute({ policy, expectedVersion }: ReplaceGradePolicyCommand): Promise<{ version: number; regraded: number }> {
    const ambiguous = findAmbiguousRule(policy.rules);
    if (ambiguous) throw CustomerErrors.ambiguousGradeRule(ambiguous.type, ambiguous.size);
    return this.tx.run(async () => {
      const result = await this.customers.replaceGradePolicy(policy, expectedVersion);
      if (!result) throw new PreconditionFailedError('grade policy', (await this.customers.loadGradePolicy()).version);
      await this.events.record([
        {
          type: 'customer.grade-policy-replaced',
          version: 1,
          aggregateType: 'customer-grade-policy',
          aggregateId: GRADE_POLICY_ID,
          payload: { policyVersion: result.version, defaultGrade: policy.defaultGrade, rules: policy.rules, regraded: result.regraded },
        },
      ]);
      return result;
    });
  }
}
