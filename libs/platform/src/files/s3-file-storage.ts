import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { S3Config } from '../config/app-config.js';
import { FileStorage } from './file-storage.js';
import { sha256Hex, signRequest } from './sigv4.js';

/**
 * Files in S3-compatible object storage (AWS S3, MinIO, Aliyun OSS, Tencent COS…),
 * path-style (`<endpoint>/<bucket>/<key>`), each request signed with Signature Version 4.
 */
export class S3FileStorage extends FileStorage {
  constructor(private readonly s3: S3Config) {
    super();
  }

  async put(key: string, content: Buffer): Promise<void> {
    const response = await this.send('PUT', key, { bytes: content, length: content.length, sha256: sha256Hex(content) });
    if (!response.ok) throw new Error(`S3 PUT ${key} answered ${response.status}`);
  }

  async putFile(key: string, path: string, sha256: string): Promise<void> {
    const { size } = await stat(path);
    const response = await this.send('PUT', key, { bytes: createReadStream(path), length: size, sha256 });
    if (!response.ok) throw new Error(`S3 PUT ${key} answered ${response.status}`);
  }

  async read(key: string): Promise<Readable> {
    const response = await this.send('GET', key);
    if (!response.ok || !response.body) throw new Error(`S3 GET ${key} answered ${response.status}`);
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  async remove(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE ${key} answered ${response.status}`);
  }

  private send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: { bytes: Buffer | Readable; length: number; sha256: string }): Promise<Response> {
    const url = new URL(`${this.s3.endpoint}/${this.s3.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);
    const headers = signRequest({
      method,
      url,
      headers: body ? { 'content-length': String(body.length) } : {},
      payloadHash: body?.sha256 ?? sha256Hex(''),
      region: this.s3.region,
      service: 's3',
      accessKeyId: this.s3.accessKeyId,
      secretAccessKey: this.s3.secretAccessKey,
      now: new Date(),
    });
    if (!body) return fetch(url, { method, headers });
    if (Buffer.isBuffer(body.bytes)) return fetch(url, { method, headers, body: new Uint8Array(body.bytes) });
    // A stream goes out as it is read (half duplex: the answer comes after the whole body).
    return fetch(url, { method, headers, body: Readable.toWeb(body.bytes) as ReadableStream<Uint8Array>, duplex: 'half' } as RequestInit);
  }
}
