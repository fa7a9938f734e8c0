import type cassandra from 'cassandra-driver';
import type { CqlPort, CqlSession, CqlTarget } from '../../domain/ports/cql-port.js';
import type { CqlView, LivenessView } from '../../domain/health/health-views.js';
import { isAuthenticationError, withCqlSession } from './cql-session.js';
import { alterKeyspaceReplication, disableDefaultLogin, ensureKeyspaces, ensureMonitoringRole, ensureSuperuserRole, readRepairKeyspace, readSmokeRow,
  writeSmokeRow } from './cluster-admin.js';
import { probeNodeJoined } from './probe-node-joined.js';
import { readCqlView } from './read-cql-view.js';
import { readRepairActivity, readRing } from './read-repair-state.js';
import { knockNativePorts } from './knock-native-ports.js';
import { readGossipViews } from './read-gossip-views.js';
import { readBackupSchema } from './read-backup-schema.js';
import { restoreSchema } from './restore-schema.js';
import { countRows } from './count-rows.js';
import { truncateTable } from './truncate-table.js';

/** How the adapter reaches every cluster's CQL port. */
export interface DriverCqlAdapterOptions {
  port: number;
  connectTimeoutInMs: number;
  /** The clock CQL views are stamped with. */
  now?: () => Date;
}

/**
 * How long a login-free knock on a native transport port waits: shorter than a session's connect
 * timeout, since on a VNet a listening node accepts within milliseconds, and waiting longer on a
 * silent one would tell nothing more.
 */
const KNOCK_TIMEOUT_IN_MS = 2_000;

/** CQL through the DataStax Node.js driver: one short-lived session per call, always shut down. */
export class DriverCqlAdapter implements CqlPort {
  constructor(private readonly options: DriverCqlAdapterOptions) {}

  withSession<T>(target: CqlTarget, work: (session: CqlSession) => Promise<T>): Promise<T> {
    return withCqlSession(this.sessionOptions(target), (client) => work(sessionOf(client)));
  }

  readCqlView(target: CqlTarget): Promise<CqlView> {
    return readCqlView({ ...this.sessionOptions(target), now: this.options.now });
  }

  isLoginRefused(error: unknown): boolean {
    return isAuthenticationError(error);
  }

  probeNativeTransport(addresses: string[]): Promise<LivenessView> {
    return knockNativePorts(addresses, { port: this.options.port, timeoutInMs: KNOCK_TIMEOUT_IN_MS, now: this.options.now });
  }

  private sessionOptions(target: CqlTarget) {
    return { ...target, port: this.options.port, connectTimeoutInMs: this.options.connectTimeoutInMs };
  }
}

/** The session operations bound to one driver client. */
function sessionOf(client: cassandra.Client): CqlSession {
  return {
    probeNodeJoined: (node, expectedHosts, clusterName) => probeNodeJoined(client, node, expectedHosts, clusterName),
    ensureKeyspaces: (keyspaces, smokeTableIn) => ensureKeyspaces(client, keyspaces, smokeTableIn),
    alterKeyspaceReplication: (keyspaces, replication) => alterKeyspaceReplication(client, keyspaces, replication),
    readRepairKeyspace: (keyspace) => readRepairKeyspace(client, keyspace),
    ensureSuperuserRole: (role, password) => ensureSuperuserRole(client, role, password),
    ensureMonitoringRole: (role, password) => ensureMonitoringRole(client, role, password),
    disableDefaultLogin: () => disableDefaultLogin(client),
    writeSmokeRow: (keyspace, id, value) => writeSmokeRow(client, keyspace, id, value),
    readSmokeRow: (keyspace, id) => readSmokeRow(client, keyspace, id),
    readRing: () => readRing(client),
    readRepairActivity: (addresses) => readRepairActivity(client, addresses, 5_000),
    readGossipViews: (observers) => readGossipViews(client, observers, 5_000),
    readBackupSchema: (keyspaces) => readBackupSchema(client, keyspaces),
    restoreSchema: (schema, replication) => restoreSchema(client, schema, replication),
    countRows: (keyspace, table, options) => countRows(client, keyspace, table, options),
    truncateTable: (keyspace, table) => truncateTable(client, keyspace, table),
  };
}
