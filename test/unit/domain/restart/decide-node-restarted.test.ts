import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideNodeRestarted, type GossipView } from '../../../../shared/domain/restart/decide-node-restarted.js';

const UN = { isUpNormal: true, schemaAgrees: true, detail: 'UN, schema agrees' };
const view = (observer: string, generation: number, status = 'NORMAL', rpcReady = true, releaseVersion = '5.0.8'): GossipView =>
  ({ observer, reachable: true, entries: [{ address: '127.1.1.5', generation, status, rpcReady, releaseVersion },
    { address: observer, generation: 7, status: 'NORMAL', rpcReady: true, releaseVersion: '5.0.8' }] });
const decide = (views: GossipView[], self = UN, release?: string) =>
  decideNodeRestarted({ address: '127.1.1.5', previousGeneration: 1_700_000_000, self, views, ...(release ? { release } : {}) });

describe('decideNodeRestarted', () => {
  it('is back once it serves CQL and every other node holds its new incarnation, NORMAL with CQL up', () => {
    assert.deepEqual(decide([view('127.1.1.4', 1_700_000_100), view('127.1.1.6', 1_700_000_100)]),
      { ready: true, detail: 'UN, serving CQL, and every other node (2) has heard of its restart' });
  });

  it('is not back while it does not serve, whatever the others hold', () => {
    assert.deepEqual(decide([view('127.1.1.4', 1_700_000_100)], { isUpNormal: false, schemaAgrees: false, detail: 'bootstrap IN_PROGRESS' }),
      { ready: false, detail: 'not serving yet: bootstrap IN_PROGRESS' });
    assert.equal(decide([], { ...UN, schemaAgrees: false, detail: '2 schema versions' }).ready, false);
  });

  it('is not back while one other node still holds the old incarnation, or none, and names that node', () => {
    assert.deepEqual(decide([view('127.1.1.4', 1_700_000_100), view('127.1.1.6', 1_700_000_000)]),
      { ready: false, detail: '127.1.1.6 has not heard of the restarted 127.1.1.5 yet' });
    assert.equal(decide([{ observer: '127.1.1.6', reachable: true, entries: [] }]).ready, false);
  });

  it('is not back while another node sees it in another state or without CQL, or does not answer', () => {
    assert.deepEqual(decide([view('127.1.1.4', 1_700_000_100, 'shutdown')]), { ready: false, detail: '127.1.1.4 sees 127.1.1.5 shutdown' });
    assert.deepEqual(decide([view('127.1.1.4', 1_700_000_100, 'NORMAL', false)]), { ready: false, detail: '127.1.1.4 sees 127.1.1.5 NORMAL, CQL not ready' });
    assert.deepEqual(decide([{ observer: '127.1.1.4', reachable: false, entries: [], error: 'timed out' }]),
      { ready: false, detail: '127.1.1.4 does not answer: timed out' });
  });

  it('an upgraded node is back only once every other node sees it announce the new release', () => {
    assert.deepEqual(decide([view('127.1.1.4', 1_700_000_100, 'NORMAL', true, '5.0.9'), view('127.1.1.6', 1_700_000_100)], UN, '5.0.9'),
      { ready: false, detail: '127.1.1.6 sees 127.1.1.5 on Cassandra 5.0.8, not 5.0.9' });
    assert.deepEqual(decide([view('127.1.1.4', 1_700_000_100, 'NORMAL', true, '5.0.9')], UN, '5.0.9'),
      { ready: true, detail: 'UN, serving CQL on 5.0.9, and every other node (1) has heard of its restart' });
  });
});
