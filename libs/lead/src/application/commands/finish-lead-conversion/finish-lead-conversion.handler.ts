import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { DomainError } from '@crm/kernel';
import { TransactionHost } from '@crm/platform';
import { Leads } from '../../../domain/leads.port.js';
import { LeadConversion } from '../../lead-conversion.js';
import { FinishLeadConversionCommand } from './finish-lead-conversion.command.js';

@CommandHandler(FinishLeadConversionCommand)
export class FinishLeadConversionHandler implements ICommandHandler<FinishLeadConversionCommand> {
  private readonly logger = new Logger('FinishLeadConversion');

  constructor(
    private readonly leads: Leads,
    private readonly conversion: LeadConversion,
    private readonly users: UserDirectory,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ applicationId, outcome }: FinishLeadConversionCommand): Promise<void> {
    const lead = await this.leads.lockConverting(applicationId);
    const pending = lead?.pendingConversion;
    if (!lead || !pending) return;
    const now = new Date();
    if (outcome !== 'approved') {
      lead.refuseConversion({ reason: outcome, now });
      return this.leads.save(lead);
    }
    // The rest of the conversion runs as its converter, who now holds the customer.
    const converter = await this.users.actorFor(pending.requestedBy);
    if (!converter) {
      lead.refuseConversion({ reason: 'converter-inactive', now });
      return this.leads.save(lead);
    }
    try {
      // A step refused (the pipeline removed, the person now another's contact...) undoes only this attempt.
      await this.tx.isolated(() => this.conversion.complete(converter, lead, { id: pending.customerId, created: true }, pending.request));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The steps fail before the lead is touched: it is still the converting lead loaded above.
      this.logger.warn(`Conversion of lead ${lead.id} refused after approval: ${error.code}`);
      lead.refuseConversion({ reason: 'failed', errorCode: error.code, now });
      await this.leads.save(lead);
    }
  }
}
