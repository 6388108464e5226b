import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { s3Server } from '../support/s3-server.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { contractBody, createContract, heldCustomer } from './contract-fixtures.js';

const MAX_BYTES = 64 * 1024;

/** A small but real PDF document. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Collects a binary response body as a Buffer. */
function binary(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

/**
 * Contract attachments [合同附件] (CONTR-1): real files through the storage port (a local folder),
 * size and type limits, download under the contract's data scope.
 */
describe('Contract attachments', () => {
  let api: TestApp;
  let storageDir: string;
  let rep: TestUser;
  let otherRep: TestUser;
  let contractId: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'crm-attachments-'));
    api = await TestApp.start({ config: { storageDir, attachmentMaxBytes: MAX_BYTES } });
    rep = await api.user(['sales-rep']);
    otherRep = await api.user(['sales-rep']);
    const customerId = await heldCustomer(api, rep);
    contractId = (await createContract(api, rep, contractBody(customerId)).expect(201)).body.id;
  });
  afterAll(async () => {
    await api.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const upload = (user: TestUser, content: Buffer, filename: string, contentType: string, id = contractId) =>
    api.http.post(`/api/v1/contracts/${id}/attachments`).set('Authorization', user.auth).attach('file', content, { filename, contentType });

  it('stores a PDF with a Chinese name, lists it and serves the same bytes back', async () => {
    const uploaded = await upload(rep, PDF, '合同扫描件.pdf', 'application/pdf').expect(201);
    expect(uploaded.body).toMatchObject({
      contractId,
      fileName: '合同扫描件.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedBy: rep.id,
      contentUrl: `/api/v1/contracts/${contractId}/attachments/${uploaded.body.id}/content`,
    });
    const onDisk = join(storageDir, 'contracts', contractId, uploaded.body.id);
    expect(readFileSync(onDisk).equals(PDF)).toBe(true);

    const list = await api.http.get(`/api/v1/contracts/${contractId}/attachments`).set('Authorization', rep.auth).expect(200);
    expect(list.body).toEqual({ items: [expect.objectContaining({ id: uploaded.body.id, fileName: '合同扫描件.pdf' })], nextCursor: null });

    const download = await api.http.get(uploaded.body.contentUrl).set('Authorization', rep.auth).buffer(true).parse(binary).expect(200);
    expect((download.body as Buffer).equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('合同扫描件.pdf')}`);

    const text = await upload(rep, Buffer.from('付款条款补充说明\n'), 'notes.txt', 'text/plain').expect(201);
    const page = await api.http.get(`/api/v1/contracts/${contractId}/attachments?limit=1`).set('Authorization', rep.auth).expect(200);
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([uploaded.body.id]);
    const next = await api.http
      .get(`/api/v1/contracts/${contractId}/attachments?limit=1&cursor=${page.body.nextCursor}`)
      .set('Authorization', rep.auth)
      .expect(200);
    expect(next.body).toEqual({ items: [expect.objectContaining({ id: text.body.id })], nextCursor: null });
  });

  it('refuses files over the limit, types not accepted and files that are not what they claim', async () => {
    const large = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
    const tooLarge = await upload(rep, large, 'big.pdf', 'application/pdf').expect(422);
    expect(tooLarge.body).toMatchObject({ code: 'CONTRACT.ATTACHMENT_TOO_LARGE', maxBytes: MAX_BYTES });
    // Exactly at the limit is fine.
    await upload(rep, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length, 0x20)]), 'edge.pdf', 'application/pdf').expect(201);

    const exe = await upload(rep, Buffer.from('MZ\x90\x00\x03\x00'), 'setup.exe', 'application/x-msdownload').expect(422);
    expect(exe.body).toMatchObject({ code: 'CONTRACT.ATTACHMENT_TYPE_NOT_ALLOWED', contentType: 'application/x-msdownload' });
    const disguised = await upload(rep, Buffer.from('MZ\x90\x00\x03\x00'), 'contract.pdf', 'application/pdf').expect(422);
    expect(disguised.body.code).toBe('CONTRACT.ATTACHMENT_TYPE_NOT_ALLOWED');

    const none = await api.http.post(`/api/v1/contracts/${contractId}/attachments`).set('Authorization', rep.auth).field('note', 'x').expect(400);
    expect(none.body.code).toBe('CONTRACT.ATTACHMENT_MISSING');
    const empty = await api.http.post(`/api/v1/contracts/${contractId}/attachments`).set('Authorization', rep.auth).send({}).expect(400);
    expect(empty.body.code).toBe('CONTRACT.ATTACHMENT_MISSING');
    // Multipart is opened on the upload route only: elsewhere a form is still 415.
    const form = await api.http.post('/api/v1/contracts').set('Authorization', rep.auth).field('name', 'x').expect(415);
    expect(form.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    const files = await api.http.get(`/api/v1/contracts/${contractId}/attachments?limit=200`).set('Authorization', rep.auth).expect(200);
    expect(files.body.items.map((item: { fileName: string }) => item.fileName).sort()).toEqual(['edge.pdf', 'notes.txt', '合同扫描件.pdf']);
  });

  it("keeps attachments in the contract's data scope: another salesperson can neither list, upload nor download", async () => {
    const uploaded = await upload(rep, PDF, 'scope.pdf', 'application/pdf').expect(201);
    expect((await api.http.get(uploaded.body.contentUrl).set('Authorization', otherRep.auth).expect(404)).body.code).toBe('CONTRACT.NOT_FOUND');
    await api.http.get(`/api/v1/contracts/${contractId}/attachments`).set('Authorization', otherRep.auth).expect(404);
    expect((await upload(otherRep, PDF, 'intruder.pdf', 'application/pdf').expect(404)).body.code).toBe('CONTRACT.NOT_FOUND');
    const missing = await api.http
      .get(`/api/v1/contracts/${contractId}/attachments/0190a5d2-0000-7000-8000-000000000001/content`)
      .set('Authorization', rep.auth)
      .expect(404);
    expect(missing.body.code).toBe('CONTRACT.ATTACHMENT_NOT_FOUND');
    // An attachment id under another contract is not found under this one.
    const customerId = await heldCustomer(api, otherRep);
    const otherContract = (await createContract(api, otherRep, contractBody(customerId)).expect(201)).body.id as string;
    await api.http.get(`/api/v1/contracts/${otherContract}/attachments/${uploaded.body.id}/content`).set('Authorization', otherRep.auth).expect(404);
    expect(existsSync(join(storageDir, 'contracts', contractId, uploaded.body.id))).toBe(true);
  });
});

describe('Contract attachments in S3-compatible storage', () => {
  const credentials = { accessKeyId: 'crm-test', secretAccessKey: 'crm-test-secret-key', region: 'cn-east-1' };
  const s3 = s3Server(credentials);
  let api: TestApp;
  let rep: TestUser;

  beforeAll(async () => {
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`;
    api = await TestApp.start({ config: { s3: { endpoint, bucket: 'crm-files', ...credentials } } });
    rep = await api.user(['sales-rep']);
  });
  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => s3.server.close(resolve));
  });

  it('puts the file in the bucket with a signed request and serves it back from there', async () => {
    const customerId = await heldCustomer(api, rep);
    const contractId = (await createContract(api, rep, contractBody(customerId)).expect(201)).body.id as string;
    const uploaded = await api.http
      .post(`/api/v1/contracts/${contractId}/attachments`)
      .set('Authorization', rep.auth)
      .attach('file', PDF, { filename: '盖章页.pdf', contentType: 'application/pdf' })
      .expect(201);
    const path = `/crm-files/contracts/${contractId}/${uploaded.body.id}`;
    expect(s3.requests).toEqual([`PUT ${path}`]);
    expect(s3.objects.get(path)?.equals(PDF)).toBe(true);
    const download = await api.http.get(uploaded.body.contentUrl).set('Authorization', rep.auth).buffer(true).parse(binary).expect(200);
    expect((download.body as Buffer).equals(PDF)).toBe(true);
    expect(s3.requests).toEqual([`PUT ${path}`, `GET ${path}`]);
  });
});
