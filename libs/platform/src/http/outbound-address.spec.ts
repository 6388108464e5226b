import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundAddressPolicy, OutboundAddressRefusedError } from './outbound-address.js';

describe('OutboundAddressPolicy (SSRF)', () => {
  const policy = new OutboundAddressPolicy([]);

  it.each(['127.0.0.1', '10.1.2.3', '172.16.5.4', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', 'fe80::1', 'fd12::1', '::ffff:127.0.0.1'])(
    'refuses %s',
    (address) => expect(policy.permits(address)).toBe(false),
  );

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700::1111'])('permits %s', (address) => expect(policy.permits(address)).toBe(true));

  it('judges a URL by the addresses its host resolves to; an allowed network opens a door for exactly it', async () => {
    expect(await policy.refusedAddress('http://127.0.0.1:8080/hook')).toBe('127.0.0.1');
    expect(await policy.refusedAddress('http://localhost:8080/hook')).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await policy.refusedAddress('http://[::1]/hook')).toBe('::1');
    const allowing = new OutboundAddressPolicy(['127.0.0.1', '::1', '10.0.0.0/8']);
    expect(await allowing.refusedAddress('http://127.0.0.1:8080/hook')).toBeNull();
    expect(allowing.permits('10.9.9.9')).toBe(true);
    expect(allowing.permits('192.168.0.1')).toBe(false);
  });
});

describe('OutboundAddressPolicy: the check pinned to the connection (DNS rebinding)', () => {
  /** A resolver answering from a script, one answer list per call, counting its calls. */
  const scripted = (...answers: string[][]) => {
    const calls: string[] = [];
    const resolver = async (host: string) => {
      calls.push(host);
      const next = answers[Math.min(calls.length - 1, answers.length - 1)]!;
      return next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    return { resolver, calls };
  };
  const lookupOnce = (policy: OutboundAddressPolicy, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      policy.lookup('hook.example.test', { all }, (error, address) => resolve({ error, address })),
    );

  it('refuses in the lookup itself when the resolver answers a private address, or any private address among public ones', async () => {
    const privateOnly = scripted(['10.0.0.7']);
    const refused = await lookupOnce(new OutboundAddressPolicy([], privateOnly.resolver), false);
    expect(refused.error).toBeInstanceOf(OutboundAddressRefusedError);
    expect(refused.error!.message).toContain('Target address 10.0.0.7 is private');
    expect(privateOnly.calls).toEqual(['hook.example.test']);

    const mixed = scripted(['93.184.216.34', '169.254.169.254']);
    expect((await lookupOnce(new OutboundAddressPolicy([], mixed.resolver), true)).error).toMatchObject({ address: '169.254.169.254' });
  });

  it('hands the connection exactly the addresses it checked', async () => {
    const publicOnly = scripted(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
    const policy = new OutboundAddressPolicy([], publicOnly.resolver);
    expect(await lookupOnce(policy, false)).toEqual({ error: null, address: '93.184.216.34' });
    expect((await lookupOnce(policy, true)).address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
  });

  it('answers not found when no checked address has the family the connection asks for', async () => {
    const policy = new OutboundAddressPolicy([], scripted(['93.184.216.34']).resolver);
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      policy.lookup('hook.example.test', { family: 6 }, (failure) => resolve(failure)),
    );
    expect(error?.code).toBe('ENOTFOUND');
  });

  describe('send, against a real local receiver', () => {
    const received: { host: string | undefined; body: string }[] = [];
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          received.push({ host: request.headers.host, body });
          response.writeHead(204, { connection: 'close' }).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const post = (policy: OutboundAddressPolicy, host: string, body: string) =>
      policy.send(`http://${host}:${port}/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(5000) });

    it('resolves once per connection and connects to the checked address: a name that turns private after the check is refused, not reached', async () => {
      // 127.0.0.1 is allowed here only so a local receiver can stand in for a public one; 10.0.0.9 is not allowed.
      const rebinding = scripted(['127.0.0.1'], ['10.0.0.9']);
      const policy = new OutboundAddressPolicy(['127.0.0.1'], rebinding.resolver);

      expect(await post(policy, 'hook.example.test', '{"n":1}')).toBe(204);
      expect(rebinding.calls).toEqual(['hook.example.test']);
      expect(received).toEqual([{ host: `hook.example.test:${port}`, body: '{"n":1}' }]);

      await expect(post(policy, 'hook.example.test', '{"n":2}')).rejects.toBeInstanceOf(OutboundAddressRefusedError);
      expect(rebinding.calls).toEqual(['hook.example.test', 'hook.example.test']);
      expect(received).toHaveLength(1);
    });

    it('checks an address literal as it is, without resolving it', async () => {
      const resolver = scripted(['127.0.0.1']);
      await expect(post(new OutboundAddressPolicy([], resolver.resolver), '127.0.0.1', '{}')).rejects.toMatchObject({ address: '127.0.0.1' });
      expect(resolver.calls).toEqual([]);
      expect(received).toHaveLength(1);
    });
  });
});
