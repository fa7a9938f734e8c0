import { z } from 'zod';
import { ArmError } from '../arm-error.js';
import type { ArmBody, StoredResource } from '../resource-store.js';
import type { ResourceKind, ResourceTarget, SimulatorContext } from '../simulator-context.js';
import { envelope, parseBody } from './request-body.js';

export const NSG_TYPE = 'Microsoft.Network/networkSecurityGroups';
export const RULE_TYPE = 'Microsoft.Network/networkSecurityGroups/securityRules';

const ruleProperties = z.looseObject({
  protocol: z.enum(['Tcp', 'Udp', 'Icmp', 'Esp', '*', 'Ah']),
  access: z.enum(['Allow', 'Deny']),
  direction: z.enum(['Inbound', 'Outbound']),
  priority: z.number().int().min(100).max(4096),
  sourcePortRange: z.string().optional(),
  destinationPortRange: z.string().optional(),
  destinationPortRanges: z.array(z.string()).optional(),
  sourceAddressPrefix: z.string().optional(),
  sourceAddressPrefixes: z.array(z.string()).optional(),
  destinationAddressPrefix: z.string().optional(),
  destinationAddressPrefixes: z.array(z.string()).optional(),
});
const inlineRule = z.looseObject({ name: z.string().min(1), properties: ruleProperties });
const nsgSchema = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.looseObject({ securityRules: z.array(inlineRule).optional() }).optional(),
});

/** Network security groups; inline `securityRules` become child resources, replaced as a set. */
export const networkSecurityGroups: ResourceKind = {
  type: NSG_TYPE,
  mode: 'async',
  put(ctx, target, body, existing) {
    const input = parseBody(nsgSchema, body);
    const rules = (input.properties?.securityRules ?? []).map((r) => buildRule(childTarget(target, r.name), r.properties));
    checkPriorities(rules);
    if (existing) ctx.store.list(`${existing.body.id}/`, RULE_TYPE).forEach((r) => ctx.store.delete(r.body.id));
    rules.forEach((r) => ctx.store.put(r));
    const stored: StoredResource = { body: envelope(target, NSG_TYPE, input, { resourceGuid: crypto.randomUUID() }), hidden: {} };
    return { stored, latency: 'nsgPut' };
  },
  present(ctx, stored): ArmBody {
    const securityRules = ctx.store.list(`${stored.body.id}/`, RULE_TYPE).map((r) => r.body);
    return { ...stored.body, properties: { ...stored.body.properties, securityRules, defaultSecurityRules: defaultRules(stored.body.id), ...usedBy(ctx, stored.body.id) } };
  },
  checkDelete(ctx, stored) {
    const users = usedBy(ctx, stored.body.id);
    const first = users.subnets?.[0] ?? users.networkInterfaces?.[0];
    if (first) {
      throw new ArmError('InUseNetworkSecurityGroupCannotBeDeleted', `Network security group ${stored.body.id} cannot be deleted because it is in use by the following resources: ${first.id}. In order to delete the Network security group, remove the association with the resource(s).`);
    }
  },
  async onDelete(ctx, stored) {
    ctx.store.list(`${stored.body.id}/`).forEach((r) => ctx.store.delete(r.body.id));
  },
};

/** Security rules as child resources of an NSG. */
export const securityRules: ResourceKind = {
  type: RULE_TYPE,
  mode: 'async',
  put(ctx, target, body) {
    const input = parseBody(z.looseObject({ properties: ruleProperties }), body);
    const stored = buildRule(target, input.properties);
    const siblings = ctx.store.list(target.id.split('/').slice(0, -2).join('/') + '/', RULE_TYPE)
      .filter((r) => r.body.id.toLowerCase() !== target.id.toLowerCase());
    checkPriorities([...siblings, stored]);
    return { stored, latency: 'nsgPut' };
  },
};

function childTarget(target: ResourceTarget, name: string): ResourceTarget {
  return { ...target, types: [...target.types, 'securityRules'], names: [...target.names, name], id: `${target.id}/securityRules/${name}` };
}

function buildRule(target: ResourceTarget, properties: z.infer<typeof ruleProperties>): StoredResource {
  const body = envelope(target, RULE_TYPE, {}, { ...properties, provisioningState: 'Succeeded' });
  return { body, hidden: {} };
}

function checkPriorities(rules: StoredResource[]): void {
  const seen = new Map<string, string>();
  for (const r of rules) {
    const key = `${r.body.properties.direction}/${r.body.properties.priority}`;
    const other = seen.get(key);
    if (other) {
      throw new ArmError('SecurityRuleConflict', `Security rule ${r.body.name} conflicts with rule ${other}. Rules cannot have the same Priority and Direction.`);
    }
    seen.set(key, r.body.name);
  }
}

function usedBy(ctx: SimulatorContext, nsgId: string): { subnets?: { id: string }[]; networkInterfaces?: { id: string }[] } {
  const sub = nsgId.split('/').slice(0, 3).join('/') + '/';
  const refs = (type: string) => ctx.store.list(sub, type)
    .filter((r) => (r.body.properties.networkSecurityGroup as { id?: string } | undefined)?.id?.toLowerCase() === nsgId.toLowerCase())
    .map((r) => ({ id: r.body.id }));
  const subnets = refs('Microsoft.Network/virtualNetworks/subnets');
  const networkInterfaces = refs('Microsoft.Network/networkInterfaces');
  return { ...(subnets.length ? { subnets } : {}), ...(networkInterfaces.length ? { networkInterfaces } : {}) };
}

function defaultRules(nsgId: string): ArmBody[] {
  const rule = (name: string, direction: string, priority: number, access: string, source: string, destination: string): ArmBody => ({
    id: `${nsgId}/defaultSecurityRules/${name}`, name, type: `${NSG_TYPE}/defaultSecurityRules`,
    properties: { protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: source, destinationAddressPrefix: destination, access, priority, direction, provisioningState: 'Succeeded' },
  });
  return [
    rule('AllowVnetInBound', 'Inbound', 65000, 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
    rule('AllowAzureLoadBalancerInBound', 'Inbound', 65001, 'Allow', 'AzureLoadBalancer', '*'),
    rule('DenyAllInBound', 'Inbound', 65500, 'Deny', '*', '*'),
    rule('AllowVnetOutBound', 'Outbound', 65000, 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
    rule('AllowInternetOutBound', 'Outbound', 65001, 'Allow', '*', 'Internet'),
    rule('DenyAllOutBound', 'Outbound', 65500, 'Deny', '*', '*'),
  ];
}
