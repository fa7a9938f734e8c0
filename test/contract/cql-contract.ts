import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CqlPort, CqlSession, CqlTarget, JoiningNode } from '../../shared/domain/ports/cql-port.js';

/** A CqlPort and the one-node cluster behind it, its default login still enabled. */
export interface CqlContractSubject {
  cql: CqlPort;
  /** The node, with the default `cassandra` login. */
  target: CqlTarget;
  node: JoiningNode;
  clusterName: string;
}

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
        await s.ensureKeyspace('contract_ks', { [dc]: 1 });
        await s.ensureKeyspace('contract_ks', { [dc]: 1 });
        await s.writeSmokeRow('contract_ks', 'row-1', 'hello');
        assert.equal(await s.readSmokeRow('contract_ks', 'row-1'), 'hello');
        assert.equal(await s.readSmokeRow('contract_ks', 'row-never-written'), undefined);
        await s.readRepairKeyspace('contract_ks');
        // RF 2 on one node: EACH_QUORUM writes and ALL reads cannot be served, until replication is set back.
        await s.alterKeyspaceReplication(['contract_ks'], { [dc]: 2 });
        await assert.rejects(s.writeSmokeRow('contract_ks', 'row-2', 'two'));
        await assert.rejects(s.readRepairKeyspace('contract_ks'));
        await s.ensureKeyspace('contract_ks', { [dc]: 1 });
        await s.writeSmokeRow('contract_ks', 'row-2', 'two');
        assert.equal(await s.readSmokeRow('contract_ks', 'row-1'), 'hello');
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
