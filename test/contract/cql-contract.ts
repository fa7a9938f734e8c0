import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupSchema, CqlPort, CqlSession, CqlTarget, JoiningNode } from '../../shared/domain/ports/cql-port.js';

/** What the cases do to the cluster from outside the port, as an operator or an application would. */
export interface CqlContractOutside {
  dropKeyspace(keyspace: string): Promise<void>;
  /** Inserts one row per id into a table whose key is `id text`. */
  insertIds(keyspace: string, table: string, ids: readonly string[]): Promise<void>;
}

/** A CqlPort and the one-node cluster behind it, its default login still enabled. */
export interface CqlContractSubject {
  cql: CqlPort;
  /** The node, with the default `cassandra` login. */
  target: CqlTarget;
  node: JoiningNode;
  clusterName: string;
  outside: CqlContractOutside;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A keyspace with what a backup must carry: a user type, a table using it, and a secondary index. */
const BACKUP_KS = 'contract_backup';
const SOURCE_SCHEMA: BackupSchema = { tables: [], statements: [
  `CREATE KEYSPACE ${BACKUP_KS} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  `CREATE TYPE ${BACKUP_KS}.address (street text, zip int)`,
  `CREATE TABLE ${BACKUP_KS}.people (id text PRIMARY KEY, name text, home frozen<address>)`,
  `CREATE INDEX people_by_name ON ${BACKUP_KS}.people (name)`,
].map((cql) => ({ keyspace: BACKUP_KS, cql })) };

const ADMIN = { username: 'autopilot_admin', password: 'first-secret' };

/** Polls `check` every 200 ms until it holds: Cassandra's role cache may answer from before a change for ~2 s. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutInMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutInMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutInMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The CqlPort contract: DriverCqlAdapter on one real Cassandra node and the in-memory twin run
 * these same cases, in order (the last one disables the default login the others use), so the
 * twin cannot drift from the adapter.
 */
export function describeCqlContract(name: string, subject: () => CqlContractSubject): void {
  describe(`CqlPort contract: ${name}`, () => {
    const cql = () => subject().cql;
    const as = (credentials: CqlTarget['credentials']): CqlTarget => ({ ...subject().target, credentials });
    const withSession = <T>(work: (s: CqlSession) => Promise<T>) => cql().withSession(subject().target, work);
    const unreachable = (): CqlTarget => ({ ...subject().target, contactPoints: ['127.44.9.9'] });

    it('reads every host up with its schema version, and an unreachable cluster as a view, never a throw', async () => {
      const view = await cql().readCqlView(subject().target);
      assert.equal(view.reachable, true);
      assert.deepEqual(view.hosts.map((h) => [h.address, h.datacenter, h.rack, h.up]),
        [[subject().node.privateIp, subject().node.dc, subject().node.rack, true]]);
      assert.match(view.hosts[0]?.schemaVersion ?? '', /^[0-9a-f-]{36}$/);
      // The ring's gossip state, read once, and the host's own virtual tables, read pinned to it.
      assert.deepEqual([view.hosts[0]?.gossipStatus, view.hosts[0]?.rpcReady], ['NORMAL', true]);
      const stats = view.hosts[0]?.stats;
      assert.ok(stats, 'the virtual tables answered');
      assert.deepEqual([stats.droppedMessages, stats.hintFiles, stats.blockedTasks], [0, 0, 0]);
      assert.ok(Number.isInteger(stats.pendingCompactions) && Number.isInteger(stats.runningSstableTasks));
      const away = await cql().readCqlView(unreachable());
      assert.deepEqual([away.reachable, away.hosts], [false, []]);
      assert.ok(away.error);
    });

    it('throws a refused login that isLoginRefused knows, and an unreachable cluster as retryable CASSOPS_CQL_UNAVAILABLE', async () => {
      const refused = await cql().withSession(as({ username: 'cassandra', password: 'wrong' }), async () => 'opened')
        .catch((e: unknown) => e);
      assert.equal(cql().isLoginRefused(refused), true);
      const away = await cql().withSession(unreachable(), async () => 'opened').catch((e: unknown) => e);
      assert.deepEqual([(away as { code?: string }).code, (away as { retryable?: boolean }).retryable], ['CASSOPS_CQL_UNAVAILABLE', true]);
      assert.equal(cql().isLoginRefused(away), false);
      assert.equal((await cql().readCqlView(as({ username: 'cassandra', password: 'wrong' }))).reachable, false);
    });

    it('probes a joined node as Up/Normal with schema agreement, and names what is wrong otherwise', async () => {
      const { node, clusterName } = subject();
      const probe = (n: JoiningNode, hosts: number, cluster: string) => withSession((s) => s.probeNodeJoined(n, hosts, cluster));
      assert.deepEqual(await probe(node, 1, clusterName), { isUpNormal: true, schemaAgrees: true, detail: 'UN, schema agrees' });
      const stranger = await probe(node, 1, 'another-cluster');
      assert.equal(stranger.isUpNormal, false);
      assert.match(stranger.detail, new RegExp(`answers for cluster '${clusterName}', not 'another-cluster'`));
      assert.match((await probe({ ...node, rack: 'rack9' }, 1, clusterName)).detail, /planned .*\/rack9/);
      assert.deepEqual(await probe(node, 2, clusterName), { isUpNormal: false, schemaAgrees: false, detail: 'sees 1 of 2 nodes' });
    });

    it('creates a keyspace idempotently, round-trips a smoke row, and lets replication decide what one node can serve', async () => {
      const dc = subject().node.dc;
      await withSession(async (s) => {
        await s.ensureKeyspaces([{ name: 'contract_ks', replication: { [dc]: 1 } }]);
        await s.ensureKeyspaces([{ name: 'contract_ks', replication: { [dc]: 1 } }]);
        await assert.rejects(s.writeSmokeRow('contract_ks', 'row-0', 'before the table'));
        await s.ensureKeyspaces([{ name: 'contract_ks', replication: { [dc]: 1 } }], 'contract_ks');
        await s.ensureKeyspaces([{ name: 'contract_ks', replication: { [dc]: 1 } }], 'contract_ks');
        await s.writeSmokeRow('contract_ks', 'row-1', 'hello');
        assert.equal(await s.readSmokeRow('contract_ks', 'row-1'), 'hello');
        assert.equal(await s.readSmokeRow('contract_ks', 'row-never-written'), undefined);
        await s.readRepairKeyspace('contract_ks');
        // RF 2 on one node: EACH_QUORUM writes and ALL reads cannot be served, until replication is set back.
        await s.alterKeyspaceReplication(['contract_ks'], { [dc]: 2 });
        await assert.rejects(s.writeSmokeRow('contract_ks', 'row-2', 'two'));
        await assert.rejects(s.readRepairKeyspace('contract_ks'));
        await s.ensureKeyspaces([{ name: 'contract_ks', replication: { [dc]: 1 } }], 'contract_ks');
        await s.writeSmokeRow('contract_ks', 'row-2', 'two');
        assert.equal(await s.readSmokeRow('contract_ks', 'row-1'), 'hello');
      });
    });

    it('reads the ring from one host: the node with its host id, DC, rack and tokens', async () => {
      const { node } = subject();
      const ring = await withSession((s) => s.readRing());
      assert.deepEqual(ring.nodes.map((n) => [n.address, n.dc, n.rack]), [[node.privateIp, node.dc, node.rack]]);
      assert.match(ring.nodes[0]?.hostId ?? '', UUID);
      assert.ok((ring.nodes[0]?.tokens.length ?? 0) > 0);
    });

    it('reads a keyspace\'s schema as Cassandra describes it: keyspace, type, table with its id, index, in that order', async () => {
      const schema = await withSession(async (s) => {
        await s.restoreSchema(SOURCE_SCHEMA);
        return s.readBackupSchema([BACKUP_KS]);
      });
      assert.deepEqual(schema.statements.map((st) => [st.keyspace, /^CREATE (KEYSPACE|TYPE|TABLE|INDEX)\b/.exec(st.cql)?.[1]]),
        [[BACKUP_KS, 'KEYSPACE'], [BACKUP_KS, 'TYPE'], [BACKUP_KS, 'TABLE'], [BACKUP_KS, 'INDEX']]);
      assert.deepEqual(schema.tables.map((t) => [t.keyspace, t.table]), [[BACKUP_KS, 'people']]);
      const tableId = schema.tables[0]!.tableId;
      assert.match(tableId, UUID);
      // The id system_schema holds is the one the statement creates the table with.
      assert.match(schema.statements[2]!.cql, new RegExp(`\\bID = ${tableId}\\b`));
    });

    it('restores a dropped keyspace with the same table id and statements; a second restore changes nothing', async () => {
      await withSession(async (s) => {
        const backup = await s.readBackupSchema([BACKUP_KS]);
        await subject().outside.dropKeyspace(BACKUP_KS);
        await s.restoreSchema(backup);
        assert.deepEqual(await s.readBackupSchema([BACKUP_KS]), backup);
        await s.restoreSchema(backup);
        assert.deepEqual(await s.readBackupSchema([BACKUP_KS]), backup);
      });
    });

    it('restores a keyspace with the replication asked for, everything else as backed up', async () => {
      const dc = subject().node.dc;
      await withSession(async (s) => {
        const backup = await s.readBackupSchema([BACKUP_KS]);
        await subject().outside.dropKeyspace(BACKUP_KS);
        await s.restoreSchema(backup, { [dc]: 1 });
        const restored = await s.readBackupSchema([BACKUP_KS]);
        assert.match(restored.statements[0]!.cql, new RegExp(`NetworkTopologyStrategy', '${dc}': '1'}`));
        assert.deepEqual([restored.statements.slice(1), restored.tables], [backup.statements.slice(1), backup.tables]);
      });
    });

    it('refuses, changing nothing, a table that exists with another id (naming it) and a statement that is not a CREATE', async () => {
      await withSession(async (s) => {
        const backup = await s.readBackupSchema([BACKUP_KS]);
        const [table] = backup.tables;
        const otherId = '0f0f0f0f-0000-4000-8000-000000000001';
        const elsewhere: BackupSchema = { statements: backup.statements.map((st) => ({ ...st, cql: st.cql.replace(table!.tableId, otherId) })),
          tables: [{ ...table!, tableId: otherId }] };
        const conflict = await s.restoreSchema(elsewhere).catch((e: unknown) => e);
        assert.equal((conflict as { code?: string }).code, 'CASSOPS_RESTORE_SCHEMA_CONFLICT');
        assert.match((conflict as Error).message, new RegExp(`${BACKUP_KS}\\.people \\(id ${table!.tableId}, the backup's ${otherId}\\)`));
        const drop = await s.restoreSchema({ statements: [...backup.statements, { keyspace: BACKUP_KS, cql: `DROP TABLE ${BACKUP_KS}.people` }],
          tables: backup.tables }).catch((e: unknown) => e);
        assert.equal((drop as { code?: string }).code, 'CASSOPS_BACKUP_MANIFEST_INVALID');
        assert.match((drop as Error).message, /DROP TABLE contract_backup\.people' cannot be restored: it is not a CREATE/);
        assert.deepEqual(await s.readBackupSchema([BACKUP_KS]), backup);
      });
    });

    it('counts a table\'s rows up to a cap, saying when there were more', async () => {
      const ids = Array.from({ length: 25 }, (_, i) => `person-${i}`);
      await subject().outside.insertIds(BACKUP_KS, 'people', ids);
      await withSession(async (s) => {
        assert.deepEqual(await s.countRows(BACKUP_KS, 'people', { cap: 1_000 }), { rows: 25, capped: false });
        assert.deepEqual(await s.countRows(BACKUP_KS, 'people', { cap: 25, consistency: 'ONE' }), { rows: 25, capped: false });
        assert.deepEqual(await s.countRows(BACKUP_KS, 'people', { cap: 10 }), { rows: 10, capped: true });
        const missing = await s.countRows(BACKUP_KS, 'nobody', { cap: 10 }).catch((e: unknown) => e);
        assert.equal((missing as { code?: string }).code, 'CASSOPS_CQL_FAILED');
      });
    });

    it('empties a table, repeatably, and refuses one that does not exist', async () => {
      await subject().outside.insertIds(BACKUP_KS, 'people', ['person-a', 'person-b']);
      await withSession(async (s) => {
        assert.ok((await s.countRows(BACKUP_KS, 'people', { cap: 1_000 })).rows >= 2);
        await s.truncateTable(BACKUP_KS, 'people');
        assert.deepEqual(await s.countRows(BACKUP_KS, 'people', { cap: 1_000 }), { rows: 0, capped: false });
        await s.truncateTable(BACKUP_KS, 'people');
        const missing = await s.truncateTable(BACKUP_KS, 'nobody').catch((e: unknown) => e);
        assert.equal((missing as { code?: string }).code, 'CASSOPS_CQL_FAILED');
      });
    });

    it('creates the superuser once (its first password stays), then the default login is refused after it is disabled', async () => {
      await withSession(async (s) => {
        await s.ensureSuperuserRole(ADMIN.username, ADMIN.password);
        await s.ensureSuperuserRole(ADMIN.username, 'second-secret');
      });
      assert.equal(await cql().withSession(as(ADMIN), async () => 'opened'), 'opened');
      const second = await cql().withSession(as({ ...ADMIN, password: 'second-secret' }), async () => 'opened').catch((e: unknown) => e);
      assert.equal(cql().isLoginRefused(second), true);
      await cql().withSession(as(ADMIN), (s) => s.disableDefaultLogin());
      await eventually('the default login is refused', async () =>
        cql().isLoginRefused(await cql().withSession(subject().target, async () => 'opened').catch((e: unknown) => e)));
      const view = await cql().readCqlView(as(ADMIN));
      assert.equal(view.reachable, true);
    });

    it('creates the monitoring role once (its first password stays), and it may read everything a health check reads', async () => {
      const monitor = { username: 'autopilot_monitor', password: 'watch-secret' };
      await cql().withSession(as(ADMIN), async (s) => {
        await s.ensureMonitoringRole(monitor.username, monitor.password);
        await s.ensureMonitoringRole(monitor.username, 'other-secret');
      });
      await eventually('the monitoring role logs in', async () =>
        (await cql().withSession(as(monitor), async () => true).catch(() => false)));
      const view = await cql().readCqlView(as(monitor));
      assert.equal(view.reachable, true, view.error);
      const [host] = view.hosts;
      assert.equal(host?.up, true);
      assert.match(host?.schemaVersion ?? '', /^[0-9a-f-]{36}$/);
      assert.ok(host?.stats, 'the node-local system_views counters are readable by the monitoring role');
      assert.equal(host?.gossipStatus, 'NORMAL', 'system_views.gossip_info is readable by the monitoring role');
    });

    it('asks each native transport port with no login (the default one is disabled by now): the node accepts, '
      + 'an address nothing listens on refuses', async () => {
      const { node } = subject();
      const view = await cql().probeNativeTransport([node.privateIp, '127.44.9.9']);
      assert.deepEqual(view.answers.map((a) => [a.address, a.answer]),
        [[node.privateIp, 'accepted'], ['127.44.9.9', 'refused']]);
      assert.ok(!Number.isNaN(Date.parse(view.observedAt)));
    });
  });
}
