import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { S3Config } from '@crm/platform';
import { ContractFileStorage } from '../application/contract-file-storage.js';
import { sha256Hex, signRequest } from './sigv4.js';

/**
 * Attachment files in S3-compatible object storage (AWS S3, MinIO, Aliyun OSS, Tencent COS…),
 * path-style (`<endpoint>/<bucket>/<key>`), each request signed with Signature Version 4.
 */
export class S3FileStorage extends ContractFileStorage {
  constructor(private readonly s3: S3Config) {
    super();
  }

  async put(key: string, content: Buffer): Promise<void> {
    const response = await this.send('PUT', key, content);
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

  private send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer): Promise<Response> {
    const url = new URL(`${this.s3.endpoint}/${this.s3.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);
    const headers = signRequest({
      method,
      url,
      headers: body ? { 'content-length': String(body.length) } : {},
      payloadHash: sha256Hex(body ?? ''),
      region: this.s3.region,
      service: 's3',
      accessKeyId: this.s3.accessKeyId,
      secretAccessKey: this.s3.secretAccessKey,
      now: new Date(),
    });
    return fetch(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
  }
}
