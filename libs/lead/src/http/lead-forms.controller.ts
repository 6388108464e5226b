import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@crm/kernel';
import {
  ApiProblems,
  CurrentActor,
  DEFAULT_PAGE_SIZE,
  etagFor,
  expectedVersionFrom,
  PageQueryDto,
  ProblemException,
  Public,
  RequestValidationException,
  RequirePermissions,
  UuidParam,
  type Actor,
} from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { ChangeLeadFormCommand, CreateLeadFormCommand } from '../application/commands/save-lead-form/save-lead-form.command.js';
import { GetLeadFormQuery, ListLeadFormsQuery } from '../application/queries/lead-forms/lead-forms.query.js';
import {
  DEFAULT_MAX_PER_ADDRESS_PER_MINUTE,
  FORM_FIELDS,
  LeadFormErrors,
  profileOfSubmission,
  submissionProblems,
  type FormFieldName,
} from '../domain/lead-form.js';
import { leadKeys } from '../domain/lead-keys.js';
import { FormRateLimiter } from '../infrastructure/form-rate-limiter.js';
import { ChangeLeadFormDto, CreateLeadFormDto, FormSubmissionDto, LeadFormDto, LeadFormPageDto, SubmissionReceiptDto } from './dto/lead-form.dto.js';
import { FormIntake } from '../application/form-intake.js';
import { FormInbox } from '../infrastructure/form-inbox.js';
import type { LeadFormRecord } from '../infrastructure/form-store.js';

const FIELD_MESSAGES = { REQUIRED: 'is required', NOT_APPLICABLE: 'is not a field of this form', BAD_FORMAT: 'has a wrong format' };

/** Who a form's submissions are captured as: the form itself, reaching its pool only through the capture rules. */

@ApiTags('Leads')
@ApiBearerAuth()
@Controller('api/v1/lead-forms')
export class LeadFormsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermissions('lead:manage')
  @ApiOperation({
    summary: 'Define a web form [表单]',
    description:
      'Marketing defines a form for a landing page: its public key, the lead fields it asks for, the pool submissions land in (one you admin), channel and campaign, and its rate limits.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' })
  @ApiCreatedResponse({ type: LeadFormDto, description: '`Location` and `ETag` set.' })
  @ApiProblems(
    [400, 'Invalid input; `LEAD_FORM.INVALID_FIELDS`.'],
    401,
    [403, '`LEAD_POOL.NOT_ADMIN`.'],
    [404, '`LEAD_POOL.NOT_FOUND`.'],
    [409, '`LEAD_FORM.KEY_TAKEN`.'],
  )
  async createLeadForm(@CurrentActor() actor: Actor, @Body() body: CreateLeadFormDto, @Res({ passthrough: true }) response: Response): Promise<LeadFormDto> {
    const { id } = await this.commands.execute(
      new CreateLeadFormCommand(actor, body.key, {
        name: body.name,
        poolId: body.poolId,
        channel: body.channel,
        campaign: body.campaign ?? null,
        fields: body.fields,
        honeypotField: 'website',
        maxPerAddressPerMinute: body.maxPerAddressPerMinute ?? DEFAULT_MAX_PER_ADDRESS_PER_MINUTE,
        maxPerMinute: body.maxPerMinute ?? 600,
        enabled: body.enabled ?? true,
      }),
    );
    const form = await this.queries.execute(new GetLeadFormQuery(actor, id));
    response.setHeader('Location', `/api/v1/lead-forms/${id}`);
    response.setHeader('ETag', etagFor(form.version));
    return form;
  }

  @Get()
  @RequirePermissions('lead:read')
  @ApiOperation({ summary: 'Web forms of your pools [表单列表]' })
  @ApiOkResponse({ type: LeadFormPageDto })
  @ApiProblems(400, 401, 403)
  listLeadForms(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<LeadFormPageDto> {
    return this.queries.execute(new ListLeadFormsQuery(actor, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Get(':id')
  @RequirePermissions('lead:read')
  @ApiOperation({ summary: 'A web form [表单]' })
  @ApiOkResponse({ type: LeadFormDto, description: '`ETag` set.' })
  @ApiProblems(400, 401, 403, [404, '`LEAD_FORM.NOT_FOUND`.'])
  async getLeadForm(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<LeadFormDto> {
    const form = await this.queries.execute(new GetLeadFormQuery(actor, id));
    response.setHeader('ETag', etagFor(form.version));
    return form;
  }

  @Patch(':id')
  @RequirePermissions('lead:manage')
  @ApiOperation({
    summary: 'Change a web form [编辑表单]',
    description: 'Fields, pool, channel, campaign, limits; `enabled: false` switches it off (its URL then answers 404).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 when the form changed since.' })
  @ApiOkResponse({ type: LeadFormDto })
  @ApiProblems(400, 401, [403, '`LEAD_POOL.NOT_ADMIN`.'], 404, 412)
  async changeLeadForm(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: ChangeLeadFormDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadFormDto> {
    const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    await this.commands.execute(new ChangeLeadFormCommand(actor, id, changes, expectedVersionFrom(ifMatch)));
    const form = await this.queries.execute(new GetLeadFormQuery(actor, id));
    response.setHeader('ETag', etagFor(form.version));
    return form;
  }
}

@ApiTags('Public')
@Controller('api/v1/public/forms')
export class PublicFormsController {
  constructor(
    private readonly limiter: FormRateLimiter,
    private readonly inbox: FormInbox,
    private readonly intake: FormIntake,
  ) {}

  @Post(':formKey/submissions')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit a web form [表单提交] (no login)',
    description:
      "For landing pages: any origin may post (CORS open), no credentials. The submission is accepted at once (202, after one insert) and becomes a lead in the form's pool moments later, with its channel, campaign and the page's UTM parameters, scored and assigned like any capture; the same person again merges into their open lead. The receipt is the new lead's id, or the merge activity's; bursts queue instead of waiting. Limited per address and per form (429 with Retry-After). The `website` field is a honeypot: filled in, the submission is dropped yet answered alike. Send `Idempotency-Key` to make retries safe (the same receipt). Field errors come in the visitor's language (Accept-Language). An unknown or disabled form is 404 `LEAD_FORM.NOT_FOUND` and nothing more; such misses count against the address's budget (the default per-address limit per minute), then 429.",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers the same receipt.' })
  @ApiAcceptedResponse({ type: SubmissionReceiptDto })
  @ApiProblems([400, "Field errors in `errors` (REQUIRED, NOT_APPLICABLE, BAD_FORMAT…), in the visitor's language."], [404, '`LEAD_FORM.NOT_FOUND`.'], 429)
  async submitLeadForm(
    @Param('formKey') formKey: string,
    @Body() body: FormSubmissionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubmissionReceiptDto> {
    const address = request.ip ?? 'unknown';
    // The form as read moments ago: a valid submission is checked against it and accepted in one statement
    // (budgets drawn, inbox insert), unless the form changed since.
    const recent = this.limiter.recentForm(formKey);
    if (recent) {
      const checked = checkSubmission(recent, body);
      if (checked.problems.length === 0 && !checked.honeypot) {
        const receiptId = uuidv7();
        const outcome = await this.limiter.accept(recent, address, { id: receiptId, profile: checked.profile });
        if (outcome.status === 'limited') tooMany(response, outcome.wait);
        if (outcome.status === 'accepted') {
          this.intake.wake();
          return { receiptId };
        }
      }
    }
    // One statement: the form, and its budgets drawn. A miss (unknown or disabled key) draws from the address's budget of
    // misses, then answers 404 and nothing more.
    const { form, wait } = await this.limiter.formAndBudget(formKey, address);
    if (wait !== null) tooMany(response, wait);
    if (!form) throw LeadFormErrors.notFound();
    const { problems, profile, honeypot } = checkSubmission(form, body);
    if (problems.length > 0) {
      throw new RequestValidationException(problems.map(({ field, code }) => ({ field, code, message: `${field} ${FIELD_MESSAGES[code]}` })));
    }
    // A robot filled in the hidden field: answered like anyone, nothing kept.
    if (honeypot) return { receiptId: uuidv7() };
    // Accepted into the inbox with one insert; the intake captures it in a batch moments later (FormIntake).
    const receiptId = uuidv7();
    await this.inbox.accept({ id: receiptId, formId: form.id, poolId: form.poolId, profile });
    this.intake.wake();
    return { receiptId };
  }
}

/** 429 with when to come back. */
function tooMany(response: Response, wait: number): never {
  response.setHeader('Retry-After', String(wait));
  throw new ProblemException(429, 'REQUEST.RATE_LIMITED', `Too many submissions; retry in ${wait} s.`, undefined, { retryAfterSeconds: wait });
}

/** The submission against the form's fields: its problems, the lead profile it makes, and whether the honeypot was filled in. */
function checkSubmission(form: LeadFormRecord, body: FormSubmissionDto) {
  const { utmSource, utmMedium, utmCampaign, website, ...rest } = body;
  const submitted = Object.fromEntries(Object.entries(rest).filter(([name]) => (FORM_FIELDS as readonly string[]).includes(name))) as Partial<
    Record<FormFieldName, string>
  >;
  const problems = submissionProblems(form.fields, submitted);
  const profile = profileOfSubmission(form, submitted, { utmSource, utmMedium, utmCampaign });
  if (problems.length === 0) {
    try {
      leadKeys(profile);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'LEAD.INVALID_MOBILE') problems.push({ field: 'mobile', code: 'BAD_FORMAT' });
    }
  }
  return { problems, profile, honeypot: Boolean(website?.trim()) };
}
