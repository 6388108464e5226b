import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, leadPeople, MASTER_POOL_ID, uniqueMobile } from './lead-fixtures.js';

/**
 * Import [线索导入] (LEAD-1): real CSV and XLSX files, streamed in batches; good, bad and duplicate
 * rows each get their outcome; the same file again imports nothing twice; new leads are assigned
 * by the pool's rules like any capture.
 */
describe('Lead import: CSV and XLSX files, progress, per-row report, no duplicates', () => {
  let api: TestApp;
  let marketing: TestUser;
  let other: TestUser;
  let r1: TestUser;
  let r2: TestUser;
  let dir: string;
  let pool: string;

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 2);
    marketing = people.marketing;
    [r1, r2] = people.reps;
    other = await api.user(['marketing']);
    pool = await createPool(api, marketing, {
      name: '导入轮询池',
      parentId: MASTER_POOL_ID,
      memberIds: [r1.id, r2.id],
      rules: { assignmentStrategy: 'round-robin' },
    });
    dir = mkdtempSync(join(tmpdir(), 'lead-import-spec-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  const upload = (by: TestUser, path: string, fields: Record<string, string> = {}) => {
    let request = api.http.post('/api/v1/lead-imports').set('Authorization', by.auth).attach('file', path);
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    return request;
  };
  async function finished(id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 600; i++) {
      const body = (await api.http.get(`/api/v1/lead-imports/${id}`).set('Authorization', marketing.auth).expect(200)).body;
      if (body.status === 'completed' || body.status === 'failed') return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('import did not finish');
  }
  const leadCount = async () => (await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead.leads`))[0]!.n;

  it('imports a CSV with good, bad and duplicate rows, reports each row, and imports the same file once', async () => {
    const existing = uniqueMobile();
    await capture(api, marketing, { mobile: existing, personName: '老客户' }).expect(201);
    const [m1, m2, m3] = [uniqueMobile(), uniqueMobile(), uniqueMobile()];
    const lines = [
      '姓名,手机,邮箱,公司,省份,渠道,备注', // row 1
      `张三,${m1},zs@example.cn,杭州甲公司,浙江,,`, // 2 created
      `李四,${m2},,,江苏,wechat,"多行""备注"""`, // 3 created
      '王五,12,,,,,', // 4 rejected: mobile too short
      ',,,,,,只有备注', // 5 rejected: no contact
      `张三又来,${m1.slice(0, 3)}-${m1.slice(3, 7)}-${m1.slice(7)},,,,,`, // 6 merged into row 2 (same mobile, another format)
      `老客户,${existing},,,,,`, // 7 merged into the open lead
      `赵六,${m3},not-an-email,,,,`, // 8 rejected: e-mail
      '', // blank line skipped
      `钱七,,qq@example.cn,,,,`, // 10 created
    ];
    const file = join(dir, '展会名单.csv');
    writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
    const before = await leadCount();

    const started = await upload(marketing, file, { poolId: pool, channel: 'exhibition', campaign: '2026 秋季展会' }).expect(202);
    expect(started.headers.location).toBe(`/api/v1/lead-imports/${started.body.id}`);
    expect(started.body).toMatchObject({ fileName: '展会名单.csv', format: 'csv', poolId: pool });
    const done = await finished(started.body.id);
    expect(done).toMatchObject({ status: 'completed', rowsRead: 8, created: 3, merged: 2, rejected: 3, error: null });
    expect(await leadCount()).toBe(before + 3);

    const rejected = await api.http
      .get(`/api/v1/lead-imports/${started.body.id}/rows`)
      .query({ status: 'rejected' })
      .set('Authorization', marketing.auth)
      .expect(200);
    expect(rejected.body.items).toEqual([
      { rowNumber: 4, status: 'rejected', leadId: null, errorCode: 'LEAD.INVALID_MOBILE', errorField: 'mobile' },
      { rowNumber: 5, status: 'rejected', leadId: null, errorCode: 'LEAD.NO_CONTACT', errorField: null },
      { rowNumber: 8, status: 'rejected', leadId: null, errorCode: 'LEAD_IMPORT.INVALID_EMAIL', errorField: 'email' },
    ]);
    const all = (await api.http.get(`/api/v1/lead-imports/${started.body.id}/rows`).query({ limit: 3 }).set('Authorization', marketing.auth).expect(200)).body;
    expect(all.items.map((row: { rowNumber: number }) => row.rowNumber)).toEqual([2, 3, 4]);
    const rest = (
      await api.http
        .get(`/api/v1/lead-imports/${started.body.id}/rows`)
        .query({ limit: 50, cursor: all.nextCursor })
        .set('Authorization', marketing.auth)
        .expect(200)
    ).body;
    expect(rest.items.map((row: { rowNumber: number; status: string }) => [row.rowNumber, row.status])).toEqual([
      [5, 'rejected'],
      [6, 'merged'],
      [7, 'merged'],
      [8, 'rejected'],
      [10, 'created'],
    ]);
    const row2 = all.items[0];
    expect(rest.items[1].leadId).toBe(row2.leadId);
    const lead = (await api.http.get(`/api/v1/leads/${row2.leadId}`).set('Authorization', marketing.auth).expect(200)).body;
    expect(lead).toMatchObject({ personName: '张三', companyName: '杭州甲公司', channel: 'exhibition', campaign: '2026 秋季展会', pool: { id: pool } });
    expect([r1.id, r2.id]).toContain(lead.ownerId);
    const row3 = (await api.http.get(`/api/v1/leads/${all.items[1].leadId}`).set('Authorization', marketing.auth).expect(200)).body;
    expect(row3).toMatchObject({ channel: 'wechat', notes: '多行"备注"' });

    // The same file again: the same import, nothing new.
    const again = await upload(marketing, file, { poolId: pool }).expect(200);
    expect(again.body.id).toBe(started.body.id);
    expect(await leadCount()).toBe(before + 3);
    // The same rows in another file: every row merges or is rejected again, no new lead.
    writeFileSync(join(dir, 'copy.csv'), `${lines.slice(0, 9).join('\r\n')}\r\n${lines[9]}\r\n${lines[1]}\r\n`);
    const copy = await finished((await upload(marketing, join(dir, 'copy.csv'), { poolId: pool }).expect(202)).body.id);
    expect(copy).toMatchObject({ status: 'completed', created: 0, merged: 6, rejected: 3 });
    expect(await leadCount()).toBe(before + 3);

    // Someone else neither sees the import nor imports into a pool they do not reach.
    await api.http.get(`/api/v1/lead-imports/${started.body.id}`).set('Authorization', other.auth).expect(404);
    await api.http.get(`/api/v1/lead-imports/${started.body.id}/rows`).set('Authorization', other.auth).expect(404);
    expect((await upload(other, file, { poolId: pool }).expect(404)).body.code).toBe('LEAD_POOL.NOT_FOUND');
    writeFileSync(join(dir, 'list.txt'), 'a,b\n');
    expect((await upload(marketing, join(dir, 'list.txt')).expect(400)).body.code).toBe('LEAD_IMPORT.UNSUPPORTED_FORMAT');
    await upload(marketing, file, { poolId: pool, colour: 'red' }).expect(400);
  });

  it('removes an upload refused after it was stored (400, 404), and lists imports within reach, newest first', async () => {
    const uploads = join(tmpdir(), 'crm-lead-imports');
    mkdirSync(uploads, { recursive: true });
    const file = join(dir, 'refused.csv');
    writeFileSync(file, `姓名,手机\n拒绝,${uniqueMobile()}\n`);
    const stored = () => new Set(readdirSync(uploads));
    const before = stored();
    await upload(marketing, file, { poolId: 'not-a-uuid' }).expect(400);
    await upload(marketing, file, { poolId: pool, colour: 'red' }).expect(400);
    await upload(other, file, { poolId: pool }).expect(404);
    // Other suites may upload meanwhile: only files that appeared and stayed would be ours.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...stored()].filter((name) => !before.has(name))).toEqual([]);
    // Nothing was imported from the refused file.
    expect(await api.tx.query(`SELECT 1 FROM lead.imports WHERE file_name = 'refused.csv'`)).toEqual([]);

    const mine = (await api.http.get('/api/v1/lead-imports').set('Authorization', marketing.auth).expect(200)).body;
    const ownIds = (await api.tx.query<{ id: string }>(`SELECT id FROM lead.imports WHERE created_by = $1 ORDER BY id DESC`, [marketing.id])).map((r) => r.id);
    expect(ownIds.length).toBeGreaterThanOrEqual(2);
    expect(mine.items.map((item: { id: string }) => item.id).filter((id: string) => ownIds.includes(id))).toEqual(ownIds);
    expect(mine.items[0]).toMatchObject({ createdBy: marketing.id, poolId: expect.any(String), status: expect.any(String), rowsRead: expect.any(Number) });
    const first = (await api.http.get('/api/v1/lead-imports').query({ limit: 1 }).set('Authorization', marketing.auth).expect(200)).body;
    const second = (await api.http.get('/api/v1/lead-imports').query({ limit: 1, cursor: first.nextCursor }).set('Authorization', marketing.auth).expect(200))
      .body;
    expect([first.items[0].id, second.items[0].id]).toEqual(mine.items.slice(0, 2).map((item: { id: string }) => item.id));
    // Someone who neither started them nor administers the pool sees none of them.
    const others = (await api.http.get('/api/v1/lead-imports').set('Authorization', other.auth).expect(200)).body;
    expect(others.items.filter((item: { id: string }) => ownIds.includes(item.id))).toEqual([]);
    await api.http.get('/api/v1/lead-imports').query({ colour: 'red' }).set('Authorization', marketing.auth).expect(400);
  });

  it('flags rows of existing customers or their contacts and routes them to the customer holder; others follow the pool rules', async () => {
    // r1 holds an enterprise; r2 holds an individual; a contact of r2's enterprise has a mobile and an e-mail.
    const enterprise = (
      await api.http.post('/api/v1/customers').set('Authorization', r1.auth).send({ kind: 'enterprise', name: '绍兴导入匹配科技有限公司' }).expect(201)
    ).body.id as string;
    const personMobile = uniqueMobile();
    const individual = (
      await api.http.post('/api/v1/customers').set('Authorization', r2.auth).send({ kind: 'individual', name: '匹配个人', phone: personMobile }).expect(201)
    ).body.id as string;
    const employer = (
      await api.http.post('/api/v1/customers').set('Authorization', r2.auth).send({ kind: 'enterprise', name: '嘉兴联系人所在有限公司' }).expect(201)
    ).body.id as string;
    const contactMobile = uniqueMobile();
    const contact = (
      await api.http
        .post('/api/v1/contacts')
        .set('Authorization', r2.auth)
        .send({ name: '联系人匹配', phones: [contactMobile], emails: ['Match.Contact@Example.cn'] })
        .expect(201)
    ).body.id as string;
    await api.http
      .post(`/api/v1/customers/${employer}/contacts`)
      .set('Authorization', r2.auth)
      .send({ contactId: contact, role: 'decision-maker', startedOn: '2026-01-01' })
      .expect(201);

    const lines = [
      '姓名,手机,邮箱,公司',
      `公司匹配,${uniqueMobile()},,绍兴导入匹配科技（有限公司）`, // 2: enterprise by name -> r1
      `个人匹配,+86 ${personMobile},,`, // 3: individual by mobile -> r2
      `联系人手机,${contactMobile},,`, // 4: contact by mobile -> employer, r2
      `联系人邮箱,${uniqueMobile()},match.contact@example.cn,`, // 5: contact by e-mail -> employer, r2
      `新人,${uniqueMobile()},,从未合作过的导入公司`, // 6: nobody's: the pool's round-robin
    ];
    const file = join(dir, 'customers.csv');
    writeFileSync(file, lines.join('\n'));
    const done = await finished((await upload(marketing, file, { poolId: pool }).expect(202)).body.id);
    expect(done).toMatchObject({ status: 'completed', created: 5, merged: 0, rejected: 0 });
    const leads = await api.tx.query<{ person_name: string; matched_customer_id: string | null; owner_id: string | null }>(
      `SELECT l.person_name, l.matched_customer_id, l.owner_id FROM lead.import_rows r JOIN lead.leads l ON l.id = r.lead_id
        WHERE r.import_id = $1 ORDER BY r.row_number`,
      [done.id],
    );
    expect(leads.slice(0, 4)).toEqual([
      { person_name: '公司匹配', matched_customer_id: enterprise, owner_id: r1.id },
      { person_name: '个人匹配', matched_customer_id: individual, owner_id: r2.id },
      { person_name: '联系人手机', matched_customer_id: employer, owner_id: r2.id },
      { person_name: '联系人邮箱', matched_customer_id: employer, owner_id: r2.id },
    ]);
    expect(leads[4]).toMatchObject({ person_name: '新人', matched_customer_id: null });
    expect([r1.id, r2.id]).toContain(leads[4]!.owner_id);
    // The routing is in the assignment log with its reason.
    const [log] = await api.tx.query<{ strategy: string; how: string }>(
      `SELECT a.strategy, a.how FROM lead.assignments a JOIN lead.leads l ON l.id = a.lead_id WHERE l.person_name = '公司匹配'`,
    );
    expect(log).toEqual({ strategy: 'customer-holder', how: 'auto' });
  });

  it('imports an XLSX file, and 1,201 rows across three batches with duplicates between batches, assigned round-robin', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索');
    sheet.addRow(['personName', 'mobile', 'companyName', 'city']);
    const xlsxMobiles = [uniqueMobile(), uniqueMobile()];
    sheet.addRow(['孙八', xlsxMobiles[0], { richText: [{ text: '宁波' }, { text: '乙公司' }] }, '宁波']);
    sheet.addRow(['周九', Number(xlsxMobiles[1]), null, '温州']);
    sheet.addRow(['吴十', 'bad', null, null]);
    const xlsx = join(dir, 'leads.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const x = await finished((await upload(marketing, xlsx, { poolId: pool }).expect(202)).body.id);
    expect(x).toMatchObject({ status: 'completed', format: 'xlsx', rowsRead: 3, created: 2, merged: 0, rejected: 1 });
    const [ningbo] = await api.tx.query<{ company_name: string; city: string }>(`SELECT company_name, city FROM lead.leads WHERE mobile = $1`, [
      xlsxMobiles[0],
    ]);
    expect(ningbo).toEqual({ company_name: '宁波乙公司', city: '宁波' });

    // 1,201 rows: every 100th row repeats the mobile of the row 550 before it (another batch), so 12 merge.
    const mobiles: string[] = [];
    const rows = ['name,mobile'];
    for (let i = 1; i <= 1201; i++) {
      const mobile = i % 100 === 0 && i > 550 ? mobiles[i - 551]! : uniqueMobile();
      mobiles.push(mobile);
      rows.push(`客户${i},${mobile}`);
    }
    const repeats = mobiles.filter((_, index) => (index + 1) % 100 === 0 && index + 1 > 550).length;
    expect(repeats).toBe(7);
    writeFileSync(join(dir, 'big.csv'), rows.join('\n'));
    const before = await api.tx.query<{ owner_id: string; n: number }>(
      `SELECT owner_id, count(*)::int AS n FROM lead.leads WHERE pool_id = $1 GROUP BY owner_id ORDER BY owner_id`,
      [pool],
    );
    const big = await finished((await upload(marketing, join(dir, 'big.csv'), { poolId: pool }).expect(202)).body.id);
    expect(big).toMatchObject({ status: 'completed', rowsRead: 1201, created: 1201 - repeats, merged: repeats, rejected: 0 });
    const after = await api.tx.query<{ owner_id: string; n: number }>(
      `SELECT owner_id, count(*)::int AS n FROM lead.leads WHERE pool_id = $1 GROUP BY owner_id ORDER BY owner_id`,
      [pool],
    );
    // 1,194 new leads over two people taking turns: 597 more each.
    const gained = after.map((row) => row.n - (before.find((b) => b.owner_id === row.owner_id)?.n ?? 0));
    expect(gained).toEqual([597, 597]);
  }, 120_000);

  it('reads XLSX date cells in the capturedAt column as dates, not serial day numbers; a bad date rejects its row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索');
    sheet.addRow(['姓名', '手机', '创建日期']);
    const mobiles = [uniqueMobile(), uniqueMobile(), uniqueMobile(), uniqueMobile()];
    // A real date cell (exceljs writes it as serial 46112 with a date format), a date typed as text, none, and nonsense.
    sheet.addRow(['郑一', mobiles[0], new Date(Date.UTC(2026, 2, 31))]);
    sheet.getCell('C2').numFmt = 'yyyy-mm-dd';
    sheet.addRow(['王二', mobiles[1], '2025/12/1']);
    sheet.addRow(['冯三', mobiles[2], null]);
    sheet.addRow(['陈四', mobiles[3], '上周']);
    const path = join(dir, 'dated.xlsx');
    await workbook.xlsx.writeFile(path);
    // The file really holds a serial day number: 2026-03-31 is day 46,112 after 1899-12-30.
    expect((Date.UTC(2026, 2, 31) - Date.UTC(1899, 11, 30)) / 86_400_000).toBe(46112);

    const done = await finished((await upload(marketing, path, { poolId: pool }).expect(202)).body.id);
    expect(done).toMatchObject({ status: 'completed', format: 'xlsx', rowsRead: 4, created: 3, rejected: 1 });
    const rows = await api.http
      .get(`/api/v1/lead-imports/${done.id as string}/rows`)
      .query({ status: 'rejected' })
      .set('Authorization', marketing.auth)
      .expect(200);
    expect(rows.body.items).toEqual([expect.objectContaining({ rowNumber: 5, errorCode: 'LEAD_IMPORT.INVALID_DATE', errorField: 'capturedAt' })]);

    const leadOf = async (mobile: string) => {
      const [row] = await api.tx.query<{ id: string }>(`SELECT id FROM lead.leads WHERE mobile = $1`, [mobile]);
      return (await api.http.get(`/api/v1/leads/${row!.id}`).set('Authorization', marketing.auth).expect(200)).body as {
        capturedAt: string | null;
        createdAt: string;
      };
    };
    expect((await leadOf(mobiles[0]!)).capturedAt).toBe('2026-03-31');
    expect((await leadOf(mobiles[1]!)).capturedAt).toBe('2025-12-01');
    const undated = await leadOf(mobiles[2]!);
    expect(undated.capturedAt).toBeNull();
    expect(new Date(undated.createdAt).getTime()).toBeGreaterThan(Date.now() - 600_000);
  });
});
