import pg from 'pg';
import { printTable, ratio, runLoad, startApiProcess, withBenchDatabase } from './harness.js';

/**
 * Filing a ticket [建单] through the whole API (customer check, eligibility asked of the
 * Contract/Order context, routing by the assignment rules within capacity, status history,
 * events) against the same statements sent directly with `pg` in one transaction.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:ticket-creation
 * Creates and drops its own database. Kept short (BENCH_TICKETS, BENCH_CONCURRENCY).
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 800);
const AGENTS = 8;

/** The filing transaction as the API runs it (same reads and writes, same order), without HTTP, Nest or validation. */
async function directFiling(
  pool: pg.Pool,
  setup: { typeId: string; customerId: string; teamId: string; agentIds: string[] },
  creatorId: string,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const type = await client.query(`SELECT id, path, eligibility_policy, active FROM service_ticket.ticket_types WHERE id = $1`, [setup.typeId]);
    await client.query(`SELECT id, grade, province FROM customer.customers WHERE id = $1`, [setup.customerId]);
    await client.query(
      `SELECT o.id, o.number, o.contract_id, o.handed_off_at,
              COALESCE((SELECT json_agg(json_build_object('productId', l.product_id, 'warrantyMonths', l.warranty_months)) FROM contract.order_lines l WHERE l.order_id = o.id), '[]'::json)
         FROM contract.orders o WHERE o.customer_id = $1 AND o.status = 'handed-off' AND o.handed_off_at <= now() ORDER BY o.handed_off_at DESC, o.id DESC`,
      [setup.customerId],
    );
    const number = await client.query<{ n: string }>(`SELECT nextval('service_ticket.ticket_numbers')::text AS n`);
    await client.query(`SELECT id, name, conditions, team_id, strategy FROM service_ticket.assignment_rules ORDER BY position`);
    await client.query(`INSERT INTO service_ticket.team_queues (team_id) VALUES ($1) ON CONFLICT DO NOTHING`, [setup.teamId]);
    const cursor = await client.query<{ last_served_id: string | null }>(
      `SELECT last_served_id FROM service_ticket.team_queues WHERE team_id = $1 FOR UPDATE`,
      [setup.teamId],
    );
    const loads = await client.query<{ id: string; open: number }>(
      `SELECT u.id, (SELECT count(*)::int FROM service_ticket.tickets t WHERE t.handler_id = u.id AND t.status = ANY($2::text[])) AS open
         FROM unnest($1::uuid[]) AS u(id) LEFT JOIN service_ticket.agents a ON a.user_id = u.id`,
      [setup.agentIds, ['assigned', 'in-progress', 'waiting-on-customer']],
    );
    const handler = loads.rows.reduce((best, row) => (row.open < best.open ? row : best)).id;
    await client.query(`UPDATE service_ticket.team_queues SET last_served_id = $2 WHERE team_id = $1`, [
      setup.teamId,
      handler ?? cursor.rows[0]?.last_served_id,
    ]);
    const ticket = await client.query<{ id: string }>(
      `INSERT INTO service_ticket.tickets (id, number, customer_id, type_id, type_path, title, description, priority, channel, status, team_id, handler_id,
                                          eligibility, created_via, created_by_kind, created_by, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, '设备无法开机', '通电后指示灯不亮。', 'normal', 'phone', 'assigned', $5, $6, '{"policy":"accept-flagged","eligible":false,"checks":[]}',
               'staff', 'user', $7, now(), now())
       RETURNING id`,
      [`B${number.rows[0]!.n}`, setup.customerId, setup.typeId, type.rows[0].path, setup.teamId, handler, creatorId],
    );
    const id = ticket.rows[0]!.id;
    await client.query(
      `INSERT INTO service_ticket.status_history (ticket_id, from_status, to_status, at, by_kind, by_id) VALUES ($1, NULL, 'new', now(), 'user', $2)`,
      [id, creatorId],
    );
    await client.query(`INSERT INTO service_ticket.status_history (ticket_id, from_status, to_status, at) VALUES ($1, 'new', 'assigned', now())`, [id]);
    await client.query(
      `INSERT INTO service_ticket.handling_changes (id, ticket_id, kind, to_team_id, to_handler_id, reason, at) VALUES (gen_random_uuid(), $1, 'assignment', $2, $3, 'rule', now())`,
      [id, setup.teamId, handler],
    );
    for (const type of ['bench.ticket-created.v1', 'bench.ticket-assigned.v1', 'bench.ticket-status-changed.v1']) {
      await client.query(
        `INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, payload)
         VALUES (gen_random_uuid(), $1, 1, now(), 'ticket', $2, $3, $4, '{}')`,
        [type, id, setup.customerId, creatorId],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export async function benchTicketCreation(serverUrl: string): Promise<void> {
  await withBenchDatabase(serverUrl, async (url) => {
    const api = await startApiProcess({ DATABASE_URL: url, CRM_DEMO: '1', CRM_SCHEDULES: '0' });
    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
    try {
      const call = async (method: string, path: string, body: unknown, token?: string) => {
        const response = await fetch(`${api.base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
        const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
        return json;
      };
      const admin = (await call('POST', '/api/v1/auth/login', { username: 'admin', password: 'demo1234' })).accessToken as string;
      const department = await call('POST', '/api/v1/admin/departments', { name: '服务部' }, admin);
      const team = await call('POST', '/api/v1/admin/teams', { name: '一线坐席', departmentId: department.id }, admin);
      const agentIds: string[] = [];
      for (let i = 0; i < AGENTS; i++) {
        const user = await call(
          'POST',
          '/api/v1/admin/users',
          {
            username: `agent.${i}`,
            displayName: `坐席${i}`,
            password: 'bench-password',
            roles: ['service-agent'],
            teamId: team.id,
            departmentId: department.id,
          },
          admin,
        );
        agentIds.push(user.id as string);
      }
      const type = await call('POST', '/api/v1/ticket-types', { name: '报修', eligibilityPolicy: 'accept-flagged', reopenWindowDays: 7 }, admin);
      await call('PUT', '/api/v1/ticket-assignment-rules', { rules: [{ name: '全部', conditions: {}, teamId: team.id, strategy: 'least-busy' }] }, admin);
      const customer = await call('POST', '/api/v1/customers', { kind: 'enterprise', name: '压测客户有限公司', province: '浙江' }, admin);
      const adminId = (await pool.query<{ id: string }>(`SELECT id FROM identity.users WHERE username = 'admin'`)).rows[0]!.id;
      const setup = { typeId: type.id as string, customerId: customer.id as string, teamId: team.id as string, agentIds };
      await pool.query('ANALYZE');
      console.log(`${AGENTS} agents in one team, ${TICKETS} tickets each way, ${CONCURRENCY} clients`);

      const body = JSON.stringify({
        customerId: setup.customerId,
        typeId: setup.typeId,
        title: '设备无法开机',
        description: '通电后指示灯不亮。',
        channel: 'phone',
      });
      const viaApi = await runLoad('API filing', { concurrency: CONCURRENCY, total: TICKETS }, async () => {
        const response = await fetch(`${api.base}/api/v1/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body,
        });
        if (response.status !== 201) throw new Error(String(response.status));
        await response.arrayBuffer();
      });
      const direct = await runLoad('direct SQL', { concurrency: CONCURRENCY, total: TICKETS }, () => directFiling(pool, setup, adminId));
      printTable([viaApi, direct]);
      console.log(ratio(viaApi, direct));
      const spread = await pool.query<{ handler_id: string; n: number }>(
        `SELECT handler_id, count(*)::int AS n FROM service_ticket.tickets WHERE number LIKE 'GD%' GROUP BY handler_id ORDER BY n`,
      );
      console.log(`tickets filed through the API per agent (least-busy): ${spread.rows.map((row) => row.n).join(', ')}`);
    } finally {
      await pool.end();
      await api.stop();
    }
  });
}
