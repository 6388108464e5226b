import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

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

/** Resolves a host name to all its addresses (the system resolver by default; tests pass their own). */
export type HostResolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: HostResolver = (host) => lookup(host, { all: true, verbatim: true });

/** A connection refused because the host is, or resolves to, an address the policy does not permit. */
export class OutboundAddressRefusedError extends Error {
  readonly code = 'ERR_OUTBOUND_ADDRESS_REFUSED';
  constructor(readonly address: string) {
    super(`Target address ${address} is private, loopback or link-local (not in CRM_WEBHOOK_ALLOWED_NETWORKS)`);
    this.name = 'OutboundAddressRefusedError';
  }
}

/**
 * Decides whether the server may send a request to a URL's host: every address the name resolves to must be
 * public, or inside a network the configuration allows (`CRM_WEBHOOK_ALLOWED_NETWORKS`). IPv4-mapped IPv6
 * addresses are judged as the IPv4 address they carry.
 *
 * `send` pins the check to the connection: the name is resolved once, every answer is checked, and the socket
 * connects to a checked address, so a DNS answer that changes between the check and the connection (DNS
 * rebinding) cannot slip a private address through. The URL's host stays the `Host` header and the TLS server
 * name (SNI), so certificates are verified against the name, not the address.
 */
export class OutboundAddressPolicy {
  private readonly blocked = new BlockList();
  private readonly allowed = new BlockList();

  constructor(
    allowedNetworks: readonly string[],
    private readonly resolve: HostResolver = systemResolver,
  ) {
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
    const addresses = isIP(host) ? [host] : (await this.resolve(host)).map((entry) => entry.address);
    return addresses.find((address) => !this.permits(address)) ?? null;
  }

  /**
   * A `lookup` for net / tls connections: one resolution, refused with {@link OutboundAddressRefusedError} when any
   * answer is not permitted, else the checked addresses (those of the family asked for, when one is).
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolve(hostname).then(
      (answers) => {
        const refused = answers.find((answer) => !this.permits(answer.address));
        if (refused) return callback(new OutboundAddressRefusedError(refused.address), '', 0);
        const usable = options.family === 4 || options.family === 6 ? answers.filter((answer) => answer.family === options.family) : answers;
        if (usable.length === 0) return callback(notFound(hostname), '', 0);
        if (options.all) return callback(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

  /**
   * Sends one request through the policy (no redirects followed): an address literal is checked as it is, a name
   * through {@link lookup}. Resolves with the response status once its body is drained.
   */
  send(url: string, init: { method: string; headers: OutgoingHttpHeaders; body: string; signal: AbortSignal }): Promise<number> {
    const target = new URL(url);
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && !this.permits(literal)) return Promise.reject(new OutboundAddressRefusedError(literal));
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const outgoing: ClientRequest = request(
        target,
        { method: init.method, headers: { ...init.headers, 'content-length': Buffer.byteLength(init.body) }, signal: init.signal, lookup: this.lookup },
        (response: IncomingMessage) => {
          response.on('error', reject);
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.resume();
        },
      );
      outgoing.on('error', reject);
      outgoing.end(init.body);
    });
  }

  permits(address: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const plain = mapped ?? address;
    const type = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    return !this.blocked.check(plain, type) || this.allowed.check(plain, type);
  }
}

/** The resolver's own answer for a name without an address of the family asked for. */
function notFound(hostname: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`No address for ${hostname}`);
  error.code = 'ENOTFOUND';
  return error;
}
