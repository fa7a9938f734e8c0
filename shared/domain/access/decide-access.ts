/**
 * The app's roles, lowest first: each can do everything the ones before it can. On Azure they
 * are the Entra ID app registration's app roles (the token's `roles` claim); locally the host
 * maps each named key to them.
 */
export const ROLES = ['Reader', 'Operator', 'Admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each HTTP function needs: a role, `key` (its function key and no role) or `anonymous`.
 * The one authorization table: functions/register-http.ts registers only names in it.
 *
 * - Reader: every GET, and the plan preview of a spec change, which changes nothing.
 * - Operator: what changes a cluster without destroying anything (deploy, repair and its
 *   pause/resume/cancel, an on-demand health check, a backup, a restore into a new cluster, a
 *   restore drill, a rolling restart or one node's restart).
 * - Admin: what destroys, or overrides the product's own safety (delete, lease break; approvals
 *   belong here when they land). An in-place restore is Admin too, though its route is the
 *   Operator one of a restore into a new cluster: its handler asks decideRole for Admin.
 * - `key`: the alerts webhook, which Azure Monitor's Action Group calls with this function's own
 *   key and no token; what it can do is ask for a health check.
 * - `anonymous`: the OpenAPI document and the web console's files, which hold no data (the
 *   console's own API calls carry the caller's credentials and are authorized like any other).
 */
export const HTTP_ACCESS = {
  httpListClusters: 'Reader',
  httpGetCluster: 'Reader',
  httpGetOperation: 'Reader',
  httpListOperations: 'Reader',
  httpPlanClusterChange: 'Reader',
  httpListRemediations: 'Reader',
  httpListRepairs: 'Reader',
  httpGetRepair: 'Reader',
  httpGetRepairLedger: 'Reader',
  getClusterHealth: 'Reader',
  getClusterHealthHistory: 'Reader',
  getClusterHealthCheck: 'Reader',
  httpListBackups: 'Reader',
  httpGetBackup: 'Reader',
  httpListDrills: 'Reader',
  httpCreateCluster: 'Operator',
  httpStartRepair: 'Operator',
  httpPauseRepair: 'Operator',
  httpResumeRepair: 'Operator',
  httpCancelRepair: 'Operator',
  checkClusterHealthNow: 'Operator',
  httpStartBackup: 'Operator',
  httpStartRestore: 'Operator',
  httpStartDrill: 'Operator',
  httpRestartCluster: 'Operator',
  httpRestartNode: 'Operator',
  httpUpdateCluster: 'Operator',
  httpReplaceNode: 'Operator',
  httpApproveOperation: 'Operator',
  httpRejectOperation: 'Operator',
  httpDeleteCluster: 'Admin',
  httpBreakClusterLease: 'Admin',
  receiveAlert: 'key',
  httpGetOpenApi: 'anonymous',
  httpGetConsole: 'anonymous',
  httpGetConsoleFile: 'anonymous',
} as const satisfies Record<string, Role | 'key' | 'anonymous'>;

export type HttpFunctionName = keyof typeof HTTP_ACCESS;

export type AccessDecision = { allowed: true } | { allowed: false; needs: Role; holds: Role[] };

/** Who made a request, as App Service authentication (or the local host in its place) says. */
export interface Caller {
  /** For `requestedBy`: the user principal name and object id on Azure, the key's name locally. */
  identity: string;
  /** The role claims' values, as sent (decideRole ignores any that are not the app's roles). */
  roles: string[];
}

/** True when `value` is one of the app's roles (spelled exactly: app role values are case-sensitive). */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Whether a caller holding `callerRoles` may call `functionName`. Invariants: a `key` or
 * `anonymous` function allows everyone (the host checked the key); a role function allows a
 * caller whose highest role ranks at or above the one it needs; strings that are not roles count
 * for nothing, and no roles at all (no authenticated caller) is refused.
 */
export function decideAccess(functionName: HttpFunctionName, callerRoles: readonly string[]): AccessDecision {
  const needs = HTTP_ACCESS[functionName];
  if (needs === 'key' || needs === 'anonymous') return { allowed: true };
  return decideRole(needs, callerRoles);
}

/**
 * Whether a caller holding `callerRoles` reaches the role `needs`: its highest role ranks at or
 * above it. The ranking decideAccess applies to a route, for a request whose body asks for more
 * than its route's role (an in-place restore on the restore route).
 */
export function decideRole(needs: Role, callerRoles: readonly string[]): AccessDecision {
  const holds = ROLES.filter((role) => callerRoles.includes(role));
  const highest = Math.max(-1, ...holds.map((role) => ROLES.indexOf(role)));
  return highest >= ROLES.indexOf(needs) ? { allowed: true } : { allowed: false, needs, holds };
}
