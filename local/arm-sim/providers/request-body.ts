import { z } from 'zod';
import ipaddr from 'ipaddr.js';
import { ArmError, invalidParameter } from '../arm-error.js';
import type { ArmBody, StoredResource } from '../resource-store.js';
import type { ResourceTarget, SimulatorContext } from '../simulator-context.js';

/** `{ id }` references between resources, as ARM bodies carry them. */
export const idRef = z.looseObject({ id: z.string().min(1) });

/** Parses a request body with a zod schema; problems become one InvalidRequestContent naming each field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  throw new ArmError('InvalidRequestContent', `The request content was invalid and could not be deserialized: ${issues.join('; ')}.`,
    { details: result.error.issues.map((i) => ({ code: 'InvalidRequestContent', target: i.path.join('.'), message: i.message })) });
}

/** The common envelope of a stored resource built from a request. */
export function envelope(target: ResourceTarget, type: string, fields: { location?: string; tags?: Record<string, string>; zones?: string[]; sku?: Record<string, unknown> }, properties: Record<string, unknown>): ArmBody {
  return {
    id: target.id,
    name: target.names[target.names.length - 1]!,
    type,
    ...(fields.location !== undefined ? { location: fields.location } : {}),
    ...(fields.tags ? { tags: fields.tags } : {}),
    ...(fields.zones ? { zones: fields.zones } : {}),
    ...(fields.sku ? { sku: fields.sku } : {}),
    etag: `W/"${crypto.randomUUID()}"`,
    properties,
  };
}

/** Looks up a referenced resource by id; throws InvalidResourceReference naming the referrer when absent. */
export function requireReference(ctx: SimulatorContext, id: string, referrer: string, expectedType: string): StoredResource {
  const found = ctx.store.get(id);
  if (!found || found.body.type.toLowerCase() !== expectedType.toLowerCase()) {
    throw new ArmError('InvalidResourceReference', `Resource ${id} referenced by resource ${referrer} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`);
  }
  return found;
}

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
