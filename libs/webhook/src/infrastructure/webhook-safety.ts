import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, OutboundAddressPolicy, SecretBox, type AppConfig } from '@crm/platform';
import { WebhookErrors } from '../domain/webhook.errors.js';

/**
 * What keeps webhooks from being a way in: signing secrets stored encrypted (AES-256-GCM, `CRM_SECRETS_KEY`),
 * and receivers only at public addresses, unless `CRM_WEBHOOK_ALLOWED_NETWORKS` allows a private one. A target is
 * checked when a subscription names it and again at every delivery, on the very addresses the connection uses.
 */
@Injectable()
export class WebhookSafety {
  private readonly box: SecretBox;
  private readonly addresses: OutboundAddressPolicy;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.box = new SecretBox(config.secretsKey);
    this.addresses = new OutboundAddressPolicy(config.webhookAllowedNetworks);
  }

  seal(secret: string): string {
    return this.box.seal(secret);
  }

  open(stored: string): string {
    return this.box.open(stored);
  }

  /** 422 for a target that resolves to a private, loopback or link-local address now; a name that does not resolve yet is checked at delivery. */
  async assertTarget(url: string): Promise<void> {
    const refused = await this.addresses.refusedAddress(url).catch(() => null);
    if (refused) throw WebhookErrors.targetNotAllowed(refused);
  }

  /**
   * POSTs a delivery through the address policy, pinned: the name is resolved once at connection time, every
   * answer checked, and the socket connects to a checked address (no second resolution a DNS change could
   * exploit). Resolves with the status; rejects when the target is refused, unreachable or too slow.
   */
  post(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<number> {
    return this.addresses.send(url, { method: 'POST', headers, body, signal });
  }
}
