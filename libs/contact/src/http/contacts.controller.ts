import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  etagFor,
  expectedVersionFrom,
  PageQueryDto,
  RequirePermissions,
  UuidParam,
  wholeList,
  type Actor,
} from '@crm/platform';
import { AddContactRecordCommand } from '../application/commands/add-contact-record/add-contact-record.command.js';
import { ChangeContactLinkCommand } from '../application/commands/change-contact-link/change-contact-link.command.js';
import { DeleteContactCommand } from '../application/commands/delete-contact/delete-contact.command.js';
import { CreateContactCommand } from '../application/commands/create-contact/create-contact.command.js';
import { LinkContactCommand } from '../application/commands/link-contact/link-contact.command.js';
import { UpdateContactCommand } from '../application/commands/update-contact/update-contact.command.js';
import { GetContactQuery } from '../application/queries/get-contact/get-contact.query.js';
import { ListContactCustomersQuery } from '../application/queries/list-contact-customers/list-contact-customers.query.js';
import { ListContactRecordsQuery } from '../application/queries/list-contact-records/list-contact-records.query.js';
import { ListContactsQuery } from '../application/queries/list-contacts/list-contacts.query.js';
import { ListCustomerContactsQuery } from '../application/queries/list-customer-contacts/list-customer-contacts.query.js';
import {
  AddRecordDto,
  ChangeLinkDto,
  ContactCustomerPageDto,
  ContactDto,
  ContactListQueryDto,
  ContactPageDto,
  ContactRecordPageDto,
  CreateContactDto,
  CustomerContactPageDto,
  CustomerContactsQueryDto,
  IdDto,
  LinkContactDto,
  UpdateContactDto,
} from './dto/contact.dto.js';

const DUPLICATE: [number, string] = [409, 'Phone or e-mail belongs to another contact (`CONTACT.DUPLICATE`, with `existing`).'];

@ApiTags('Contacts')
@ApiBearerAuth()
@Controller('api/v1')
export class ContactsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('contacts')
  @RequirePermissions('contact:create')
  @ApiOperation({ summary: 'Create a contact [新建联系人]' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ContactDto })
  @ApiProblems(400, 401, 403, DUPLICATE)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateContactDto, @Res({ passthrough: true }) response: Response): Promise<ContactDto> {
    const { id } = await this.commands.execute(
      new CreateContactCommand(actor, {
        name: body.name,
        phones: body.phones ?? [],
        emails: body.emails ?? [],
        wechatId: body.wechatId ?? null,
        title: body.title ?? null,
        notes: body.notes ?? null,
      }),
    );
    const contact = await this.queries.execute(new GetContactQuery(actor, id));
    response.setHeader('Location', `/api/v1/contacts/${id}`).setHeader('ETag', etagFor(contact.version));
    return contact;
  }

  @Get('contacts')
  @RequirePermissions('contact:read')
  @ApiOperation({ summary: 'Search contacts you own (or your team / department does)' })
  @ApiOkResponse({ type: ContactPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ContactListQueryDto): Promise<ContactPageDto> {
    return this.queries.execute(new ListContactsQuery(actor, query.q, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Get('contacts/:id')
  @RequirePermissions('contact:read')
  @ApiOperation({ summary: 'A contact: yours, or linked to a customer you may see' })
  @ApiOkResponse({ type: ContactDto })
  @ApiProblems(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<ContactDto> {
    const contact = await this.queries.execute(new GetContactQuery(actor, id));
    response.setHeader('ETag', etagFor(contact.version));
    return contact;
  }

  @Patch('contacts/:id')
  @RequirePermissions('contact:update')
  @ApiOperation({ summary: 'Edit a contact, phones and e-mails included [编辑联系人]' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: ContactDto })
  @ApiProblems(400, 401, 403, 404, DUPLICATE, 412)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateContactDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContactDto> {
    await this.commands.execute(new UpdateContactCommand(actor, id, body, expectedVersionFrom(ifMatch)));
    const contact = await this.queries.execute(new GetContactQuery(actor, id));
    response.setHeader('ETag', etagFor(contact.version));
    return contact;
  }

  @Delete('contacts/:id')
  @RequirePermissions('contact:update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a contact no longer linked to any customer (history is kept)' })
  @ApiNoContentResponse({ description: 'Deleted; its phones and e-mails are free again.' })
  @ApiProblems(400, 401, 403, 404, [409, 'Still linked to a customer (`CONTACT.STILL_LINKED`).'])
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.commands.execute(new DeleteContactCommand(actor, id));
  }

  @Post('contacts/:id/records')
  @RequirePermissions('contact:record')
  @ApiOperation({ summary: 'Add a note or communication record on the person [沟通记录]' })
  @ApiCreatedResponse({ type: IdDto })
  @ApiProblems(400, 401, 403, 404)
  addRecord(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: AddRecordDto): Promise<IdDto> {
    return this.commands.execute(
      new AddContactRecordCommand(actor, id, {
        kind: body.kind,
        content: body.content,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
        customerId: body.customerId,
      }),
    );
  }

  @Get('contacts/:id/records')
  @RequirePermissions('contact:read')
  @ApiOperation({ summary: "The person's records from every company they worked at" })
  @ApiOkResponse({ type: ContactRecordPageDto })
  @ApiProblems(400, 401, 403, 404)
  records(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<ContactRecordPageDto> {
    return this.queries.execute(new ListContactRecordsQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Get('contacts/:id/customers')
  @RequirePermissions('contact:read')
  @ApiOperation({ summary: 'Where the person works and worked [任职经历], among customers you may see' })
  @ApiOkResponse({ type: ContactCustomerPageDto })
  @ApiProblems(400, 401, 403, 404)
  async customers(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ContactCustomerPageDto> {
    return wholeList(await this.queries.execute(new ListContactCustomersQuery(actor, id)));
  }

  @Post('customers/:id/contacts')
  @RequirePermissions('contact:update')
  @ApiOperation({ summary: 'Link a contact to a customer with a role [关联联系人]' })
  @ApiCreatedResponse({ description: 'Linked.' })
  @ApiProblems(400, 401, 403, 404, [409, 'Already linked (`CONTACT.ALREADY_LINKED`).'])
  link(@CurrentActor() actor: Actor, @Param('id', UuidParam) customerId: string, @Body() body: LinkContactDto): Promise<{ linkId: string }> {
    return this.commands.execute(
      new LinkContactCommand(actor, body.contactId, customerId, {
        role: body.role,
        title: body.title ?? null,
        primary: body.primary ?? false,
        startedOn: body.startedOn,
      }),
    );
  }

  @Get('customers/:id/contacts')
  @RequirePermissions('contact:read')
  @ApiOperation({ summary: "A customer's contacts; `role=decision-maker` for its decision makers [决策人/KP]" })
  @ApiOkResponse({ type: CustomerContactPageDto })
  @ApiProblems(400, 401, 403, 404)
  async customerContacts(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) customerId: string,
    @Query() query: CustomerContactsQueryDto,
  ): Promise<CustomerContactPageDto> {
    return wholeList(await this.queries.execute(new ListCustomerContactsQuery(actor, customerId, query.role, query.includeEnded === 'true')));
  }

  @Patch('customers/:customerId/contacts/:contactId')
  @RequirePermissions('contact:update')
  @HttpCode(204)
  @ApiOperation({ summary: "Change a contact's role at a customer, or end the link when they leave [离职]" })
  @ApiNoContentResponse({ description: 'Changed.' })
  @ApiProblems(400, 401, 403, 404, [422, 'End before start.'])
  async changeLink(
    @CurrentActor() actor: Actor,
    @Param('customerId', UuidParam) customerId: string,
    @Param('contactId', UuidParam) contactId: string,
    @Body() body: ChangeLinkDto,
  ): Promise<void> {
    await this.commands.execute(new ChangeContactLinkCommand(actor, contactId, customerId, body));
  }
}
