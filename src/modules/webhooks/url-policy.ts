import { type LookupAddress, type LookupAllOptions, lookup as lookupCallback } from "node:dns";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { badRequest } from "../../lib/problem.ts";

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  privateRanges.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["100::", 64], // discard-only
  ["2001:db8::", 32], // documentation
  ["64:ff9b:1::", 48], // local-use NAT64: translates into the operator's own network
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10], // site-local (deprecated, still routed by some stacks)
  ["ff00::", 8],
] as const)
  privateRanges.addSubnet(network, prefix, "ipv6");

const ipv4At = (bytes: number[], at: number) => bytes.slice(at, at + 4).join(".");

/**
 * The IPv4 addresses an IPv6 address reaches through a translation or tunnel: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), SIIT (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96),
 * 6to4 (2002::/16) and Teredo (2001::/32, server and obfuscated client).
 */
export function embeddedIpv4(address: ipaddr.IPv6): string[] {
  const bytes = address.toByteArray();
  const words = address.parts;
  const zeros = (from: number, to: number) => words.slice(from, to).every((word) => word === 0);
  if (zeros(0, 5) && (words[5] === 0xffff || words[5] === 0)) return [ipv4At(bytes, 12)];
  if (zeros(0, 4) && words[4] === 0xffff && words[5] === 0) return [ipv4At(bytes, 12)];
  if (words[0] === 0x64 && words[1] === 0xff9b && zeros(2, 6)) return [ipv4At(bytes, 12)];
  if (words[0] === 0x2002) return [ipv4At(bytes, 2)];
  if (words[0] === 0x2001 && words[1] === 0)
    return [
      ipv4At(bytes, 4),
      bytes
        .slice(12, 16)
        .map((byte) => byte ^ 0xff)
        .join("."),
    ];
  return [];
}

/**
 * Loopback, private, link-local, CGNAT, multicast or unspecified, and any IPv6 address that
 * reaches such an IPv4 address through a translation or tunnel.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 4) return privateRanges.check(bare, "ipv4");
  if (family !== 6) return false;
  if (privateRanges.check(bare, "ipv6")) return true;
  const withoutZone = bare.split("%")[0] ?? bare;
  return embeddedIpv4(ipaddr.IPv6.parse(withoutZone)).some((v4) => privateRanges.check(v4, "ipv4"));
}

/** The error a delivery to a private address fails with (its message is what the delivery shows). */
export class PrivateAddressError extends Error {
  readonly code = "WEBHOOK_PRIVATE_ADDRESS";
}

/**
 * dns.lookup for delivery connections that refuses private addresses: a host that passed the
 * check at creation may resolve elsewhere later (DNS rebinding), so the check is repeated at
 * every connection, on the address actually used.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupAllOptions | Record<string, unknown>,
  callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const allowed = addresses.filter((entry) => !isPrivateAddress(entry.address));
    if (allowed.length === 0)
      return callback(new PrivateAddressError(`${hostname} resolves to a private address`), []);
    if ((options as { all?: boolean }).all) return callback(null, allowed);
    callback(null, allowed[0]!.address, allowed[0]!.family);
  });
}

const invalid = (detail: string) =>
  badRequest("webhook_url_invalid", detail, {
    errors: [{ path: "body.url", code: "webhook_url_invalid", message: detail }],
  });

const privateHost = () =>
  badRequest("webhook_url_not_allowed", "The URL must not point to a loopback, private or link-local host", {
    errors: [{ path: "body.url", code: "webhook_url_not_allowed", message: "private host" }],
  });

/**
 * A subscription URL must be absolute http(s); unless private hosts are allowed (sandbox, tests),
 * its host must not be or resolve to a loopback/private address (SSRF into the operator's network).
 */
export async function checkWebhookUrl(raw: string, allowPrivateHosts: boolean): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid("The URL is not an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid("The URL must use http or https");
  if (url.username || url.password) throw invalid("The URL must not carry credentials");
  if (allowPrivateHosts) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal")) throw privateHost();
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((entry) => entry.address),
        () => {
          throw invalid(`The host ${host} does not resolve`);
        },
      );
  if (addresses.some(isPrivateAddress)) throw privateHost();
  return url.toString();
}
