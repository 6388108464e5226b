import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestApp } from '../support/test-app.js';

/**
 * A load balancer keeps its connections to the API open for its own idle timeout (60 s on most) and
 * sends the next request on one of them: the API must not have closed it first (Node's default is 5 s).
 */
describe('idle client connections', () => {
  let app: TestApp;
  let base: string;

  beforeAll(async () => {
    app = await TestApp.start();
    await app.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  function get(agent: http.Agent): Promise<{ status: number; reused: boolean }> {
    return new Promise((resolve, reject) => {
      const request = http.get(`${base}/health`, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode!, reused: request.reusedSocket }));
      });
      request.on('error', reject);
    });
  }

  it('stay open past Node’s default five seconds, and the next request on one is answered', async () => {
    const server = app.app.getHttpServer() as http.Server;
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await get(agent)).toEqual({ status: 200, reused: false });
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await get(agent)).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 20_000);
});
