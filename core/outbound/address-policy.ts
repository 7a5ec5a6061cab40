// Which IP addresses an outbound request may connect to when private networks are not allowed
// (`webhooks.allow_private_networks: false`). A webhook URL is chosen by an app admin, so without
// this check it could reach the server's own loopback services, the cloud metadata endpoint
// (169.254.169.254) or anything else on the internal network. The check runs on the address the
// socket is about to connect to (http-client.ts), never on the host name.
import { isIPv4, isIPv6 } from 'node:net';

/** Blocked IPv4 ranges: IANA special-purpose registry plus multicast and the reserved class E. */
const IPV4_BLOCKED: Array<[cidr: string, reason: string]> = [
  ['0.0.0.0/8', 'an unspecified ("this network") address'],
  ['10.0.0.0/8', 'a private (RFC 1918) address'],
  ['100.64.0.0/10', 'a shared (CGNAT, RFC 6598) address'],
  ['127.0.0.0/8', 'a loopback address'],
  ['169.254.0.0/16', 'a link-local address'],
  ['172.16.0.0/12', 'a private (RFC 1918) address'],
  ['192.0.0.0/24', 'a reserved (IETF protocol assignments) address'],
  ['192.0.2.0/24', 'a reserved (documentation) address'],
  ['192.88.99.0/24', 'a reserved (6to4 relay) address'],
  ['192.168.0.0/16', 'a private (RFC 1918) address'],
  ['198.18.0.0/15', 'a reserved (benchmarking) address'],
  ['198.51.100.0/24', 'a reserved (documentation) address'],
  ['203.0.113.0/24', 'a reserved (documentation) address'],
  ['224.0.0.0/4', 'a multicast address'],
  ['240.0.0.0/4', 'a reserved address'],
];

const IPV4_RANGES = IPV4_BLOCKED.map(([cidr, reason]) => {
  const [base, bits] = cidr.split('/');
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return { net: (ipv4ToInt(base)! & mask) >>> 0, mask, reason };
});

function ipv4ToInt(address: string): number | null {
  if (!isIPv4(address)) return null;
  return address.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

function classifyIPv4(value: number): string | null {
  for (const r of IPV4_RANGES) if (((value & r.mask) >>> 0) === r.net) return r.reason;
  return null;
}

/** The 16 bytes of an IPv6 address (zone id stripped), or null when it is not one. */
function ipv6Bytes(address: string): Uint8Array | null {
  const text = address.split('%')[0];
  if (!isIPv6(text)) return null;
  let groups: number[] = [];
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        const v4 = ipv4ToInt(piece)!; // an embedded IPv4 tail (::ffff:1.2.3.4) is two groups
        out.push(v4 >>> 16, v4 & 0xffff);
      } else out.push(parseInt(piece, 16));
    }
    return out;
  };
  const left = parse(head);
  if (tail === undefined) groups = left;
  else {
    const right = parse(tail);
    groups = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => { bytes[2 * i] = g >> 8; bytes[2 * i + 1] = g & 0xff; });
  return bytes;
}

const allZero = (b: Uint8Array, from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
const v4At = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

function classifyIPv6(b: Uint8Array): string | null {
  // Forms that carry an IPv4 address are judged by that address, so ::ffff:127.0.0.1 is loopback.
  if (allZero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return classifyIPv4(v4At(b, 12)); // ::ffff:0:0/96 mapped
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && allZero(b, 4, 12)) {
    return classifyIPv4(v4At(b, 12)); // 64:ff9b::/96 NAT64: the gateway would forward to that IPv4
  }
  if (b[0] === 0x20 && b[1] === 0x02) return classifyIPv4(v4At(b, 2)); // 2002::/16 6to4
  if (allZero(b, 0, 15)) return b[15] === 1 ? 'a loopback address' : b[15] === 0 ? 'an unspecified address' : 'a reserved address';
  if (b[0] === 0xff) return 'a multicast address';
  if ((b[0] & 0xfe) === 0xfc) return 'a unique local (private) address';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'a link-local address';
  // Everything outside global unicast 2000::/3 is reserved (the IPv4-compatible ::a.b.c.d form,
  // site-local fec0::/10, discard 100::/64, the NAT64 local-use 64:ff9b:1::/48 …).
  if ((b[0] & 0xe0) !== 0x20) return 'a reserved address';
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'a reserved (documentation) address';
  if (b[0] === 0x3f && b[1] === 0xff && (b[2] & 0xf0) === 0x00) return 'a reserved (documentation) address'; // 3fff::/20
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) return 'a reserved (Teredo) address';
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x02 && b[4] === 0 && b[5] === 0) {
    return 'a reserved (benchmarking) address';
  }
  return null;
}

/**
 * Why `address` must not be connected to with private networks disallowed — e.g. "a loopback
 * address" — or null for a public address. Anything that is not an IP address is blocked (fail
 * closed).
 */
export function blockedRange(address: string): string | null {
  const v4 = ipv4ToInt(address);
  if (v4 !== null) return classifyIPv4(v4);
  const v6 = ipv6Bytes(address);
  if (v6 !== null) return classifyIPv6(v6);
  return 'not an IP address';
}
