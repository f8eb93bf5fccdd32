/**
 * The address guard: refuse to connect to addresses a public scanner must never reach (loopback,
 * private networks, link-local, cloud metadata, …). The check runs inside the connection's own DNS
 * lookup, so the address that was checked is the address that is connected to: no second lookup
 * for a rebinding attacker to race. Every redirect hop is a new connection and is checked again.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
const IPV4_RANGES: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (and cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const IPV6_RANGES: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique local (private)'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
  ['64:ff9b::', 96, 'NAT64'],
  ['fd00:ec2::254', 128, 'cloud metadata'],
];
const reasons: [BlockList, string][] = [];
for (const [address, prefix, reason] of IPV4_RANGES) {
  const list = new BlockList();
  list.addSubnet(address, prefix, 'ipv4');
  blocked.addSubnet(address, prefix, 'ipv4');
  reasons.push([list, reason]);
}
for (const [address, prefix, reason] of IPV6_RANGES) {
  const list = new BlockList();
  list.addSubnet(address, prefix, 'ipv6');
  blocked.addSubnet(address, prefix, 'ipv6');
  reasons.push([list, reason]);
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:10.0.0.1` in any spelling), if it is one. */
function unmapIPv4(address: string): string | undefined {
  if (isIP(address) !== 6) return undefined;
  // The URL parser canonicalises IPv6: every spelling of a mapped address becomes `[::ffff:hhhh:hhhh]`.
  const words = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(new URL(`http://[${address}]/`).hostname);
  if (!words?.[1] || !words[2]) return undefined;
  const hi = parseInt(words[1], 16);
  const lo = parseInt(words[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Why `address` must not be connected to, or undefined when it is a public address. Non-IPs are refused. */
export function refusalReason(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = unmapIPv4(bare);
  const ip = mapped ?? bare;
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (!blocked.check(ip, type)) return undefined;
  const reason = reasons.find(([list]) => list.check(ip, type))?.[1] ?? 'not public';
  return mapped ? `${reason} (IPv4-mapped)` : reason;
}

export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
  readonly code = 'ERR_REFUSED_ADDRESS';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A drop-in `lookup` for net.connect / tls.connect / undici's connect options: resolves every
 * address of the name and fails unless all of them are public, then hands the first one to the
 * socket, which connects to exactly that address.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    for (const entry of list) {
      const reason = refusalReason(entry.address);
      if (reason) return callback(new RefusedAddressError(`${hostname} resolves to ${entry.address}: ${reason}`), []);
    }
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), []);
    if (options.all) return callback(null, list);
    return callback(null, first.address, first.family);
  });
}

/**
 * Sockets skip `lookup` for a literal IP in the URL, so literals are checked here before connecting.
 * Returns the refusal message, or undefined when the host may be contacted.
 */
export function refuseLiteralHost(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 0) return undefined;
  const reason = refusalReason(bare);
  return reason ? `${hostname}: ${reason}` : undefined;
}
