import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNodetoolStatus } from '../../../../shared/domain/health/parse-nodetool-status.js';
import { parseNodetoolInfo } from '../../../../shared/domain/health/parse-nodetool-info.js';
import { parsePendingCompactions } from '../../../../shared/domain/health/parse-compaction-stats.js';
import { parseTpstatsDropped, sumDroppedMutations } from '../../../../shared/domain/health/parse-tpstats-dropped.js';
import { parseDf } from '../../../../shared/domain/health/parse-df.js';
import { parseByteSize } from '../../../../shared/domain/health/parse-byte-size.js';
import * as fx from './nodetool-fixtures.js';

test('recorded 5.0.9 output: status, info, compactionstats, tpstats and df all parse', () => {
  const rows = parseNodetoolStatus(fx.REAL_STATUS);
  assert.deepEqual(rows.map((r) => `${r.status}${r.state} ${r.address} ${r.rack} ${r.tokens} ${r.ownsPercent}`),
    ['UN 127.1.77.6 rack3 16 76', 'UN 127.1.77.4 rack1 16 64.7', 'UN 127.1.77.5 rack2 16 59.3']);
  assert.equal(rows[1]!.loadBytes, Math.round(114.66 * 1024));
  assert.equal(rows[1]!.hostId, '7f9172d5-e051-4fa3-bf62-1420efbafc2a');
  assert.deepEqual(parseNodetoolInfo(fx.REAL_INFO), {
    hostId: '7f9172d5-e051-4fa3-bf62-1420efbafc2a', gossipActive: true, nativeTransportActive: true,
    uptimeSeconds: 78, heapUsedMb: 87.35, heapMaxMb: 384, datacenter: 'dc1', rack: 'rack1',
  });
  assert.equal(parsePendingCompactions(fx.REAL_COMPACTIONSTATS), 0);
  const dropped = parseTpstatsDropped(fx.REAL_TPSTATS);
  assert.equal(Object.keys(dropped).length > 80, true);
  assert.equal(dropped.MUTATION_REQ, 0);
  assert.equal(dropped.MutationStage, undefined, 'thread pool rows are not dropped-message rows');
  assert.equal(sumDroppedMutations(dropped), 0);
  assert.equal(sumDroppedMutations(parseTpstatsDropped(fx.REAL_TPSTATS.replace(/^MUTATION_REQ {22}0/m, 'MUTATION_REQ                      5'))), 5);
  const disk = parseDf(fx.REAL_DF);
  assert.equal(disk?.mount, '/');
  assert.ok(Math.abs(disk!.usedPercent - (13154615296 * 100) / (13154615296 + 84638679040)) < 1e-9);
});

test('status: vnode layout, three UN rows with load, tokens, owns, host id, rack', () => {
  const rows = parseNodetoolStatus(fx.STATUS_THREE_UP);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0], {
    datacenter: 'dc1', status: 'U', state: 'N', address: '127.1.0.4', loadBytes: Math.round(104.34 * 1024),
    tokens: 16, ownsPercent: 100, hostId: '2c9b7f0e-7f8a-4f9f-9d9f-0123456789ab', rack: 'rack1',
  });
  assert.deepEqual(rows.map((r) => r.rack), ['rack1', 'rack2', 'rack3']);
});

test('status: a DN row with unknown load keeps the other columns', () => {
  const down = parseNodetoolStatus(fx.STATUS_ONE_DOWN).find((r) => r.address === '127.1.0.6');
  assert.equal(down?.status, 'D');
  assert.equal(down?.loadBytes, undefined);
  assert.equal(down?.tokens, 16);
  assert.equal(down?.hostId, 'e4f5a6b7-c8d9-4aeb-9fcd-112233445566');
  assert.equal(down?.rack, 'rack3');
});

test('status: token-per-node layout, two DCs, UJ/UL/DN, `?` owns, null host id, rack with a space', () => {
  const rows = parseNodetoolStatus(fx.STATUS_TWO_DC_TOKEN_PER_NODE);
  assert.deepEqual(rows.map((r) => `${r.datacenter}:${r.status}${r.state}:${r.address}`),
    ['dc1:UN:127.1.0.4', 'dc1:UJ:127.1.0.7', 'dc2:UL:127.2.0.4', 'dc2:DN:127.2.0.5']);
  const joining = rows[1]!;
  assert.equal(joining.loadBytes, 312);
  assert.equal(joining.ownsPercent, undefined);
  assert.equal(joining.tokens, undefined);
  assert.equal(joining.rack, 'rack1');
  assert.equal(rows[2]!.rack, 'rack-a b');
  assert.equal(rows[2]!.loadBytes, Math.round(2.5 * 1024 ** 3));
  assert.equal(rows[3]!.hostId, undefined);
  assert.equal(rows[3]!.rack, 'rack-b');
});

test('status: an empty DC yields no rows for it; `?` status is kept', () => {
  const rows = parseNodetoolStatus(fx.STATUS_EMPTY_DC);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.status, '?');
});

test('status: condensed rows (`UN <address>`) and --print-port addresses parse', () => {
  const rows = parseNodetoolStatus('Datacenter: dc1\nUN 127.1.0.4\nDN /127.1.0.5:7000 ? 16 33.3% 7d1e5b8a-1c2d-4e3f-8a9b-abcdefabcdef r2\n');
  assert.deepEqual(rows[0], { datacenter: 'dc1', status: 'U', state: 'N', address: '127.1.0.4' });
  assert.equal(rows[1]!.address, '127.1.0.5');
  assert.equal(rows[1]!.ownsPercent, 33.3);
});

test('status: garbage and error text give no rows rather than a crash', () => {
  assert.deepEqual(parseNodetoolStatus('nodetool: Failed to connect to \'127.0.0.1:7199\' - ConnectException: \'Connection refused\'.'), []);
  assert.deepEqual(parseNodetoolStatus(''), []);
});

test('info: gossip, native transport, heap, DC, rack, uptime', () => {
  assert.deepEqual(parseNodetoolInfo(fx.INFO_UP), {
    hostId: '2c9b7f0e-7f8a-4f9f-9d9f-0123456789ab', gossipActive: true, nativeTransportActive: true,
    uptimeSeconds: 3605, heapUsedMb: 161.44, heapMaxMb: 500, datacenter: 'dc1', rack: 'rack1',
  });
  assert.equal(parseNodetoolInfo(fx.INFO_BINARY_DISABLED).nativeTransportActive, false);
  assert.deepEqual(parseNodetoolInfo('Heap Memory (MB)       : N/A'), {});
});

test('compactionstats: 5.0 table, 4.x colon form, renamed row, absent', () => {
  assert.equal(parsePendingCompactions(fx.COMPACTIONSTATS_5), 7);
  assert.equal(parsePendingCompactions(fx.COMPACTIONSTATS_4), 131);
  assert.equal(parsePendingCompactions('pending compaction tasks   3\n'), 3);
  assert.equal(parsePendingCompactions('error: connection refused'), undefined);
});

test('tpstats: dropped counts by type; mutations sum the write-carrying requests only', () => {
  const dropped = parseTpstatsDropped(fx.TPSTATS);
  assert.equal(dropped.MUTATION_REQ, 17);
  assert.equal(dropped.READ_REQ, 40);
  assert.equal(dropped.ReadStage, undefined);
  assert.equal(sumDroppedMutations(dropped), 17 + 2 + 1);
  assert.equal(sumDroppedMutations(parseTpstatsDropped('Message type           Dropped\nMUTATION  4\nREAD  9\nCOUNTER_MUTATION 1\n')), 5);
});

test('df: usage computed as used / (used + available)', () => {
  const disk = parseDf(fx.DF_85);
  assert.equal(disk?.mount, '/var/lib/cassandra');
  assert.equal(disk?.sizeBytes, 107374182400);
  assert.ok(Math.abs(disk!.usedPercent - 85) < 0.01);
  assert.equal(parseDf('df: /nope: No such file or directory'), undefined);
});

test('byte sizes: binary multiples under both unit spellings; `?` is unknown', () => {
  const cases: [string, number | undefined][] = [
    ['0 bytes', 0], ['1 KiB', 1024], ['1 KB', 1024], ['1.5 MiB', 1572864], ['2 GiB', 2 * 1024 ** 3], ['1 TiB', 1024 ** 4], ['?', undefined], ['12 parsecs', undefined],
  ];
  for (const [text, bytes] of cases) assert.equal(parseByteSize(text), bytes, text);
});
