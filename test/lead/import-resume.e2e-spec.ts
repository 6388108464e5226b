import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ResumeLeadImportsJob } from '@crm/contracts/lead';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { LeadImporter } from '../../libs/lead/src/application/lead-importer.js';
import { s3Server } from '../support/s3-server.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { leadPeople, uniqueMobile } from './lead-fixtures.js';

/**
 * Imports survive the process running them (LEAD-1): the upload waits in the shared file storage,
 * the running process holds a lease renewed with every batch, and when it dies the scheduled job of
 * another process (an API replica or the worker) takes the import up after its last reported row.
 * The crash: process A's import is made to stop after some batches, leaving it processing and
 * leased as a process that dies there would; its lease is then made to have run out.
 */
describe('Lead import: resumed by another process after the one running it died', () => {
  let storageDir: string;
  let dir: string;
  let a: TestApp;
  let replica: TestApp;
  let worker: INestApplicationContext;
  let marketing: TestUser;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'lead-import-storage-'));
    dir = mkdtempSync(join(tmpdir(), 'lead-import-resume-'));
    a = await TestApp.start({ config: { storageDir } });
    replica = await TestApp.start({ sharedWith: a, config: { storageDir } });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...a.config, heartbeatFile: join(dir, 'worker.heartbeat') }), {
      logger: ['error'],
    });
    await worker.init();
    ({ marketing } = await leadPeople(a));
  });
  afterAll(async () => {
    await worker?.close();
    await replica?.close();
    await a?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(storageDir, { recursive: true, force: true });
  });

  /** A CSV of `rows` rows (file rows 2 …): every 100th from row 600 on repeats the mobile of the row 550 before it; every 250th has a bad mobile. */
  function csv(name: string, rows: number): { path: string; created: number; merged: number; rejected: number; mobiles: string[] } {
    const mobiles: string[] = [];
    const lines = ['姓名,手机'];
    let merged = 0;
    let rejected = 0;
    for (let i = 1; i <= rows; i++) {
      if (i % 250 === 0) {
        rejected++;
        mobiles.push('');
        lines.push(`坏号${i},12`);
        continue;
      }
      const repeat = i % 100 === 0 && i > 550 && mobiles[i - 551] !== '';
      const mobile = repeat ? mobiles[i - 551]! : uniqueMobile();
      if (repeat) merged++;
      mobiles.push(mobile);
      lines.push(`客户${i},${mobile}`);
    }
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return { path, created: rows - merged - rejected, merged, rejected, mobiles: [...new Set(mobiles.filter(Boolean))] };
  }

  /** Has `method` of `target` do `instead` the next time it is called, then behave as before; answers what it was called with. */
  function nextCall<T extends object, K extends keyof T>(target: T, method: K, instead: (original: T[K], ...args: unknown[]) => unknown): unknown[][] {
    const original = target[method];
    const calls: unknown[][] = [];
    target[method] = ((...args: unknown[]) => {
      target[method] = original;
      calls.push(args);
      return instead((original as (...a: unknown[]) => unknown).bind(target) as T[K], ...args);
    }) as T[K];
    return calls;
  }

  /** Uploads `path` to process A, whose importer stops after `batches` batches as if A died there. */
  async function crashedImport(path: string, batches: number): Promise<string> {
    let cut: Promise<void> | undefined;
    const calls = nextCall(a.app.get(LeadImporter), 'run', (run, id) => (cut = run(id as string, { stopAfterBatches: batches })));
    const id = (await a.http.post('/api/v1/lead-imports').set('Authorization', marketing.auth).attach('file', path).expect(202)).body.id as string;
    expect(calls).toEqual([[id]]);
    await cut;
    return id;
  }

  const importOf = async (id: string) => (await a.http.get(`/api/v1/lead-imports/${id}`).set('Authorization', marketing.auth).expect(200)).body;
  const storedFile = (id: string) => join(storageDir, 'lead-imports', id);
  /** As when the process holding the lease died more than a lease ago. */
  const leaseRunsOut = (id: string) => a.tx.query(`UPDATE lead.imports SET lease_until = now() - interval '1 second' WHERE id = $1`, [id]);

  async function expectReportedOnce(id: string, file: ReturnType<typeof csv>, rows: number): Promise<void> {
    expect(await importOf(id)).toMatchObject({
      status: 'completed',
      rowsRead: rows,
      created: file.created,
      merged: file.merged,
      rejected: file.rejected,
      error: null,
    });
    const [report] = await a.tx.query<{ n: number; first: number; last: number; created: number; leads: number }>(
      `SELECT count(*)::int AS n, min(row_number) AS first, max(row_number) AS last,
              count(*) FILTER (WHERE status = 'created')::int AS created, count(DISTINCT lead_id) FILTER (WHERE status = 'created')::int AS leads
         FROM lead.import_rows WHERE import_id = $1`,
      [id],
    );
    // Every file row (2 … rows + 1) once, and a distinct lead per created row.
    expect(report).toEqual({ n: rows, first: 2, last: rows + 1, created: file.created, leads: file.created });
    // One lead per distinct mobile of the file: none made twice.
    const [leads] = await a.tx.query<{ n: number; mobiles: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT mobile)::int AS mobiles FROM lead.leads WHERE mobile = ANY($1::text[])`,
      [file.mobiles],
    );
    expect(leads).toEqual({ n: file.mobiles.length, mobiles: file.mobiles.length });
    expect(file.mobiles.length).toBe(file.created);
  }

  it('finishes in the worker an import whose process died after two of three batches: every row reported once, no lead twice, the file removed', async () => {
    const file = csv('cut.csv', 1300);
    const id = await crashedImport(file.path, 2);

    // A died after two batches: 1,000 rows reported, still processing and leased to A, its file in the shared storage.
    expect(await importOf(id)).toMatchObject({ status: 'processing', rowsRead: 1000 });
    const [held] = await a.tx.query<{ locked_by: string; live: boolean }>(`SELECT locked_by, lease_until > now() AS live FROM lead.imports WHERE id = $1`, [
      id,
    ]);
    expect(held).toEqual({ locked_by: a.app.get(LeadImporter).holder, live: true });
    expect(existsSync(storedFile(id))).toBe(true);

    // While the lease lasts nobody else takes it.
    expect(await worker.get(ResumeLeadImportsJob).run()).toEqual([]);
    expect(await importOf(id)).toMatchObject({ status: 'processing', rowsRead: 1000 });

    await leaseRunsOut(id);
    expect(await worker.get(ResumeLeadImportsJob).run()).toEqual([id]);
    await expectReportedOnce(id, file, 1300);
    expect(existsSync(storedFile(id))).toBe(false);
    const [released] = await a.tx.query(`SELECT locked_by, lease_until FROM lead.imports WHERE id = $1`, [id]);
    expect(released).toEqual({ locked_by: null, lease_until: null });
  }, 120_000);

  it('lets no batch of a process that lost its lease commit: the process that took the import over writes every row once', async () => {
    const file = csv('overtaken.csv', 1600);
    const id = await crashedImport(file.path, 1);
    await leaseRunsOut(id);
    // The replica's job takes the import over and, in its turn, stops after one more batch, keeping the lease.
    const importer = replica.app.get(LeadImporter);
    nextCall(importer, 'process', (process, importId) => process(importId as string, { stopAfterBatches: 1 }));
    expect(await replica.app.get(ResumeLeadImportsJob).run()).toEqual([id]);
    expect(await importOf(id)).toMatchObject({ status: 'processing', rowsRead: 1000 });

    // A was only paused, not dead, and carries on: it lost the lease, so nothing it does commits.
    await a.app.get(LeadImporter).process(id);
    expect(await importOf(id)).toMatchObject({ status: 'processing', rowsRead: 1000 });
    const [held] = await a.tx.query(`SELECT locked_by FROM lead.imports WHERE id = $1`, [id]);
    expect(held).toEqual({ locked_by: importer.holder });
    expect(existsSync(storedFile(id))).toBe(true);

    await leaseRunsOut(id);
    expect(await worker.get(ResumeLeadImportsJob).run()).toEqual([id]);
    await expectReportedOnce(id, file, 1600);
    expect(existsSync(storedFile(id))).toBe(false);
  }, 120_000);

  it('never lets two processes running the job at once resume the same import', async () => {
    const files = [csv('one.csv', 700), csv('two.csv', 700), csv('three.csv', 700), csv('four.csv', 700)];
    const ids: string[] = [];
    for (const file of files) ids.push(await crashedImport(file.path, 1));
    for (const id of ids) await leaseRunsOut(id);

    // The worker and the replica run the job at once while a third process is taking the first
    // import (its row locked): between them they take the other three, none twice, and pass over that one.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const third = a.tx.run(async () => {
      await a.tx.query(`SELECT 1 FROM lead.imports WHERE id = $1 FOR UPDATE`, [ids[0]]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    const [byWorker, byReplica] = await Promise.all([worker.get(ResumeLeadImportsJob).run(), replica.app.get(ResumeLeadImportsJob).run()]);
    release();
    await third;
    expect([...byWorker, ...byReplica].sort()).toEqual(ids.slice(1).sort());
    expect(await importOf(ids[0]!)).toMatchObject({ status: 'processing', rowsRead: 500 });

    expect(await replica.app.get(ResumeLeadImportsJob).run()).toEqual([ids[0]]);
    for (const [index, id] of ids.entries()) await expectReportedOnce(id, files[index]!, 700);
    for (const id of ids) expect(existsSync(storedFile(id))).toBe(false);
  }, 120_000);

  it('keeps the upload where every process reads it: a queued import whose process died before starting is run by another', async () => {
    const file = csv('never-started.csv', 300);
    // A commits the import and dies before running it: its run never happens.
    nextCall(a.app.get(LeadImporter), 'run', () => Promise.resolve());
    const id = (await a.http.post('/api/v1/lead-imports').set('Authorization', marketing.auth).attach('file', file.path).expect(202)).body.id as string;
    expect(await importOf(id)).toMatchObject({ status: 'queued', rowsRead: 0 });
    expect(await replica.app.get(ResumeLeadImportsJob).run()).toEqual([id]);
    await expectReportedOnce(id, file, 300);
  }, 60_000);

  it('has a process that stops finish the batch in hand and hand its import back, taken at once by another', async () => {
    const file = csv('stopping.csv', 1300);
    const stopping = await TestApp.start({ sharedWith: a, config: { storageDir } });
    const importer = stopping.app.get(LeadImporter);
    // Once it holds the import, it waits for the gate; the test locks the import's row meanwhile, so its first batch waits too.
    let claimed!: (id: string) => void;
    const isClaimed = new Promise<string>((resolve) => (claimed = resolve));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    nextCall(importer, 'process', async (process, importId) => {
      claimed(importId as string);
      await gate;
      return process(importId as string);
    });
    const id = (await stopping.http.post('/api/v1/lead-imports').set('Authorization', marketing.auth).attach('file', file.path).expect(202)).body.id as string;
    expect(await isClaimed).toBe(id);

    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = a.tx.run(async () => {
      await a.tx.query(`SELECT 1 FROM lead.imports WHERE id = $1 FOR UPDATE`, [id]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    open();
    // Its first batch is under way, waiting for the row; then the process is told to stop.
    const waitingBatches = async () =>
      (
        await a.tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%clock_timestamp() + make_interval%'`,
        )
      )[0]!.n;
    while ((await waitingBatches()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const closed = stopping.close();
    while (importer.accepting) await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await holding;
    await closed;

    // The batch in hand committed; the import is nobody's, still processing, and its file stays.
    expect(await importOf(id)).toMatchObject({ status: 'processing', rowsRead: 500 });
    const [handedBack] = await a.tx.query(`SELECT locked_by, lease_until FROM lead.imports WHERE id = $1`, [id]);
    expect(handedBack).toEqual({ locked_by: null, lease_until: null });
    expect(existsSync(storedFile(id))).toBe(true);
    // No lease to wait for: the replica's job takes it now.
    expect(await replica.app.get(ResumeLeadImportsJob).run()).toEqual([id]);
    await expectReportedOnce(id, file, 1300);
  }, 60_000);

  it('keeps the upload in S3-compatible storage when it is configured, and removes it there once imported', async () => {
    const credentials = { accessKeyId: 'crm-test', secretAccessKey: 'crm-test-secret-key', region: 'cn-east-1' };
    const s3 = s3Server(credentials);
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    const bucket = { endpoint: `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`, bucket: 'crm-files', ...credentials };
    const api = await TestApp.start({ sharedWith: a, config: { s3: bucket } });
    try {
      const file = csv('in-a-bucket.csv', 600);
      const id = (await api.http.post('/api/v1/lead-imports').set('Authorization', marketing.auth).attach('file', file.path).expect(202)).body.id as string;
      for (let i = 0; i < 600 && (await importOf(id)).status !== 'completed'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      await expectReportedOnce(id, file, 600);
      // Signed requests (the fake bucket refuses any whose signature or payload hash is wrong): stored, read, removed.
      const key = `/crm-files/lead-imports/${id}`;
      expect(s3.requests).toEqual([`PUT ${key}`, `GET ${key}`, `DELETE ${key}`]);
      expect(s3.objects.size).toBe(0);
    } finally {
      await api.close();
      await new Promise((resolve) => s3.server.close(resolve));
    }
  }, 60_000);
});
