import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { badInput } from '@maratron/domain';

/**
 * Where a webhook may point (SSRF protection), decided on the address the host resolves to, at
 * registration and again at every delivery; the delivery then connects to that very address
 * (webhook-sender.ts), so a name that resolves differently the second time (DNS rebinding) can't
 * reach anything that was not checked.
 *
 * Addresses are classified by `ipaddr.js` (MIT; the one Express's proxy-addr uses, already in the
 * tree): only its `unicast` range — public addresses — is allowed. Everything else is refused:
 * loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud
 * metadata address 169.254.169.254, fe80::/10), CGNAT (100.64/10), unspecified, multicast,
 * broadcast, reserved and documentation ranges, and IPv6 forms that embed an IPv4 address
 * (IPv4-mapped ::ffff:a.b.c.d is judged as the IPv4 address it carries; NAT64, 6to4 and Teredo
 * are refused outright). With WEBHOOK_ALLOW_PRIVATE_NETWORKS=true (self-hosting, tests) any
 * address is allowed except the metadata services'.
 */
export interface TargetPolicy {
  allowInsecure: boolean;
  allowPrivateNetworks: boolean;
}

/** A webhook URL checked and resolved: connect to `address`, speak to `url.hostname`. */
export interface ResolvedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** Cloud metadata endpoints: never a webhook's target, whatever the switches say. */
const METADATA = ['169.254.169.254', 'fd00:ec2::254'];

/** Why an address may not be a webhook's target, or null when it may. */
export function refusedAddress(address: string, allowPrivateNetworks: boolean): string | null {
  if (!ipaddr.isValid(address)) return 'is not an IP address';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const normal = ip.toString();
  if (METADATA.some((m) => ipaddr.parse(m).toString() === normal)) return 'is a cloud metadata address';
  if (allowPrivateNetworks) return null;
  const range = ip.range();
  return range === 'unicast' ? null : `is not a public address (${range})`;
}

/**
 * Checks a webhook URL and resolves its host: BAD_USER_INPUT (field `url`) when the scheme or any
 * address the host resolves to is refused, or when it does not resolve at all.
 */
export async function resolveTarget(text: string, policy: TargetPolicy): Promise<ResolvedTarget> {
  const url = new URL(text);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowInsecure)) {
    throw badInput('url', 'Url must use https');
  }
  // URL keeps an IPv6 literal in brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  try {
    addresses = ipaddr.isValid(host)
      ? [{ address: host, family: host.includes(':') ? 6 : 4 }]
      : await lookup(host, { all: true, verbatim: true });
  } catch {
    throw badInput('url', `Url's host ${host} could not be resolved`);
  }
  if (addresses.length === 0) throw badInput('url', `Url's host ${host} could not be resolved`);
  // Every address must pass: a name with one public and one private address is refused.
  for (const a of addresses) {
    const why = refusedAddress(a.address, policy.allowPrivateNetworks);
    if (why) throw badInput('url', `Url's host ${host} resolves to ${a.address}, which ${why}`);
  }
  return { url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}
