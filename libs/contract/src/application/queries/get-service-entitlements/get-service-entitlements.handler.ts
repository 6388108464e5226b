import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { zonedTime } from '@crm/kernel';
import { APP_CONFIG, TransactionHost, type AppConfig } from '@crm/platform';
import { trimQuantity } from '../../../infrastructure/order.repository.js';
import { GetServiceEntitlementsQuery, type ServiceEntitlements } from './get-service-entitlements.query.js';

interface HandedOffRow {
  orderId: string;
  number: string;
  contractId: string | null;
  handedOffAt: Date;
  products: { productId: string; productLineId: string | null; quantity: string; warrantyMonths: number }[];
}

/** Adds whole months to a moment, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb), in UTC. */
export function addMonths(at: Date, months: number): Date {
  const result = new Date(at.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

@QueryHandler(GetServiceEntitlementsQuery)
export class GetServiceEntitlementsHandler implements IQueryHandler<GetServiceEntitlementsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ customerId, at }: GetServiceEntitlementsQuery): Promise<ServiceEntitlements> {
    const rows = await this.tx.query<HandedOffRow>(
      `SELECT o.id AS "orderId", o.number, o.contract_id AS "contractId", o.handed_off_at AS "handedOffAt",
              COALESCE((SELECT json_agg(json_build_object('productId', l.product_id, 'productLineId', l.product_line_id,
                  'quantity', l.quantity::text, 'warrantyMonths', l.warranty_months) ORDER BY l.position)
                FROM contract.order_lines l WHERE l.order_id = o.id), '[]'::json) AS products
         FROM contract.orders o
        WHERE o.customer_id = $1 AND o.status = 'handed-off' AND o.handed_off_at <= $2
        ORDER BY o.handed_off_at DESC, o.id DESC`,
      [customerId, at],
    );
    return {
      customerId,
      completedOrders: rows.map((row) => ({
        orderId: row.orderId,
        number: row.number,
        contractId: row.contractId,
        handedOffAt: row.handedOffAt.toISOString(),
        products: row.products.map((line) => ({
          productId: line.productId,
          productLineId: line.productLineId,
          quantity: trimQuantity(line.quantity),
          warrantyMonths: line.warrantyMonths,
          warrantyEndsAt: line.warrantyMonths > 0 ? addMonths(row.handedOffAt, line.warrantyMonths).toISOString() : null,
        })),
      })),
      contractsInForce: await this.contractsInForce(customerId, at),
    };
  }

  /** Executing contracts whose period holds the day of `at` in the company time zone (CRM_TIMEZONE; dates inclusive). */
  private contractsInForce(customerId: string, at: Date): Promise<ServiceEntitlements['contractsInForce']> {
    return this.tx.query(
      `SELECT id AS "contractId", number, start_date::text AS "startDate", end_date::text AS "endDate", product_ids AS "productIds"
         FROM contract.contracts
        WHERE customer_id = $1 AND status = 'executing' AND start_date IS NOT NULL AND end_date IS NOT NULL
          AND start_date <= $2::date AND end_date >= $2::date
        ORDER BY start_date DESC, id`,
      [customerId, zonedTime(at, this.config.timeZone).date],
    );
  }
}
