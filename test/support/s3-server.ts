import { createServer, type IncomingMessage, type Server } from 'node:http';
import { sha256Hex, signRequest } from '../../libs/platform/src/files/sigv4.js';

/**
 * A small S3-compatible server: path-style objects in memory, every request's Signature Version 4
 * recomputed from its headers and refused (403) when it does not match, as S3 does.
 */
export function s3Server(credentials: { accessKeyId: string; secretAccessKey: string; region: string }) {
  const objects = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(request.url!, `http://${request.headers.host}`);
      const amzDate = String(request.headers['x-amz-date']);
      const now = new Date(
        `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
      );
      const signed = /SignedHeaders=([^,]+)/.exec(String(request.headers.authorization))?.[1]?.split(';') ?? [];
      const extra = Object.fromEntries(
        signed.filter((name) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name)).map((name) => [name, String(request.headers[name])]),
      );
      const expected = signRequest({
        method: request.method!,
        url,
        headers: extra,
        payloadHash: sha256Hex(body),
        service: 's3',
        ...credentials,
        now,
      });
      requests.push(`${request.method} ${url.pathname}`);
      if (request.headers.authorization !== expected.authorization || request.headers['x-amz-content-sha256'] !== sha256Hex(body)) {
        response.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        return;
      }
      if (request.method === 'PUT') {
        objects.set(url.pathname, body);
        response.writeHead(200).end();
      } else if (request.method === 'GET') {
        const object = objects.get(url.pathname);
        if (object) response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(object);
        else response.writeHead(404).end();
      } else {
        objects.delete(url.pathname);
        response.writeHead(204).end();
      }
    });
  });
  return { server, objects, requests };
}
