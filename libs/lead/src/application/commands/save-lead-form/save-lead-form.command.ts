import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { FormSettings } from '../../../infrastructure/form-store.js';

/** Marketing defines a web form [表单] for a pool they admin: its key (the public URL), fields, channel and campaign. */
export class CreateLeadFormCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly key: string,
    readonly settings: FormSettings,
  ) {
    super();
  }
}

/** Changes a form (fields, target pool, channel, campaign, limits, on or off); `If-Match` guarded. */
export class ChangeLeadFormCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly formId: string,
    readonly changes: Partial<FormSettings>,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
