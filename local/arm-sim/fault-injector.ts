import { z } from 'zod';

/** A fault rule as the admin endpoint accepts it. */
export const faultRuleSchema = z.object({
  /** Resource type, e.g. `Microsoft.Compute/virtualMachines`, or `*`. */
  resourceType: z.string().min(1),
  /** HTTP method (`PUT`, `DELETE`, …), action name (`runCommand`, `start`, …) or `*`. */
  verb: z.string().min(1),
  /** How many matching operations the rule affects. */
  count: z.number().int().min(1).max(10_000).default(1),
  fault: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('error'), code: z.string().min(1), message: z.string().optional(), status: z.number().int().min(400).max(599).optional() }),
    z.object({ kind: z.literal('throttle'), retryAfterSeconds: z.number().int().min(0).max(3600).default(0) }),
    z.object({ kind: z.literal('failLro'), code: z.string().min(1), message: z.string().optional() }),
  ]),
});

export type FaultRule = z.infer<typeof faultRuleSchema>;
type Fault = FaultRule['fault'];

/**
 * Fault rules registered through the admin endpoint. A rule matches by resource type and verb
 * (case-insensitive) and is used up after `count` matches; `error` and `throttle` refuse the
 * request, `failLro` lets it start and fails its long-running operation.
 */
export class FaultInjector {
  private rules: (FaultRule & { remaining: number; id: number })[] = [];
  private nextId = 1;

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, remaining: rule.count, id });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  list(): { id: number; remaining: number; rule: FaultRule }[] {
    return this.rules.map(({ id, remaining, ...rule }) => ({ id, remaining, rule }));
  }

  /** Consumes a matching request-level fault (`error` or `throttle`). */
  takeRequestFault(resourceType: string, verbs: string[]): Exclude<Fault, { kind: 'failLro' }> | undefined {
    return this.take(resourceType, verbs, (f) => f.kind !== 'failLro') as Exclude<Fault, { kind: 'failLro' }> | undefined;
  }

  /** Consumes a matching `failLro` fault. */
  takeLroFault(resourceType: string, verb: string): { code: string; message: string } | undefined {
    const fault = this.take(resourceType, [verb], (f) => f.kind === 'failLro');
    if (!fault || fault.kind !== 'failLro') return undefined;
    return { code: fault.code, message: fault.message ?? `Injected failure: ${fault.code}.` };
  }

  private take(resourceType: string, verbs: string[], wanted: (f: Fault) => boolean): Fault | undefined {
    const type = resourceType.toLowerCase();
    const lowVerbs = verbs.map((v) => v.toLowerCase());
    const rule = this.rules.find((r) => wanted(r.fault)
      && (r.resourceType === '*' || r.resourceType.toLowerCase() === type)
      && (r.verb === '*' || lowVerbs.includes(r.verb.toLowerCase())));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }
}
