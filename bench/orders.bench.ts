import { createHmac, randomUUID } from 'node:crypto';
import pg from 'pg';
import { printTable, ratio, runLoad, startApiProcess, withBenchDatabase } from './harness.js';

/**
 * Orders [订单] and bank reconciliation [银行对账]:
 * 1. pricing and creating orders of 100 lines through the API against the same reads and inserts
 *    sent directly with `pg` (price resolution, order row, 100 line rows, the outbox event);
 * 2. reconciling signed bank notifications through the API (notifications/s) against the matching
 *    SQL alone (the two candidate lookups each notification makes).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:orders
 *   BENCH_ORDERS=40 BENCH_NOTIFICATIONS=100000 BENCH_CONCURRENCY=8 for the full run.
 * Creates and drops its own database.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 20);
const LINES = 100;
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 2000);

interface Api {
  base: string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
}

function client(base: string, token?: string): Api {
  return {
    base,
    async post(path, body, headers = {}) {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
    },
  };
}

async function expectCreated(call: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const { status, body } = await call;
  if (status !== 201) throw new Error(`${status} ${JSON.stringify(body)}`);
  return body;
}

/** The create-order transaction as the API runs it (same reads and writes), without HTTP, Nest, validation or big.js. */
async function directOrder(pool: pg.Pool, input: { customerId: string; ownerId: string; priceListId: string; productIds: string[] }): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT id, name FROM customer.customers WHERE id = $1`, [input.customerId]);
    const lists = await client.query(
      `WITH RECURSIVE chain AS (
         SELECT l.*, 1 AS depth FROM catalog.price_lists l WHERE l.id = $1
         UNION ALL SELECT p.*, chain.depth + 1 FROM catalog.price_lists p JOIN chain ON p.id = chain.parent_id WHERE chain.depth < 10
       ) SELECT DISTINCT id, name, currency, valid_from, valid_to, parent_id FROM chain`,
      [input.priceListId],
    );
    const products = await client.query(
      `SELECT p.id, p.product_line_id, p.code, p.name, p.unit, p.published, p.warranty_months,
              COALESCE((SELECT json_agg(c.child_id) FROM catalog.product_children c WHERE c.parent_id = p.id), '[]'::json) AS children
         FROM catalog.products p WHERE p.id = ANY($1::uuid[])`,
      [input.productIds],
    );
    const entries = await client.query(
      `SELECT id, product_id, unit_price::text AS unit_price FROM catalog.price_list_entries WHERE active AND price_list_id = ANY($1::uuid[]) AND product_id = ANY($2::uuid[])`,
      [lists.rows.map((row: { id: string }) => row.id), input.productIds],
    );
    const priceOf = new Map(entries.rows.map((row: { product_id: string; unit_price: string; id: string }) => [row.product_id, row]));
    const { rows } = await client.query<{ seq: string }>(`SELECT nextval('contract.order_number_seq')::text AS seq`);
    const id = randomUUID();
    const lines = products.rows.map(
      (product: { id: string; product_line_id: string; code: string; name: string; unit: string; warranty_months: number }, position: number) => {
        const entry = priceOf.get(product.id)!;
        return {
          position,
          product_id: product.id,
          product_line_id: product.product_line_id,
          code: product.code,
          name: product.name,
          unit: product.unit,
          warranty_months: product.warranty_months,
          kind: 'product',
          parent_position: null,
          quantity: '1',
          unit_price: entry.unit_price,
          discount_percent: '0.00',
          amount: entry.unit_price,
          price_source: { kind: 'entry', priceListId: input.priceListId, entryId: entry.id },
        };
      },
    );
    const total = lines.reduce((sum, line) => sum + Math.round(Number(line.amount) * 100), 0) / 100;
    await client.query(
      `INSERT INTO contract.orders (id, number, customer_id, customer_name, payer_key, owner_id, opportunity_id, contract_id, price_list_id, currency,
          order_date, status, approval_request_id, total, paid, handed_off_at, created_by, created_at, version)
       VALUES ($1, $2, $3, 'bench', 'bench', $4, NULL, NULL, $5, 'CNY', '2026-03-01', 'draft', NULL, $6, 0, NULL, $4, now(), 1)`,
      [id, `SQ${rows[0]!.seq.padStart(14, '0')}`, input.customerId, input.ownerId, input.priceListId, total.toFixed(2)],
    );
    await client.query(
      `INSERT INTO contract.order_lines (order_id, position, product_id, product_line_id, code, name, unit, warranty_months, kind, parent_position,
          quantity, unit_price, discount_percent, amount, price_source)
       SELECT $1, l.position, l.product_id, l.product_line_id, l.code, l.name, l.unit, l.warranty_months, l.kind, l.parent_position,
              l.quantity, l.unit_price, l.discount_percent, l.amount, l.price_source
         FROM jsonb_to_recordset($2::jsonb) AS l(position int, product_id uuid, product_line_id uuid, code text, name text, unit text, warranty_months int,
              kind text, parent_position int, quantity numeric, unit_price numeric, discount_percent numeric, amount numeric, price_source jsonb)`,
      [id, JSON.stringify(lines)],
    );
    await client.query(
      `INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, payload)
       VALUES (gen_random_uuid(), 'bench.order-created.v1', 1, now(), 'order', $1, $2, $3, '{}')`,
      [id, input.customerId, input.ownerId],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Open orders to be paid by the notifications: number SB…i, payer "bench payer i", open amount (i mod 1000) + 100.00. */
async function seedOpenOrders(pool: pg.Pool, count: number, customerId: string, ownerId: string, priceListId: string): Promise<void> {
  for (let done = 0; done < count; done += 50_000) {
    await pool.query(
      `INSERT INTO contract.orders (id, number, customer_id, customer_name, payer_key, owner_id, price_list_id, currency, order_date, status,
          total, paid, created_by, created_at, version)
       SELECT gen_random_uuid(), 'SO' || lpad(i::text, 14, '0'), $1, 'bench payer ' || i, 'benchpayer' || i, $2, $3, 'CNY', '2026-03-01', 'approved',
              (i % 1000) + 100, 0, $2, now(), 1
         FROM generate_series($4::int, $5::int) AS i`,
      [customerId, ownerId, priceListId, done + 1, Math.min(count, done + 50_000)],
    );
  }
  await pool.query('ANALYZE contract.orders');
}

/** Notification i: half name their order in the reference, a third come from its payer without one, the rest match nothing. */
function notificationFor(i: number): { transactionId: string; amount: string; payerName: string; reference: string; bookedOn: string } {
  const n = i + 1;
  const amount = `${(n % 1000) + 100}.00`;
  const number = `SO${String(n).padStart(14, '0')}`;
  if (n % 6 < 3) return { transactionId: `T${n}`, amount, payerName: '某付款人', reference: `货款 ${number}`, bookedOn: '2026-03-05' };
  if (n % 6 < 5) return { transactionId: `T${n}`, amount, payerName: `Bench Payer ${n}`, reference: '合同款', bookedOn: '2026-03-05' };
  return { transactionId: `T${n}`, amount: '1.23', payerName: '无名氏', reference: '', bookedOn: '2026-03-05' };
}

export async function benchOrders(serverUrl: string): Promise<void> {
  await withBenchDatabase(serverUrl, async (url) => {
    // The rate limits still count every notification (their statements are measured), but never refuse the load.
    const server = await startApiProcess({
      DATABASE_URL: url,
      CRM_DEMO: '1',
      CRM_SCHEDULES: '0',
      CRM_BANK_NOTIFICATIONS_PER_ACCOUNT: '100000000',
      CRM_BANK_NOTIFICATIONS_PER_ADDRESS: '100000000',
    });
    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY + 2 });
    try {
      const anonymous = client(server.base);
      const login = await anonymous.post('/api/v1/auth/login', { username: 'admin', password: 'demo1234' });
      const admin = client(server.base, login.body.accessToken as string);
      const [{ id: adminId }] = (await pool.query<{ id: string }>(`SELECT id FROM identity.users WHERE username = 'admin'`)).rows as [{ id: string }];

      // A catalogue of 100 published products, all priced in one list; a customer the administrator holds.
      const line = await expectCreated(admin.post('/api/v1/product-lines', { code: 'BENCH', name: '压测条线' }));
      const priceList = await expectCreated(admin.post('/api/v1/price-lists', { name: '压测价格表', validFrom: '2026-01-01' }));
      const productIds: string[] = [];
      for (let i = 0; i < LINES; i++) {
        const product = await expectCreated(
          admin.post('/api/v1/products', { productLineId: line.id, code: `BENCH-${i}`, name: `压测产品${i}`, published: true }),
        );
        await expectCreated(admin.post(`/api/v1/price-lists/${priceList.id}/entries`, { productId: product.id, unitPrice: `${(i % 97) + 0.33}` }));
        productIds.push(product.id as string);
      }
      const customer = await expectCreated(admin.post('/api/v1/customers', { kind: 'enterprise', name: '压测客户有限公司' }));
      await pool.query('ANALYZE');
      const order = {
        customerId: customer.id as string,
        priceListId: priceList.id as string,
        orderDate: '2026-03-01',
        lines: productIds.map((productId) => ({ productId, quantity: '1' })),
      };

      const apiOrders = await runLoad(`API order of ${LINES} lines`, { concurrency: CONCURRENCY, total: ORDERS }, async () => {
        await expectCreated(admin.post('/api/v1/orders', order));
      });
      const sqlOrders = await runLoad(`pg order of ${LINES} lines (same reads and inserts)`, { concurrency: CONCURRENCY, total: ORDERS }, () =>
        directOrder(pool, { customerId: customer.id as string, ownerId: adminId, priceListId: priceList.id as string, productIds }),
      );
      printTable([apiOrders, sqlOrders]);
      console.log(ratio(apiOrders, sqlOrders));

      // Reconciliation: open orders to pay, a bank account, N signed notifications.
      console.log(`\nSeeding ${NOTIFICATIONS} open orders…`);
      await seedOpenOrders(pool, NOTIFICATIONS, customer.id as string, adminId, priceList.id as string);
      const account = await expectCreated(admin.post('/api/v1/bank-accounts', { name: '压测账户', accountNumber: '6225000000000001', tolerance: '0' }));
      const statuses: Record<string, number> = {};
      const notify = async (index: number) => {
        const raw = JSON.stringify(notificationFor(index));
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signature = `sha256=${createHmac('sha256', account.secret as string)
          .update(`${timestamp}.${raw}`)
          .digest('hex')}`;
        const { status, body } = await anonymous.post('/api/v1/bank-notifications', raw, {
          'x-bank-account-id': account.id as string,
          'x-bank-timestamp': timestamp,
          'x-bank-signature': signature,
        });
        if (status !== 200) throw new Error(`${status} ${JSON.stringify(body)}`);
        statuses[body.status as string] = (statuses[body.status as string] ?? 0) + 1;
      };
      const apiNotifications = await runLoad('API bank notification (signed, matched, recorded)', { concurrency: CONCURRENCY, total: NOTIFICATIONS }, notify);
      const sqlMatching = await runLoad(
        'pg matching SQL alone (reference + payer lookups)',
        { concurrency: CONCURRENCY, total: NOTIFICATIONS },
        async (index) => {
          const notification = notificationFor(index);
          const numbers = [...notification.reference.matchAll(/SO\d{14,}/g)].map((match) => match[0]);
          await pool.query(
            `SELECT o.id, o.number, o.open_amount::text, o.created_at FROM contract.orders o WHERE o.number = ANY($1::text[]) AND o.status <> 'handed-off'`,
            [numbers],
          );
          await pool.query(
            `SELECT o.id, o.number, o.open_amount::text, o.created_at FROM contract.orders o
            WHERE o.payer_key = $1 AND o.open_amount > 0 AND o.open_amount BETWEEN $2::numeric - 0 AND $2::numeric + 0 AND o.currency = 'CNY' AND o.status <> 'handed-off'
            ORDER BY o.created_at LIMIT 20`,
            [notification.payerName.toLowerCase().replace(/\s+/g, ''), notification.amount],
          );
        },
      );
      printTable([apiNotifications, sqlMatching]);
      console.log(ratio(apiNotifications, sqlMatching));
      console.log(
        `Notifications: ${JSON.stringify(statuses)} (expected about ${Math.round(NOTIFICATIONS / 2)} by reference + ${Math.round(NOTIFICATIONS / 3)} by payer matched)`,
      );
      const [paid] = (
        await pool.query<{ paid: string; count: string }>(
          `SELECT sum(paid)::text AS paid, count(*) FILTER (WHERE paid > 0)::text AS count FROM contract.orders`,
        )
      ).rows;
      console.log(`Orders paid by the bank: ${paid!.count}, collected ${paid!.paid}`);
    } finally {
      await pool.end();
      await server.stop();
    }
  });
}
