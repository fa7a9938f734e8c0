import { z } from 'zod';
import { ArmError } from '../arm-error.js';
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
