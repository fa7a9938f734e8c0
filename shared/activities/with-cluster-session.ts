import type { ClusterRef } from '../domain/deploy/deployment-plan.js';
import type { CqlCredentials, CqlSession, CqlTarget } from '../domain/ports/cql-port.js';
import { monitoringSecretName, superuserSecretName } from '../domain/ports/secret-store.js';
import { OpsError } from '../errors/ops-error.js';
import type { ActivityDeps } from './activity-deps.js';
import { readClusterCaCert } from './cluster-tls.js';

/** The generated superuser's role name. */
export const SUPERUSER_ROLE = 'autopilot_admin';
/** The read-only role health checks log in as (created at hardening). */
export const MONITORING_ROLE = 'autopilot_monitor';
/** Cassandra's built-in login, refused once the cluster is hardened. */
export const DEFAULT_CREDENTIALS: CqlCredentials = { username: 'cassandra', password: 'cassandra' };

/** Where a session connects, before the product adds the cluster's trust and a login. */
export type SessionTarget = Omit<CqlTarget, 'credentials' | 'trustedCaPem'>;

/** The generated superuser's login, when one was stored. */
export async function superuserCredentials(deps: Pick<ActivityDeps, 'secrets'>, clusterName: string): Promise<CqlCredentials | undefined> {
  const password = await deps.secrets.getSecret(superuserSecretName(clusterName));
  return password ? { username: SUPERUSER_ROLE, password } : undefined;
}

/** The monitoring role's login, when one was stored (a cluster with authentication on, hardened). */
export async function monitoringCredentials(deps: Pick<ActivityDeps, 'secrets'>, clusterName: string): Promise<CqlCredentials | undefined> {
  const password = await deps.secrets.getSecret(monitoringSecretName(clusterName));
  return password ? { username: MONITORING_ROLE, password } : undefined;
}

/**
 * The one way a CQL target for a cluster is made: `target` with the cluster CA to verify nodes
 * against (every session is TLS) and the given login. Errors: CASSOPS_TLS_CA_MISSING (thrown)
 * when the cluster has no CA, since no node of it would accept a session.
 */
export async function clusterCqlTarget(deps: Pick<ActivityDeps, 'secrets'>, clusterName: string, target: SessionTarget,
  credentials?: CqlCredentials): Promise<CqlTarget> {
  const trustedCaPem = await readClusterCaCert(deps.secrets, clusterName);
  if (!trustedCaPem) throw new OpsError('CASSOPS_TLS_CA_MISSING', { message: `Cluster ${clusterName} has no certificate authority to verify its nodes against.` });
  return { ...target, trustedCaPem, ...(credentials ? { credentials } : {}) };
}

/**
 * Opens a CQL session on the cluster over TLS with the right login: none when authentication is
 * off, the generated superuser once it exists, else the default login (before hardening). A
 * refused superuser login falls back to the default one, for a re-run that stored the secret but
 * crashed before creating the role.
 */
export async function withClusterSession<T>(deps: ActivityDeps, cluster: ClusterRef, target: SessionTarget,
  work: (session: CqlSession) => Promise<T>): Promise<T> {
  const trusted = await clusterCqlTarget(deps, cluster.clusterName, target);
  if (!cluster.authentication) return deps.cql.withSession(trusted, work);
  const superuser = await superuserCredentials(deps, cluster.clusterName);
  if (superuser) {
    try {
      return await deps.cql.withSession({ ...trusted, credentials: superuser }, work);
    } catch (error) {
      if (!deps.cql.isLoginRefused(error)) throw error;
    }
  }
  return deps.cql.withSession({ ...trusted, credentials: DEFAULT_CREDENTIALS }, work);
}
