import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { ResolveClaimScopeQuery } from '@crm/contracts/catalog';
import { FindCustomerContactsQuery } from '@crm/contracts/contact';
import { FindOrderByNumberQuery, GetServiceEntitlementsQuery } from '@crm/contracts/contract';
import { GetCustomerQuery, ListCustomerSummariesQuery } from '@crm/contracts/customer';
import { ProblemException } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { evaluateEligibility } from '../../../domain/eligibility.js';
import { Ticket } from '../../../domain/ticket.aggregate.js';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import type { EligibilityVerdict } from '../../../domain/ticket.types.js';
import { TicketTypeStore } from '../../../infrastructure/ticket-type.store.js';
import { TicketRepository } from '../../../infrastructure/ticket.repository.js';
import { TicketAssigner } from '../../ticket-assigner.js';
import { actorRefOf } from '../../ticket-principal.js';
import { FileTicketCommand } from './file-ticket.command.js';

@CommandHandler(FileTicketCommand)
export class FileTicketHandler implements ICommandHandler<FileTicketCommand> {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly types: TicketTypeStore,
    private readonly assigner: TicketAssigner,
    private readonly queries: QueryBus,
  ) {}

  async execute({ by, input }: FileTicketCommand): Promise<{ ticketId: string }> {
    const now = new Date();
    const type = await this.types.find(input.typeId);
    if (!type) throw TicketErrors.typeNotFound();
    if (!type.active) throw TicketErrors.typeInactive();

    const customer = await this.customerOf(by, input);
    const contactId = by.kind === 'portal' ? by.visitor.contactId : input.contactId;
    if (by.kind === 'staff' && contactId) {
      const [contact] = await this.queries.execute(new FindCustomerContactsQuery({ customerId: customer.id, contactIds: [contactId] }));
      if (!contact) throw TicketErrors.contactNotFound();
    }
    const productLineId = input.productId
      ? ((await this.queries.execute(new ResolveClaimScopeQuery({ productIds: [input.productId] }))).products[0]?.productLineId ?? null)
      : null;

    let orderId = input.orderId;
    if (input.orderNumber) {
      const order = await this.queries.execute(new FindOrderByNumberQuery(input.orderNumber.trim()));
      if (!order || order.customerId !== customer.id) throw TicketErrors.orderNotFound();
      orderId = order.orderId;
    }
    const request = { productId: input.productId, orderId, contractId: input.contractId };

    let eligibility: EligibilityVerdict = { policy: 'not-checked', eligible: null, checks: [], checkedAt: now.toISOString(), override: null };
    if (type.eligibilityPolicy !== 'not-checked') {
      const facts = await this.queries.execute(new GetServiceEntitlementsQuery(customer.id, now));
      eligibility = evaluateEligibility(facts, request, now, type.eligibilityPolicy);
    }

    const ticket = Ticket.file({
      id: uuidv7(),
      number: await this.tickets.nextNumber(now),
      customerId: customer.id,
      customerGrade: customer.grade,
      region: customer.province,
      contactId,
      productId: input.productId,
      productLineId,
      orderId,
      contractId: input.contractId,
      typeId: type.id,
      typePath: type.path,
      title: input.title,
      description: input.description,
      priority: input.priority,
      channel: by.kind === 'portal' ? 'self-service' : input.channel,
      eligibility,
      createdVia: by.kind === 'portal' ? 'self-service' : 'staff',
      createdBy: actorRefOf(by),
      createdAt: now,
    });

    if (input.handlerId || input.teamId) {
      if (by.kind !== 'staff' || !by.actor.permissions.includes('ticket:assign')) {
        throw new ProblemException(403, 'AUTH.FORBIDDEN', 'Naming a team or handler at filing needs ticket:assign.');
      }
      const placed = input.handlerId ? await this.assigner.placeHandler(input.handlerId) : null;
      const teamId = input.teamId ?? placed?.teamId ?? null;
      if (input.teamId) await this.assigner.teamMembers(input.teamId);
      const handlerId = placed?.handlerId ?? (teamId ? await this.assigner.pickIn(teamId) : null);
      ticket.assign({ teamId, handlerId, how: 'manual', by: actorRefOf(by), now });
    } else {
      await this.assigner.route(ticket, now);
    }
    await this.tickets.add(ticket);
    return { ticketId: ticket.id };
  }

  private async customerOf(
    by: FileTicketCommand['by'],
    input: FileTicketCommand['input'],
  ): Promise<{ id: string; grade: string | null; province: string | null }> {
    if (by.kind === 'staff') {
      // The request DTO makes the customer required for staff.
      const customer = await this.queries.execute(new GetCustomerQuery(by.actor, input.customerId!));
      return { id: customer.id, grade: customer.grade, province: customer.province };
    }
    const [customer] = await this.queries.execute(new ListCustomerSummariesQuery({ ids: [by.visitor.customerId] }));
    if (!customer) throw TicketErrors.notFound();
    return { id: customer.id, grade: customer.grade, province: customer.province };
  }
}
