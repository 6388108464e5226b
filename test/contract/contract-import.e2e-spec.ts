import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { TestApp, type TestUser } from '../support/test-app.js';
import { getContract } from './contract-fixtures.js';

/**
 * Contract import [合同导入]: real CSV and XLSX files; each row a draft contract made with the same
 * checks as the API (customer one works, exact decimals, a plan summing to the amount) or a report
 * line with its code; the same file again creates nothing; another rep's customers read as unknown.
 */
describe('Contract import: CSV and XLSX, per-row report, idempotent, data scope', () => {
  let api: TestApp;
  let rep: TestUser;
  let otherRep: TestUser;
  let dir: string;
  let ownName: string;
  let ownId: string;
  let othersName: string;
  let othersId: string;
  const tag = Math.random().toString(36).slice(2, 7);

  async function customer(by: TestUser, name: string): Promise<string> {
    const { body } = await api.http.post('/api/v1/customers').set('Authorization', by.auth).send({ kind: 'enterprise', name }).expect(201);
    await api.settleEvents();
    return body.id as string;
  }

  beforeAll(async () => {
    api = await TestApp.start();
    rep = await api.user(['sales-rep']);
    otherRep = await api.user(['sales-rep']);
    ownName = `导入甲${tag}科技有限公司`;
    othersName = `导入乙${tag}贸易有限公司`;
    ownId = await customer(rep, ownName);
    othersId = await customer(otherRep, othersName);
    dir = mkdtempSync(join(tmpdir(), 'contract-import-spec-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  const upload = (by: TestUser, path: string) => api.http.post('/api/v1/contract-imports').set('Authorization', by.auth).attach('file', path);
  async function finished(by: TestUser, id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 600; i++) {
      const body = (await api.http.get(`/api/v1/contract-imports/${id}`).set('Authorization', by.auth).expect(200)).body;
      if (body.status === 'completed' || body.status === 'failed') return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('import did not finish');
  }
  const rowsOf = async (by: TestUser, id: string, query = '') =>
    (await api.http.get(`/api/v1/contract-imports/${id}/rows${query}`).set('Authorization', by.auth).expect(200)).body.items as Record<string, unknown>[];
  const contractsOfCustomer = async (customerId: string) =>
    (await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM contract.contracts WHERE customer_id = $1`, [customerId]))[0]!.n;

  it('imports a CSV: good rows become drafts, bad rows are reported with codes, the same file twice creates nothing more', async () => {
    const number = `HT-OLD-${tag}`;
    const lines = [
      'number,name,type,signing_party,customer_id,customer,amount,currency,start_date,end_date,instalment1_due,instalment1_amount,instalment2_due,instalment2_amount,instalments,owner', // 1
      `,年度维保合同,standard,上海示例科技有限公司,,${ownName},1000.30,CNY,2026-01-01,2026-12-31,2026-06-30,0.10,2026-03-31,1000.20,,`, // 2 created
      `${number},框架采购合同,framework,上海示例科技有限公司,${ownId},,99.99,,2026-01-01,2027-12-31,,,,,2026-01-31=33.33; 2026-02-28=33.33; 2026-03-31=33.33,${rep.id}`, // 3 created
      `,金额有逗号,standard,上海示例科技有限公司,,${ownName},"1,000.00",CNY,,,,,,,,`, // 4 CONTRACT.INVALID_AMOUNT
      `,计划不等于金额,standard,上海示例科技有限公司,,${ownName},100.00,CNY,,,2026-01-31,33.33,2026-02-28,33.33,2026-03-31=33.33,`, // 5 CONTRACT.PLAN_MISMATCH
      `,无此客户,standard,上海示例科技有限公司,,不存在的客户${tag},10.00,CNY,,,,,,,,`, // 6 unknown customer
      `,他人客户按ID,standard,上海示例科技有限公司,${othersId},,10.00,CNY,,,,,,,,`, // 7 another rep's customer by id
      `,他人客户按名称,standard,上海示例科技有限公司,,${othersName},10.00,CNY,,,,,,,,`, // 8 another rep's customer by name
      `,日期不对,standard,上海示例科技有限公司,,${ownName},10.00,CNY,2026-02-30,,,,,,,`, // 9 CONTRACT_IMPORT.INVALID_DATE
      `${number},同号再来,standard,上海示例科技有限公司,,${ownName},10.00,CNY,,,,,,,,`, // 10 skipped: number taken by row 3
      `,他人负责,standard,上海示例科技有限公司,,${ownName},10.00,CNY,,,,,,,,${otherRep.id}`, // 11 CONTRACT.OWNER_NOT_ASSIGNABLE
      `,口头合同,oral,上海示例科技有限公司,,${ownName},10.00,CNY,,,,,,,,`, // 12 CONTRACT_IMPORT.INVALID_VALUE (type)
    ];
    const file = join(dir, '存量合同.csv');
    writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);

    const started = await upload(rep, file).expect(202);
    expect(started.headers.location).toBe(`/api/v1/contract-imports/${started.body.id}`);
    const done = await finished(rep, started.body.id);
    expect(done).toMatchObject({
      status: 'completed',
      fileName: '存量合同.csv',
      format: 'csv',
      rowsRead: 11,
      created: 2,
      rejected: 8,
      skipped: 1,
      createdBy: rep.id,
    });

    const rows = await rowsOf(rep, started.body.id);
    expect(rows.map((r) => [r.rowNumber, r.status, r.errorCode, r.errorField])).toEqual([
      [2, 'created', null, null],
      [3, 'created', null, null],
      [4, 'rejected', 'CONTRACT.INVALID_AMOUNT', 'amount'],
      [5, 'rejected', 'CONTRACT.PLAN_MISMATCH', 'instalments'],
      [6, 'rejected', 'CONTRACT_IMPORT.CUSTOMER_NOT_FOUND', 'customer'],
      [7, 'rejected', 'CONTRACT_IMPORT.CUSTOMER_NOT_FOUND', 'customerId'],
      [8, 'rejected', 'CONTRACT_IMPORT.CUSTOMER_NOT_FOUND', 'customer'],
      [9, 'rejected', 'CONTRACT_IMPORT.INVALID_DATE', 'startDate'],
      [10, 'skipped', 'CONTRACT_IMPORT.DUPLICATE_NUMBER', 'number'],
      [11, 'rejected', 'CONTRACT.OWNER_NOT_ASSIGNABLE', 'ownerId'],
      [12, 'rejected', 'CONTRACT_IMPORT.INVALID_VALUE', 'type'],
    ]);
    const rejected = await rowsOf(rep, started.body.id, '?status=rejected&limit=3');
    expect(rejected.map((r) => r.rowNumber)).toEqual([4, 5, 6]);

    // The drafts, exactly as the API would have made them: decimals kept, plan by due date, numbers.
    const first = (await getContract(api, rep, rows[0]!.contractId as string).expect(200)).body;
    expect(first).toMatchObject({
      status: 'draft',
      customerId: ownId,
      ownerId: rep.id,
      amount: '1000.30',
      number: rows[0]!.contractNumber,
      instalments: [
        { seq: 1, dueDate: '2026-03-31', amount: '1000.20', status: 'pending' },
        { seq: 2, dueDate: '2026-06-30', amount: '0.10', status: 'pending' },
      ],
    });
    expect(first.number).toMatch(/^HT\d{6}-\d{4}$/);
    const second = (await getContract(api, rep, rows[1]!.contractId as string).expect(200)).body;
    expect(second).toMatchObject({ number, type: 'framework', amount: '99.99', endDate: '2027-12-31' });
    expect(second.instalments.map((i: { amount: string }) => i.amount)).toEqual(['33.33', '33.33', '33.33']);
    const created = await api.tx.query<{ aggregate_id: string }>(
      `SELECT aggregate_id FROM platform.events WHERE type = 'contract.created.v1' AND aggregate_id = ANY($1::uuid[])`,
      [[first.id, second.id]],
    );
    expect(created).toHaveLength(2);

    // Nothing leaked onto the other rep's customer, and the other rep does not see the import.
    expect(await contractsOfCustomer(othersId)).toBe(0);
    await api.http.get(`/api/v1/contract-imports/${started.body.id}`).set('Authorization', otherRep.auth).expect(404);
    await api.http.get(`/api/v1/contract-imports/${started.body.id}/rows`).set('Authorization', otherRep.auth).expect(404);
    const othersList = (await api.http.get('/api/v1/contract-imports').set('Authorization', otherRep.auth).expect(200)).body;
    expect(othersList.items.map((i: { id: string }) => i.id)).not.toContain(started.body.id);
    const ownList = (await api.http.get('/api/v1/contract-imports').set('Authorization', rep.auth).expect(200)).body;
    expect(ownList.items[0]).toMatchObject({ id: started.body.id, created: 2 });

    // The same file again: the same import, nothing new.
    const again = await upload(rep, file).expect(200);
    expect(again.body.id).toBe(started.body.id);
    expect(await contractsOfCustomer(ownId)).toBe(2);

    // Another file with the numbered row again: skipped as a duplicate.
    const file2 = join(dir, '存量合同-补充.csv');
    writeFileSync(file2, `${lines[0]}\n${lines[2]}\n`);
    const second2 = await upload(rep, file2).expect(202);
    expect(await finished(rep, second2.body.id)).toMatchObject({ status: 'completed', rowsRead: 1, created: 0, skipped: 1 });
    expect(await contractsOfCustomer(ownId)).toBe(2);
  });

  it('imports an XLSX with Chinese headings, number and date cells, and refuses what is not .csv / .xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('合同');
    sheet.addRow(['合同名称', '合同类型', '签约主体', '客户名称', '合同金额', '开始日期', '结束日期', '第1期到期日', '第1期金额', '第2期到期日', '第2期金额']);
    sheet.addRow([
      'XLSX 合同',
      '框架合同',
      '上海示例科技有限公司',
      ownName,
      0.3,
      new Date(Date.UTC(2026, 0, 1)),
      new Date(Date.UTC(2026, 11, 31)),
      new Date(Date.UTC(2026, 1, 28)),
      0.1,
      '2026-05-31',
      0.2,
    ]);
    sheet.addRow(['XLSX 不平', '标准合同', '上海示例科技有限公司', ownName, 100, null, null, '2026-02-28', 33.33, '2026-03-31', 33.33]);
    sheet.addRow(['XLSX 他人', '标准合同', '上海示例科技有限公司', othersName, 10, null, null, null, null, null, null]);
    const file = join(dir, '合同台账.xlsx');
    await workbook.xlsx.writeFile(file);

    const started = await upload(rep, file).expect(202);
    expect(await finished(rep, started.body.id)).toMatchObject({ status: 'completed', format: 'xlsx', rowsRead: 3, created: 1, rejected: 2, skipped: 0 });
    const rows = await rowsOf(rep, started.body.id);
    expect(rows.map((r) => [r.rowNumber, r.status, r.errorCode])).toEqual([
      [2, 'created', null],
      [3, 'rejected', 'CONTRACT.PLAN_MISMATCH'],
      [4, 'rejected', 'CONTRACT_IMPORT.CUSTOMER_NOT_FOUND'],
    ]);
    const contract = (await getContract(api, rep, rows[0]!.contractId as string).expect(200)).body;
    expect(contract).toMatchObject({
      type: 'framework',
      amount: '0.30',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      instalments: [
        { dueDate: '2026-02-28', amount: '0.10' },
        { dueDate: '2026-05-31', amount: '0.20' },
      ],
    });
    expect(await contractsOfCustomer(othersId)).toBe(0);

    const text = join(dir, 'contracts.txt');
    writeFileSync(text, 'name,amount\n');
    const refused = await upload(rep, text).expect(400);
    expect(refused.body.code).toBe('CONTRACT_IMPORT.UNSUPPORTED_FORMAT');
    const headless = join(dir, 'no-columns.csv');
    writeFileSync(headless, 'foo,bar\n1,2\n');
    const failed = await upload(rep, headless).expect(202);
    expect(await finished(rep, failed.body.id)).toMatchObject({ status: 'failed', error: 'CONTRACT_IMPORT.MISSING_COLUMNS' });
  });
});
