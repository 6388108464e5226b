import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved, UnitOfWork } from '@crm/platform';
import { CustomerEvents } from '../../../contracts/events.js';
import { findAmbiguousRule } from '../../../domain/customer-grade.js';
import { CustomerErrors } from '../../../domain/customer.errors.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { ReplaceGradePolicyCommand } from './replace-grade-policy.command.js';

/** The policy is a singleton; its events share one aggregate id. */
const GRADE_POLICY_ID = '00000000-0000-7000-8000-00000000c001';

@CommandHandler(ReplaceGradePolicyCommand)
export class ReplaceGradePolicyHandler implements ICommandHandler<ReplaceGradePolicyCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ policy, expectedVersion }: ReplaceGradePolicyCommand): Promise<{ version: number; regraded: number }> {
    const ambiguous = findAmbiguousRule(policy.rules);
    if (ambiguous) throw CustomerErrors.ambiguousGradeRule(ambiguous.type, ambiguous.size);
    const result = await this.customers.replaceGradePolicy(policy, expectedVersion);
    await assertSaved(result !== null, 'grade policy', expectedVersion, async () => (await this.customers.loadGradePolicy()).version);
    this.uow.raise(
      CustomerEvents.gradePolicyReplaced.create(GRADE_POLICY_ID, {
        policyVersion: result!.version,
        defaultGrade: policy.defaultGrade,
        rules: policy.rules.map((rule) => ({ ...rule })),
        regraded: result!.regraded,
      }),
    );
    return result!;
  }
}
