import { Injectable } from '@nestjs/common';
import { WakeSignal } from '@crm/platform';

/** Wakes this process's webhook delivery worker when new deliveries committed here. */
@Injectable()
export class DeliverySignal extends WakeSignal {}
