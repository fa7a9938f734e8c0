import ipaddr from 'ipaddr.js';

/** An IPv4 network: its first address as an unsigned 32-bit integer and its prefix length. */
export interface Ipv4Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** Azure keeps the first four and the last address of every subnet for itself. */
export const AZURE_RESERVED_PER_SUBNET = 5;

/**
 * Parses "a.b.c.d/n" into a network. Returns a plain-language reason instead of throwing, so
 * the validator can report it against the field's JSON path.
 * ipaddr.js parses; the integer arithmetic below is hand-written because ipaddr.js has none.
 */
export function parseIpv4Cidr(text: string): Ipv4Cidr | { error: string } {
  const [address, prefixText, extra] = text.split('/');
  if (address === undefined || prefixText === undefined || extra !== undefined || !/^\d{1,2}$/.test(prefixText)) {
    return { error: `"${text}" is not an IPv4 CIDR such as 10.1.0.0/16` };
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) {
    return { error: `"${address}" is not an IPv4 address in dotted-decimal form` };
  }
  const prefix = Number(prefixText);
  if (prefix > 32) return { error: `prefix /${prefix} is longer than 32 bits` };
  const value = ipv4ToNumber(address);
  const base = maskedBase(value, prefix);
  if (base !== value) {
    return { error: `host bits are set in "${text}"; the network is ${numberToIpv4(base)}/${prefix}` };
  }
  return { base, prefix };
}

/** Parses a CIDR already known to be valid (the schema checked it); throws otherwise. */
export function mustParseIpv4Cidr(text: string): Ipv4Cidr {
  const parsed = parseIpv4Cidr(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

/** Number of addresses in the network (2^(32-prefix)). */
export function addressCount(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && maskedBase(inner.base, outer.prefix) === outer.base;
}

/** Whether two networks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Whether an address lies inside the network. */
export function cidrContainsAddress(cidr: Ipv4Cidr, address: string): boolean {
  return maskedBase(ipv4ToNumber(address), cidr.prefix) === cidr.base;
}

/** The address at `offset` from the network's first address; throws past the network's end. */
export function addressAt(cidr: Ipv4Cidr, offset: number): string {
  if (!Number.isInteger(offset) || offset < 0 || offset >= addressCount(cidr)) {
    throw new RangeError(`offset ${offset} is outside ${formatIpv4Cidr(cidr)}`);
  }
  return numberToIpv4(cidr.base + offset);
}

/** The offset of an address from the network's first address (negative or too large if outside). */
export function offsetOf(cidr: Ipv4Cidr, address: string): number {
  return ipv4ToNumber(address) - cidr.base;
}

/** "a.b.c.d/n" */
export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  return `${numberToIpv4(cidr.base)}/${cidr.prefix}`;
}

/** 127.0.0.0/8: the only range the local stack may listen on or connect to. */
export const LOOPBACK_RANGE: Ipv4Cidr = { base: 127 * 2 ** 24, prefix: 8 };

function maskedBase(value: number, prefix: number): number {
  const size = 2 ** (32 - prefix);
  return value - (value % size);
}

function ipv4ToNumber(address: string): number {
  return ipaddr.IPv4.parse(address).toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);
}

function numberToIpv4(value: number): string {
  const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return bytes.join('.');
}
