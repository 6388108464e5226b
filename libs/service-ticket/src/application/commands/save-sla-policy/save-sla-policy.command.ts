import { Command } from '@nestjs/cqrs';
import type { PolicyInput } from '../../../infrastructure/sla-configuration.repository.js';

/** Creates an SLA policy [SLA策略] (policyId null) or replaces one. */
export class SaveSlaPolicyCommand extends Command<{ policyId: string; version: number }> {
  constructor(
    readonly policyId: string | null,
    readonly input: PolicyInput,
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
