import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { createNodeActivities } from '../../../shared/activities/node-activities.js';
import { InMemorySecretStore } from '../../../shared/adapters/memory/in-memory-secret-store.js';
import type { CqlPort, CqlSession, NodeJoinStatus } from '../../../shared/domain/ports/cql-port.js';
import type { ProbeNodeJoinedInput } from '../../../shared/contracts/activity-io.js';
import { OpsError } from '../../../shared/errors/ops-error.js';
import { seedClusterCa } from '../../support/cluster-ca-fixture.js';

const node = { name: 'orders-dc1-001', dc: 'dc1', rack: 'rack1', privateIp: '127.1.1.4' };
const input = { cluster: { clusterName: 'orders', cassandraClusterName: 'orders', authentication: false }, node, expectedNodes: 3 } as ProbeNodeJoinedInput;
const JOINED: NodeJoinStatus = { isUpNormal: true, schemaAgrees: true, detail: 'UN, schema agrees' };
const NOT_YET: NodeJoinStatus = { isUpNormal: false, schemaAgrees: false, detail: 'sees 2 of 3 nodes' };

/**
 * A node as the probe meets it: its native port refuses `closedKnocks` knocks (and any session
 * opened meanwhile), then sessions whose reads answer `answers` in turn (the last one from then
 * on). Counts knocks, sessions and reads.
 */
async function nodeThat(closedKnocks: number, answers: NodeJoinStatus[], joinWatchInMs?: number) {
  const secrets = new InMemorySecretStore();
  await seedClusterCa(secrets, 'orders');
  const seen = { knocks: 0, sessions: 0, reads: 0 };
  let refused = 0;
  const open = () => refused >= closedKnocks;
  const cql = {
    probeNativeTransport: async (addresses: string[]) => {
      seen.knocks++;
      const answer = open() ? 'accepted' : 'refused';
      if (answer === 'refused') refused++;
      return { observedAt: new Date().toISOString(), answers: addresses.map((address) => ({ address, answer })) };
    },
    withSession: async <T>(_target: unknown, work: (session: CqlSession) => Promise<T>): Promise<T> => {
      if (!open()) throw new OpsError('CASSOPS_CQL_UNAVAILABLE', { message: 'No CQL answer from 127.1.1.4 (dc1)' });
      seen.sessions++;
      return work({ probeNodeJoined: async () => answers[Math.min(seen.reads++, answers.length - 1)]! } as unknown as CqlSession);
    },
    isLoginRefused: () => false,
  } as unknown as CqlPort;
  const activities = createNodeActivities({ secrets, cql, ...(joinWatchInMs === undefined ? {} : { joinWatchInMs }) } as unknown as ActivityDeps);
  return { seen, probe: () => activities.probeNodeJoined(input) };
}

describe('the join probe', () => {
  it('reads once without a watch, and a node that does not answer CQL is "not yet", never a throw', async () => {
    const notYet = await nodeThat(0, [NOT_YET, JOINED]);
    assert.deepEqual(await notYet.probe(), NOT_YET);
    assert.deepEqual(notYet.seen, { knocks: 0, sessions: 1, reads: 1 });
    const closed = await nodeThat(1, [JOINED], 400);
    assert.match((await closed.probe()).detail, /^no CQL answer yet: No CQL answer from 127\.1\.1\.4/);
    assert.equal(closed.seen.sessions, 0);
  });

  it('watches a node until it joins: knocks while its port is closed, then reads in one session, and answers as soon as it joined', async () => {
    const { seen, probe } = await nodeThat(2, [NOT_YET, NOT_YET, JOINED], 10_000);
    const started = Date.now();
    assert.deepEqual(await probe(), JOINED);
    assert.deepEqual(seen, { knocks: 3, sessions: 1, reads: 3 });
    assert.ok(Date.now() - started < 5_000, 'answered when the node joined, not at the end of the watch');
  });

  it('answers the last "not yet" when the watch ends', async () => {
    const { seen, probe } = await nodeThat(0, [NOT_YET], 1_200);
    const started = Date.now();
    assert.deepEqual(await probe(), NOT_YET);
    const took = Date.now() - started;
    assert.ok(took >= 500 && took < 1_200 + 1_000, `watched for ${took} ms`);
    assert.equal(seen.sessions, 1);
    assert.ok(seen.reads >= 2, `${seen.reads} reads`);
  });
});
