import ipaddr from 'ipaddr.js';
import { invalidParameter } from '../arm-error.js';
import type { SimulatorContext } from '../simulator-context.js';

/** Parses an IPv4 CIDR; throws InvalidParameter naming `field` when it is not one. */
export function parseCidr(ctx: SimulatorContext, value: string, field: string): [ipaddr.IPv4, number] {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(value);
  } catch {
    throw invalidParameter(field, `'${value}' is not a valid IPv4 CIDR prefix.`);
  }
  if (parsed[0].kind() !== 'ipv4') throw invalidParameter(field, `'${value}' is not an IPv4 prefix; the simulator serves IPv4 only.`);
  const cidr = parsed as [ipaddr.IPv4, number];
  if (ctx.guest.runsRealProcesses && !isLoopback(cidr[0].toString()) || ctx.guest.runsRealProcesses && cidr[1] < 8) {
    throw invalidParameter(field, `'${value}' is outside 127.0.0.0/8: guests run real processes on their private addresses, so local address spaces must be loopback (e.g. 127.1.0.0/16).`);
  }
  return cidr;
}

/** True for addresses in 127.0.0.0/8. */
export function isLoopback(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.parse(address).kind() === 'ipv4' && (ipaddr.parse(address) as ipaddr.IPv4).octets[0] === 127;
}

/** True when the two IPv4 prefixes share any address. */
export function prefixesOverlap(a: [ipaddr.IPv4, number], b: [ipaddr.IPv4, number]): boolean {
  return a[0].match(b) || b[0].match(a);
}

/** True when `inner` lies entirely inside `outer`. */
export function prefixContains(outer: [ipaddr.IPv4, number], inner: [ipaddr.IPv4, number]): boolean {
  return inner[1] >= outer[1] && inner[0].match(outer);
}
