/** What an ARM URL path addresses. */
export type ArmPath =
  | { kind: 'resourceGroups'; subscriptionId: string }
  | { kind: 'resourceGroup'; subscriptionId: string; resourceGroup: string }
  | { kind: 'operation'; subscriptionId: string; namespace: string; location: string; operationId: string; result: boolean }
  | { kind: 'subscriptionList'; subscriptionId: string; namespace: string; type: string }
  | { kind: 'runCommandCatalog'; subscriptionId: string; location: string; commandId?: string }
  | {
    kind: 'resource';
    subscriptionId: string;
    resourceGroup: string;
    namespace: string;
    /** Type segments from the URL, e.g. ['virtualNetworks', 'subnets']. */
    types: string[];
    /** Names, one per type segment; one fewer when the URL addresses a collection. */
    names: string[];
    /** Trailing segment after a name: an action (`start`) or view (`instanceView`). */
    action?: string;
  }
  | { kind: 'unknown' };

/** Views served by GET on a resource rather than collections of children. */
const GET_VIEWS = new Set(['instanceview']);

/**
 * Parses an ARM path case-insensitively (ARM is; the SDKs send both `resourcegroups` and
 * `resourceGroups`). Names keep the caller's casing.
 */
export function parseArmPath(pathname: string, method: string): ArmPath {
  const seg = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const low = seg.map((s) => s.toLowerCase());
  if (low[0] !== 'subscriptions' || !seg[1]) return { kind: 'unknown' };
  const subscriptionId = seg[1];
  if (low[2] === 'providers') return parseSubscriptionProvider(subscriptionId, seg, low);
  if (low[2] !== 'resourcegroups') return { kind: 'unknown' };
  if (seg.length === 3) return { kind: 'resourceGroups', subscriptionId };
  const resourceGroup = seg[3]!;
  if (seg.length === 4) return { kind: 'resourceGroup', subscriptionId, resourceGroup };
  if (low[4] !== 'providers' || !seg[5] || seg.length < 7) return { kind: 'unknown' };
  const rest = seg.slice(6);
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const type = rest[i]!;
    const name = rest[i + 1];
    if (name === undefined && i > 0 && (method === 'POST' || GET_VIEWS.has(type.toLowerCase()))) {
      return { kind: 'resource', subscriptionId, resourceGroup, namespace: seg[5], types, names, action: type };
    }
    types.push(type);
    if (name !== undefined) names.push(name);
  }
  return { kind: 'resource', subscriptionId, resourceGroup, namespace: seg[5], types, names };
}

function parseSubscriptionProvider(subscriptionId: string, seg: string[], low: string[]): ArmPath {
  const namespace = seg[3];
  if (!namespace) return { kind: 'unknown' };
  if (low[4] === 'locations' && seg[5]) {
    if ((low[6] === 'operations' || low[6] === 'operationresults') && seg[7] && seg.length === 8) {
      return { kind: 'operation', subscriptionId, namespace, location: seg[5], operationId: seg[7], result: low[6] === 'operationresults' };
    }
    if (low[6] === 'runcommands' && seg.length <= 8) return { kind: 'runCommandCatalog', subscriptionId, location: seg[5], commandId: seg[7] };
    return { kind: 'unknown' };
  }
  if (seg.length === 5 && seg[4]) return { kind: 'subscriptionList', subscriptionId, namespace, type: seg[4] };
  return { kind: 'unknown' };
}
