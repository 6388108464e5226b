import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, OutboundAddressPolicy, SecretBox, type AppConfig } from '@crm/platform';
import { WebhookErrors } from '../domain/webhook.errors.js';

/**
 * What keeps webhooks from being a way in: signing secrets stored encrypted (AES-256-GCM, `CRM_SECRETS_KEY`),
 * and receivers only at public addresses, unless `CRM_WEBHOOK_ALLOWED_NETWORKS` allows a private one. A target is
 * checked when a subscription names it and again, after DNS resolution, before every delivery.
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

  /** Why a delivery may not be sent to this URL now, or null. */
  async refusal(url: string): Promise<string | null> {
    const refused = await this.addresses.refusedAddress(url);
    return refused ? `Target address ${refused} is private, loopback or link-local (not in CRM_WEBHOOK_ALLOWED_NETWORKS)` : null;
  }
}
