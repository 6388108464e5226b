import { OutboundAddressPolicy } from './outbound-address.js';

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
