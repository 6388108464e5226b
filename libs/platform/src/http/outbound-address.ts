import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Where a server-side request must not go unless allowed (SSRF): loopback, private, link-local, unspecified, CGNAT, ULA. */
const BLOCKED: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

/**
 * Decides whether the server may send a request to a URL's host: every address the name resolves to must be
 * public, or inside a network the configuration allows (`CRM_WEBHOOK_ALLOWED_NETWORKS`). IPv4-mapped IPv6
 * addresses are judged as the IPv4 address they carry.
 */
export class OutboundAddressPolicy {
  private readonly blocked = new BlockList();
  private readonly allowed = new BlockList();

  constructor(allowedNetworks: readonly string[]) {
    for (const [network, prefix, type] of BLOCKED) this.blocked.addSubnet(network, prefix, type);
    for (const entry of allowedNetworks) {
      const [address, prefix] = entry.split('/');
      const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
      this.allowed.addSubnet(address!, prefix === undefined ? (type === 'ipv4' ? 32 : 128) : Number(prefix), type);
    }
  }

  /** The first address of the host that may not be reached, or null when all may. Unresolvable names throw. */
  async refusedAddress(url: string): Promise<string | null> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    return addresses.find((address) => !this.permits(address)) ?? null;
  }

  permits(address: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const plain = mapped ?? address;
    const type = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    return !this.blocked.check(plain, type) || this.allowed.check(plain, type);
  }
}
