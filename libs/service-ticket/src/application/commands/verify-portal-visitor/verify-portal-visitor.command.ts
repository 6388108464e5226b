import { Command } from '@nestjs/cqrs';

/**
 * A visitor proves who they are by a phone number and an order number [手机号 + 订单号]: the
 * order's customer must have a contact with that phone. Answers a short-lived token, or one
 * failure for every mismatch (nothing about others is revealed).
 */
export class VerifyPortalVisitorCommand extends Command<{ token: string; expiresAt: string }> {
  constructor(
    readonly phone: string,
    readonly orderNumber: string,
  ) {
    super();
  }
}
