import type { ClusterRef } from '../domain/deploy/deployment-plan.js';
import type { CqlCredentials, CqlSession, CqlTarget } from '../domain/ports/cql-port.js';
import { superuserSecretName } from '../domain/ports/secret-store.js';
import type { ActivityDeps } from './activity-deps.js';

/** The generated superuser's role name. */
export const SUPERUSER_ROLE = 'autopilot_admin';
/** Cassandra's built-in login, refused once the cluster is hardened. */
export const DEFAULT_CREDENTIALS: CqlCredentials = { username: 'cassandra', password: 'cassandra' };

/** The generated superuser's login, when one was stored. */
export async function superuserCredentials(deps: Pick<ActivityDeps, 'secrets'>, clusterName: string): Promise<CqlCredentials | undefined> {
  const password = await deps.secrets.getSecret(superuserSecretName(clusterName));
  return password ? { username: SUPERUSER_ROLE, password } : undefined;
}

/**
 * Opens a CQL session on the cluster with the right login: none when authentication is off, the
 * generated superuser once it exists, else the default login (before hardening). A refused
 * superuser login falls back to the default one, for a re-run that stored the secret but
 * crashed before creating the role.
 */
export async function withClusterSession<T>(deps: ActivityDeps, cluster: ClusterRef, target: Omit<CqlTarget, 'credentials'>,
  work: (session: CqlSession) => Promise<T>): Promise<T> {
  if (!cluster.authentication) return deps.cql.withSession(target, work);
  const superuser = await superuserCredentials(deps, cluster.clusterName);
  if (superuser) {
    try {
      return await deps.cql.withSession({ ...target, credentials: superuser }, work);
    } catch (error) {
      if (!deps.cql.isLoginRefused(error)) throw error;
    }
  }
  return deps.cql.withSession({ ...target, credentials: DEFAULT_CREDENTIALS }, work);
}
