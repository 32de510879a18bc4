/**
 * Which IP addresses an outbound fetch may connect to: public unicast only. Classified with
 * ipaddr.js (its special-range tables), never by hand-parsing strings.
 *
 * Refused: loopback, RFC 1918 private, link-local (169.254/16 — the cloud metadata address
 * 169.254.169.254 — and fe80::/10), unique-local fc00::/7, CGNAT 100.64/10, unspecified,
 * broadcast, multicast, reserved and documentation ranges, and every IPv6 address outside global
 * unicast 2000::/3 (which also refuses the deprecated IPv4-compatible ::a.b.c.d form). IPv4
 * written inside IPv6 — mapped ::ffff:a.b.c.d or NAT64 64:ff9b::a.b.c.d — is judged by the IPv4
 * address it carries.
 */
import ipaddr from 'ipaddr.js';

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse('2000::');
const NAT64 = ipaddr.IPv6.parse('64:ff9b::');

/** Why an address is refused (its ipaddr.js range name), or null when it is public unicast. */
export function blockedRange(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return 'invalid';
  }
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return blockedRange(v6.toIPv4Address().toString());
    if (v6.match(NAT64, 96)) return blockedRange(ipaddr.fromByteArray(v6.toByteArray().slice(12)).toString());
    const range = v6.range();
    if (range !== 'unicast') return range;
    return v6.match(GLOBAL_UNICAST_V6, 3) ? null : 'reserved';
  }
  const range = (ip as ipaddr.IPv4).range();
  return range === 'unicast' ? null : range;
}

export const isPublicAddress = (address: string): boolean => blockedRange(address) === null;
