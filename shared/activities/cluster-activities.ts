import { SMOKE_KEYSPACE } from '../domain/topology/plan-topology.js';
import { randomBytes } from 'node:crypto';
import type { ClusterSecretsInput, CreateKeyspacesInput, HardenAuthInput, SmokeTestInput } from '../contracts/activity-io.js';
import type { CqlContact } from '../domain/deploy/deployment-plan.js';
import type { CqlCredentials, CqlSession, CqlTarget } from '../domain/ports/cql-port.js';
import { clusterSecretNames, monitoringSecretName, superuserSecretName } from '../domain/ports/secret-store.js';
import { PER_DC_SYSTEM_KEYSPACES } from '../domain/topology/plan-topology.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { clusterCqlTarget, DEFAULT_CREDENTIALS, MONITORING_ROLE, SUPERUSER_ROLE, withClusterSession } from './with-cluster-session.js';

/** 32 random bytes as base64url: no quote characters, so safe inside a CQL literal. */
function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored password under `name`, generated and stored first when there is none (stored before any use, so a crash never loses it). */
async function ensurePassword(deps: ActivityDeps, name: string): Promise<{ password: string; stored: boolean }> {
  const stored = await deps.secrets.getSecret(name);
  if (stored) return { password: stored, stored: true };
  const password = generatePassword();
  await deps.secrets.setSecret(name, password);
  return { password, stored: false };
}

/** Harden, keyspace, smoke test and secret clean-up activities. */
export function createClusterActivities(deps: ActivityDeps) {
  const session = (contact: CqlContact) => ({ contactPoints: contact.contactPoints, localDataCenter: contact.dc });
  return {
    /**
     * Replicates the system keyspaces per DC, swaps the default login for a generated superuser,
     * and creates the read-only monitoring role health checks log in as. Passwords are stored
     * before first use, so a crash never loses one; after the replication change a read at ALL
     * copies the roles to every new replica before any login depends on them. Every session is
     * TLS (clusterCqlTarget). Each step is safe to repeat.
     */
    hardenAuth: async ({ cluster, contact, systemReplication }: HardenAuthInput): Promise<Result<void>> => {
      const { password, stored } = await ensurePassword(deps, superuserSecretName(cluster.clusterName));
      const monitoring = await ensurePassword(deps, monitoringSecretName(cluster.clusterName));
      const trusted = await clusterCqlTarget(deps, cluster.clusterName, session(contact));
      const as = (credentials: CqlCredentials): CqlTarget => ({ ...trusted, credentials });
      const superuser = { username: SUPERUSER_ROLE, password };
      const converge = (asDefault: boolean) => async (session: CqlSession) => {
        await session.alterKeyspaceReplication(PER_DC_SYSTEM_KEYSPACES, systemReplication);
        await session.readRepairKeyspace('system_auth');
        if (asDefault) await session.ensureSuperuserRole(SUPERUSER_ROLE, superuser.password);
      };
      // A password generated just now has no role yet: go straight to the default login rather
      // than spend a connection on a login Cassandra must refuse.
      let converged = false;
      if (stored) {
        try {
          await deps.cql.withSession(as(superuser), converge(false));
          converged = true;
        } catch (error) {
          if (!deps.cql.isLoginRefused(error)) throw error;
        }
      }
      if (!converged) {
        try {
          await deps.cql.withSession(as(DEFAULT_CREDENTIALS), converge(true));
        } catch (inner) {
          if (!deps.cql.isLoginRefused(inner)) throw inner;
          return fail({ code: 'CASSOPS_CQL_FAILED', message: 'Neither the generated superuser nor the default login is accepted; the cluster\'s roles were changed outside the product.' });
        }
      }
      await deps.cql.withSession(as(superuser), async (session) => {
        await session.disableDefaultLogin();
        await session.ensureMonitoringRole(MONITORING_ROLE, monitoring.password);
        await session.readRepairKeyspace('system_auth');
      });
      return ok(undefined);
    },
    createKeyspaces: async ({ cluster, contact, keyspaces }: CreateKeyspacesInput): Promise<Result<void>> => {
      await withClusterSession(deps, cluster, session(contact), async (cql) => {
        await cql.ensureKeyspaces(keyspaces, keyspaces.some((k) => k.name === SMOKE_KEYSPACE) ? SMOKE_KEYSPACE : undefined);
      });
      return ok(undefined);
    },
    /**
     * Writes in the first DC at EACH_QUORUM, reads back at LOCAL_QUORUM in every other DC (or the
     * same one). The readers' sessions connect while the write is under way, as a connect (TLS to
     * each local node, a login, the schema) costs as much as the write itself.
     */
    runSmokeTest: async ({ cluster, contacts, replication, probeId }: SmokeTestInput): Promise<Result<void>> => {
      const [first, ...others] = contacts;
      if (!first) return fail({ code: 'CASSOPS_INTERNAL', message: 'The smoke test was given no datacenter to write in.' });
      const value = `smoke-${probeId}`;
      const write = withClusterSession(deps, cluster, session(first), async (cql) => {
        await cql.ensureKeyspaces([{ name: SMOKE_KEYSPACE, replication }], SMOKE_KEYSPACE);
        await cql.writeSmokeRow(SMOKE_KEYSPACE, probeId, value);
        return others.length > 0 ? undefined : cql.readSmokeRow(SMOKE_KEYSPACE, probeId);
      });
      const readers = others.map((contact) => withClusterSession(deps, cluster, session(contact), async (cql) => {
        await write;
        return cql.readSmokeRow(SMOKE_KEYSPACE, probeId);
      }));
      // Every session has ended before the activity does; a failed write is the error to report, as the readers end with it.
      const settled = await Promise.allSettled([write, ...readers]);
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      const [sameDc, ...elsewhere] = settled.map((r) => (r as PromiseFulfilledResult<string | undefined>).value);
      const reads = others.length > 0 ? others.map((contact, i) => ({ dc: contact.dc, read: elsewhere[i] })) : [{ dc: first.dc, read: sameDc }];
      const wrong = reads.find((r) => r.read !== value);
      if (wrong) {
        return fail({ code: 'CASSOPS_SMOKE_TEST_FAILED', message: `Wrote a row in ${first.dc} at EACH_QUORUM but read ${wrong.read === undefined ? 'nothing' : `'${wrong.read}'`} at LOCAL_QUORUM in ${wrong.dc}.` });
      }
      return ok(undefined);
    },
    deleteClusterSecrets: async ({ clusterName }: ClusterSecretsInput): Promise<Result<void>> => {
      for (const name of clusterSecretNames(clusterName)) await deps.secrets.deleteSecret(name);
      return ok(undefined);
    },
  };
}
