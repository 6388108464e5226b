import { Command } from '@nestjs/cqrs';
import type { ClosureReason } from '../../../domain/closure-reason.js';

/** Marketing adds a closure reason [新增关闭原因] under a stable key. */
export class CreateClosureReasonCommand extends Command<void> {
  constructor(readonly reason: ClosureReason) {
    super();
  }
}

/** Renames, reorders, deactivates or reactivates a closure reason; its key never changes. `If-Match` guarded. */
export class ChangeClosureReasonCommand extends Command<{ version: number }> {
  constructor(
    readonly key: string,
    readonly changes: Partial<Omit<ClosureReason, 'key'>>,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
