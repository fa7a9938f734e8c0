import { parseArmPath, type ArmPath } from './parse-arm-path.js';

/** An ARM request as the simulator's request log keeps it (RequestLogEntry). */
export interface LoggedArmRequest {
  method: string;
  path: string;
  /** Resource ids the request body referenced. */
  links?: string[];
}

/** The RBAC actions Azure checks for a request, and what in it no rule here maps. */
export interface RbacNeeds {
  actions: string[];
  /** The request, or a link in it, that no rule maps, described for a failure message. */
  unmapped: string[];
}

const VERB_ACTIONS: Record<string, string> = { GET: 'read', HEAD: 'read', PUT: 'write', PATCH: 'write', DELETE: 'delete' };

/**
 * Where Azure's long-running operations are polled, by provider. The simulator serves every
 * provider's status at `locations/{l}/operations/{id}` and its result at `.../operationResults/{id}`;
 * these are the actions Azure's own URLs need: Compute's result URL is its status URL again
 * (`?monitor=true`), and a resource group delete is polled at `/subscriptions/{s}/operationresults/`.
 */
const OPERATION_READS: Record<string, { status: string; result: string }> = {
  'microsoft.network': {
    status: 'Microsoft.Network/locations/operations/read',
    result: 'Microsoft.Network/locations/operationResults/read',
  },
  'microsoft.compute': {
    status: 'Microsoft.Compute/locations/operations/read',
    result: 'Microsoft.Compute/locations/operations/read',
  },
  'microsoft.resources': {
    status: 'Microsoft.Resources/subscriptions/operationresults/read',
    result: 'Microsoft.Resources/subscriptions/operationresults/read',
  },
};

/**
 * Linked access checks: a write whose body references another resource needs an action on that
 * resource too (ARM answers LinkedAuthorizationFailed without it). A VNet linked whole is a
 * peering's remote network, which takes `peer`, not `join`. Compute names no join action for
 * availability sets: a VM names its set, and reading it is the least a link can need. Network
 * names none for VPN gateways either (a connection names both of its gateways): read, likewise.
 */
const LINKED_ACTIONS: { linked: RegExp; action: (requestType: string) => string }[] = [
  { linked: /\/microsoft\.network\/virtualnetworks\/[^/]+\/subnets\/[^/]+$/i,
    action: () => 'Microsoft.Network/virtualNetworks/subnets/join/action' },
  { linked: /\/microsoft\.network\/networksecuritygroups\/[^/]+$/i,
    action: () => 'Microsoft.Network/networkSecurityGroups/join/action' },
  { linked: /\/microsoft\.network\/loadbalancers\/[^/]+\/backendaddresspools\/[^/]+$/i,
    action: () => 'Microsoft.Network/loadBalancers/backendAddressPools/join/action' },
  { linked: /\/microsoft\.network\/networkinterfaces\/[^/]+$/i,
    action: () => 'Microsoft.Network/networkInterfaces/join/action' },
  { linked: /\/microsoft\.network\/publicipaddresses\/[^/]+$/i,
    action: () => 'Microsoft.Network/publicIPAddresses/join/action' },
  { linked: /\/microsoft\.network\/virtualnetworks\/[^/]+$/i,
    action: (requestType) => /\/virtualnetworkpeerings$/i.test(requestType)
      ? 'Microsoft.Network/virtualNetworks/peer/action' : 'Microsoft.Network/virtualNetworks/join/action' },
  { linked: /\/microsoft\.network\/virtualnetworkgateways\/[^/]+$/i,
    action: () => 'Microsoft.Network/virtualNetworkGateways/read' },
  { linked: /\/microsoft\.compute\/availabilitysets\/[^/]+$/i,
    action: () => 'Microsoft.Compute/availabilitySets/read' },
];

/**
 * Resources Azure creates along with another, by the creator's type (lower-cased): a VM's managed
 * OS and data disks come from its storage profile, and Azure authorizes them as disk writes.
 */
export const CREATED_WITH: ReadonlyMap<string, readonly string[]> = new Map([
  ['microsoft.compute/virtualmachines', ['Microsoft.Compute/disks']],
]);

/**
 * The RBAC actions one logged ARM request needs: the verb's action on the addressed type
 * (`PUT …/virtualNetworks/v` → `Microsoft.Network/virtualNetworks/write`; `POST …/runCommand` →
 * `…/virtualMachines/runCommand/action`; `GET …/instanceView` → `…/virtualMachines/instanceView/read`;
 * an operation poll → its provider's status read), then, for writes, the linked actions its body's
 * references need and the writes of resources created with it. Self-references (a load balancer's
 * rule naming its own pool) need nothing. A resource group delete's needs on what the group holds
 * depend on the rest of the run: see rbacActionsOfRun.
 */
export function rbacActionsOf(request: LoggedArmRequest): RbacNeeds {
  const method = request.method.toUpperCase();
  const parsed = parseArmPath(request.path, method);
  const direct = directAction(parsed, method);
  if (!direct) return { actions: [], unmapped: [`${method} ${request.path}`] };
  const isWrite = method === 'PUT' || method === 'PATCH';
  if (parsed.kind !== 'resource' || parsed.action || !isWrite) return { actions: [direct], unmapped: [] };
  const type = typeOf(parsed);
  const own = decoded(request.path).toLowerCase();
  const links = (request.links ?? []).filter((id) => id.toLowerCase() !== own && !id.toLowerCase().startsWith(`${own}/`));
  const actions = [direct];
  const unmapped: string[] = [];
  for (const link of links) {
    const rule = LINKED_ACTIONS.find((r) => r.linked.test(link));
    if (rule) actions.push(rule.action(type));
    else unmapped.push(`${method} ${request.path} links ${link}`);
  }
  const createdWith = method === 'PUT' ? CREATED_WITH.get(type.toLowerCase()) ?? [] : [];
  actions.push(...createdWith.map((created) => `${created}/write`));
  return { actions: [...new Set(actions)], unmapped };
}

/** `Namespace/type[/childType]` of a resource path, as the URL spells it. */
export function typeOf(path: Extract<ArmPath, { kind: 'resource' }>): string {
  return `${path.namespace}/${path.types.join('/')}`;
}

function directAction(path: ArmPath, method: string): string | undefined {
  const verb = VERB_ACTIONS[method];
  switch (path.kind) {
    case 'resourceGroups':
    case 'resourceGroup':
      if (!verb || (path.kind === 'resourceGroups' && verb !== 'read')) return undefined;
      return `Microsoft.Resources/subscriptions/resourceGroups/${verb}`;
    case 'operation': {
      const reads = OPERATION_READS[path.namespace.toLowerCase()];
      return reads && method === 'GET' ? (path.result ? reads.result : reads.status) : undefined;
    }
    case 'subscriptionList':
      return method === 'GET' ? `${path.namespace}/${path.type}/read` : undefined;
    case 'runCommandCatalog':
      return method === 'GET' ? 'Microsoft.Compute/locations/runCommands/read' : undefined;
    case 'resource':
      if (!path.action) return verb ? `${typeOf(path)}/${verb}` : undefined;
      if (method === 'POST') return `${typeOf(path)}/${path.action}/action`;
      return method === 'GET' ? `${typeOf(path)}/${path.action}/read` : undefined;
    default:
      return undefined;
  }
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
