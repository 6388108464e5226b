import { Command } from '@nestjs/cqrs';
import type { ConversionRefusal } from '../../../domain/lead.aggregate.js';

/**
 * The claim application a conversion waits for was decided [转化审批结果]: approved (the converter
 * now holds the customer) finishes the conversion as its converter; anything else opens the lead
 * again, matched to the customer, which stays in the pool. A no-op for an application no lead waits for.
 */
export class FinishLeadConversionCommand extends Command<void> {
  constructor(
    readonly applicationId: string,
    readonly outcome: 'approved' | Exclude<ConversionRefusal, 'converter-inactive' | 'failed'>,
  ) {
    super();
  }
}
