import type { CqlCredentials, CqlPort, CqlSession, CqlTarget, JoiningNode, NodeJoinStatus } from '../../domain/ports/cql-port.js';
import type { CqlView, LivenessView } from '../../domain/health/health-views.js';
import { OpsError } from '../../errors/ops-error.js';
import type { InMemoryRepairEngine } from './in-memory-repair-engine.js';
import { InMemorySchema } from './in-memory-schema.js';

/** One node of the twin's cluster, Up/Normal. */
export interface InMemoryCqlNode {
  address: string;
  dc: string;
  rack: string;
}

interface Role {
  password: string;
  login: boolean;
}

const SCHEMA_VERSION = '59adb24e-f3cd-3e02-97f0-5b395827453f';
/** An idle node's virtual tables, as a freshly started 5.0.9 node reports them. */
const IDLE_STATS = { pendingCompactions: 0, runningSstableTasks: 0, droppedMessages: 0, blockedTasks: 0, hintFiles: 0 };

/** A refused login, named as the driver names it. */
function loginRefused(username: string): Error {
  return Object.assign(new Error(`Provided username ${username} and/or password are incorrect`), { name: 'AuthenticationError' });
}

/**
 * CqlPort in memory: the twin the CQL contract suite runs beside DriverCqlAdapter on a real node.
 * It models one cluster with PasswordAuthenticator: the built-in `cassandra`/`cassandra` login
 * until disableDefaultLogin, roles created once (a second ensureSuperuserRole keeps the first
 * password), keyspaces whose replication decides whether EACH_QUORUM writes, LOCAL_QUORUM reads and
 * ALL reads find enough of the cluster's nodes, and a join probe that checks cluster name, DC,
 * rack and the number of nodes; its CQL view shows every node NORMAL in gossip with idle counters.
 * Its schema (InMemorySchema) holds CREATE statements as given and the rows tests put in tables.
 * A target none of whose contact points is a node, or that brings no CA (the nodes take TLS only), is unreachable; every node's native transport
 * port accepts a connect, and any other address refuses it (as loopback does).
 */
export class InMemoryCql implements CqlPort {
  private readonly roles = new Map<string, Role>([['cassandra', { password: 'cassandra', login: true }]]);
  private readonly schema = new InMemorySchema();
  /** Who logged in, in order (an empty name for a login-free session), so tests can tell which role a check used. */
  readonly logins: string[] = [];

  /** `repairs`, when given, is the ring and repair state the repair reads see; a node down there is down here too. */
  constructor(private readonly clusterName: string, private readonly nodes: readonly InMemoryCqlNode[],
    private readonly repairs?: InMemoryRepairEngine) {}

  async withSession<T>(target: CqlTarget, work: (session: CqlSession) => Promise<T>): Promise<T> {
    this.connect(target);
    return work(this.session(target.localDataCenter));
  }

  async readCqlView(target: CqlTarget): Promise<CqlView> {
    const observedAt = new Date().toISOString();
    try {
      this.connect(target);
    } catch (error) {
      const reason = this.isLoginRefused(error) ? 'the cluster refused the product\'s CQL login' : (error as Error).message;
      return { observedAt, reachable: false, error: reason, hosts: [] };
    }
    return { observedAt, reachable: true, hosts: this.nodes.map((n) => {
      const up = !this.repairs?.isDown(n.address);
      return { address: n.address, datacenter: n.dc, rack: n.rack, up,
        ...(up ? { schemaVersion: SCHEMA_VERSION, gossipStatus: 'NORMAL', rpcReady: true, stats: { ...IDLE_STATS } } : {}) };
    }) };
  }

  /** Puts rows with these keys into a table, as an application writing to the cluster would. */
  putRows(keyspace: string, table: string, keys: readonly string[]): void {
    const rows = this.schema.find(keyspace)?.tables.get(table)?.rows;
    if (!rows) throw new Error(`Table '${keyspace}.${table}' doesn't exist`);
    for (const key of keys) rows.set(key, '');
  }

  /** Drops a keyspace, as an operator at cqlsh would. */
  dropKeyspace(keyspace: string): void {
    this.schema.drop(keyspace);
  }

  isLoginRefused(error: unknown): boolean {
    return (error as { name?: string })?.name === 'AuthenticationError';
  }

  async probeNativeTransport(addresses: string[]): Promise<LivenessView> {
    const listening = new Set(this.nodes.map((n) => n.address));
    return { observedAt: new Date().toISOString(), answers: addresses.map((address) => (listening.has(address)
      ? { address, answer: 'accepted' } : { address, answer: 'refused', detail: 'port 9042: ECONNREFUSED' })) };
  }

  private connect(target: CqlTarget): void {
    if (!this.nodes.some((n) => target.contactPoints.includes(n.address))) {
      const where = `${target.contactPoints.join(', ')} (${target.localDataCenter})`;
      throw new OpsError('CASSOPS_CQL_UNAVAILABLE', { message: `No CQL answer from ${where}` });
    }
    // Every node takes TLS only: a session that brings no CA to verify it against never gets as far as a login.
    if (!target.trustedCaPem) throw new OpsError('CASSOPS_CQL_UNAVAILABLE', { message: 'No CQL answer: the nodes take TLS only and no CA was given' });
    const credentials: CqlCredentials = target.credentials ?? { username: '', password: '' };
    const role = this.roles.get(credentials.username);
    if (!role || !role.login || role.password !== credentials.password) throw loginRefused(credentials.username);
    this.logins.push(credentials.username);
  }

  private session(localDc: string): CqlSession {
    return {
      probeNodeJoined: async (node, expectedHosts, clusterName) => this.probe(node, expectedHosts, clusterName),
      ensureKeyspaces: async (keyspaces, smokeTableIn) => {
        for (const { name, replication } of keyspaces) this.schema.setReplication(name, replication);
        if (smokeTableIn !== undefined) this.schema.ensureTable(smokeTableIn, 'smoke', 'id text PRIMARY KEY, value text');
      },
      alterKeyspaceReplication: async (keyspaces, replication) => {
        for (const name of keyspaces) this.schema.keyspace(name).replication = { ...replication };
      },
      readRepairKeyspace: async (name) => {
        const keyspace = this.schema.find(name);
        // A keyspace without tables reads nothing; each table is read at ALL.
        if (keyspace && keyspace.tables.size > 0) this.requireReplicas(keyspace.replication, (rf) => rf, Object.keys(keyspace.replication), 'ALL');
      },
      ensureSuperuserRole: async (role, password) => {
        if (!this.roles.has(role)) this.roles.set(role, { password, login: true });
      },
      ensureMonitoringRole: async (role, password) => {
        if (!this.roles.has(role)) this.roles.set(role, { password, login: true });
      },
      disableDefaultLogin: async () => { this.roles.get('cassandra')!.login = false; },
      writeSmokeRow: async (name, id, value) => {
        const keyspace = this.schema.keyspace(name);
        const table = keyspace.tables.get('smoke');
        if (!table) throw new Error(`unconfigured table ${name}.smoke`);
        this.requireReplicas(keyspace.replication, quorum, Object.keys(keyspace.replication), 'EACH_QUORUM');
        table.rows.set(id, value);
      },
      readSmokeRow: async (name, id) => {
        const keyspace = this.schema.keyspace(name);
        this.requireReplicas(keyspace.replication, quorum, [localDc], 'LOCAL_QUORUM');
        return keyspace.tables.get('smoke')?.rows.get(id);
      },
      readRing: async () => this.repairs?.readRing() ?? { nodes: [], keyspaces: [] },
      readRepairActivity: async (addresses) => addresses.map((address) => this.repairs?.activity(address)
        ?? { address, reachable: true, repairs: [], pendingCompactions: 0 }),
      // Every twin node is up, on the local stack's release, in its first incarnation; a generation of 1 is heard by every observer.
      readGossipViews: async (observers) => observers.map((observer) => ({ observer, reachable: this.nodes.some((n) => n.address === observer),
        entries: this.nodes.map((n) => ({ address: n.address, generation: 1, status: 'NORMAL', rpcReady: true, releaseVersion: '5.0.9' })) })),
      readBackupSchema: async (keyspaces) => this.schema.describe(keyspaces),
      restoreSchema: async (schema, replication) => this.schema.restore(schema, replication),
      countRows: async (name, table, options) => {
        const keyspace = this.schema.find(name);
        const rows = keyspace?.tables.get(table)?.rows;
        if (!keyspace || !rows) throw new OpsError('CASSOPS_CQL_FAILED', { message: `Table ${name}.${table} does not exist.` });
        // ONE needs one live replica, which every node of the twin is.
        if (options.consistency !== 'ONE') this.requireReplicas(keyspace.replication, quorum, [localDc], 'LOCAL_QUORUM');
        return rows.size > options.cap ? { rows: options.cap, capped: true } : { rows: rows.size, capped: false };
      },
      truncateTable: async (name, table) => {
        const rows = this.schema.find(name)?.tables.get(table)?.rows;
        if (!rows) throw new OpsError('CASSOPS_CQL_FAILED', { message: `Table ${name}.${table} does not exist.` });
        rows.clear();
      },
    };
  }

  private probe(node: JoiningNode, expectedHosts: number, clusterName: string): NodeJoinStatus {
    const self = this.nodes.find((n) => n.address === node.privateIp);
    const down = { isUpNormal: false, schemaAgrees: false };
    if (!self) return { ...down, detail: `${node.privateIp} is not a node` };
    if (clusterName !== this.clusterName) {
      return { ...down, detail: `${node.privateIp} answers for cluster '${this.clusterName}', not '${clusterName}'` };
    }
    if (self.dc !== node.dc || self.rack !== node.rack) {
      return { ...down, detail: `node reports ${self.dc}/${self.rack}, planned ${node.dc}/${node.rack}` };
    }
    if (this.nodes.length < expectedHosts) return { ...down, detail: `sees ${this.nodes.length} of ${expectedHosts} nodes` };
    return { isUpNormal: true, schemaAgrees: true, detail: 'UN, schema agrees' };
  }

  /** Throws Cassandra's Unavailable when a DC has fewer nodes than the consistency level needs. */
  private requireReplicas(replication: Record<string, number>, needed: (rf: number) => number, dcs: string[], level: string): void {
    for (const dc of dcs) {
      // SimpleStrategy ('*') places replicas regardless of DC: every node counts, and its one factor sets the quorum.
      const alive = this.nodes.filter((n) => dc === '*' || n.dc === dc).length;
      const required = needed(replication[dc] ?? replication['*'] ?? 0);
      if (alive < required) throw new Error(`Cannot achieve consistency level ${level} in DC ${dc}: ${required} required, ${alive} alive`);
    }
  }
}

function quorum(rf: number): number {
  return Math.floor(rf / 2) + 1;
}
