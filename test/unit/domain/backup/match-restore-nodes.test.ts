import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchRestoreNodes, type RestoreTargetNode } from '../../../../shared/domain/backup/match-restore-nodes.js';
import type { BackupNode } from '../../../../shared/domain/backup/backup-model.js';

/** A backed-up node at `datacenter`/`rack`; its tokens name it, so a pairing shows which node it took. */
const source = (node: string, datacenter: string, rack: string): BackupNode =>
  ({ node, datacenter, rack, hostId: `host-${node}`, tokens: [`token-${node}`], files: [] });
const target = (name: string, dc: string, rack: string): RestoreTargetNode => ({ name, dc, rack });

/** The pairings as `target <- source`, or the mismatches when the shapes differ. */
function pairs(backup: BackupNode[], targets: RestoreTargetNode[]): string[] {
  const matched = matchRestoreNodes(backup, targets);
  if (!matched.ok) throw new Error(`unexpected mismatch: ${matched.mismatches.join('; ')}`);
  return matched.pairings.map((p) => `${p.target} <- ${p.source.node}`);
}

describe('matchRestoreNodes', () => {
  it('pairs one node to one node', () => {
    assert.deepEqual(pairs([source('old-1', 'dc1', 'r1')], [target('new-1', 'dc1', 'r1')]), ['new-1 <- old-1']);
  });

  it('pairs within each DC and rack, never across them, whatever the input order', () => {
    const backup = [source('a-dc2-r1', 'dc2', 'r1'), source('a-dc1-r2', 'dc1', 'r2'), source('a-dc1-r1', 'dc1', 'r1'), source('a-dc2-r2', 'dc2', 'r2')];
    const targets = [target('t4', 'dc2', 'r2'), target('t1', 'dc1', 'r1'), target('t3', 'dc2', 'r1'), target('t2', 'dc1', 'r2')];
    assert.deepEqual(pairs(backup, targets), ['t1 <- a-dc1-r1', 't2 <- a-dc1-r2', 't3 <- a-dc2-r1', 't4 <- a-dc2-r2']);
  });

  it('keeps a rack of the same name in two DCs apart', () => {
    const backup = [source('old-dc1', 'dc1', 'rack1'), source('old-dc2', 'dc2', 'rack1')];
    assert.deepEqual(pairs(backup, [target('new-dc2', 'dc2', 'rack1'), target('new-dc1', 'dc1', 'rack1')]),
      ['new-dc1 <- old-dc1', 'new-dc2 <- old-dc2']);
  });

  it('pairs within a rack in numeric name order (node-2 before node-10), on both sides', () => {
    const backup = [source('old-10', 'dc1', 'r1'), source('old-2', 'dc1', 'r1'), source('old-1', 'dc1', 'r1')];
    const targets = [target('new-2', 'dc1', 'r1'), target('new-10', 'dc1', 'r1'), target('new-1', 'dc1', 'r1')];
    assert.deepEqual(pairs(backup, targets), ['new-1 <- old-1', 'new-2 <- old-2', 'new-10 <- old-10']);
  });

  it('restores the same backup the same way whatever order the nodes come in', () => {
    const backup = ['n1', 'n2', 'n3', 'n11'].map((n) => source(n, 'dc1', 'r1'));
    const targets = ['m3', 'm11', 'm1', 'm2'].map((n) => target(n, 'dc1', 'r1'));
    const once = pairs(backup, targets);
    assert.deepEqual(pairs([...backup].reverse(), [...targets].reverse()), once);
    assert.deepEqual(once, ['m1 <- n1', 'm2 <- n2', 'm3 <- n3', 'm11 <- n11']);
  });

  it('hands each target the whole backed-up node (its tokens, host id and files)', () => {
    const old = { ...source('old-1', 'dc1', 'r1'), tokens: ['-9', '42'] };
    const matched = matchRestoreNodes([old], [target('new-1', 'dc1', 'r1')]);
    assert.deepEqual(matched, { ok: true, pairings: [{ target: 'new-1', source: old }] });
  });

  it('names each rack whose node count differs, with both counts', () => {
    const backup = [source('a', 'dc1', 'rack1'), source('b', 'dc1', 'rack2'), source('c', 'dc1', 'rack2')];
    const targets = [target('x', 'dc1', 'rack1'), target('y', 'dc1', 'rack2')];
    assert.deepEqual(matchRestoreNodes(backup, targets), { ok: false, mismatches: ['dc1/rack2: backup 2, target 1'] });
  });

  it('names a rack the target has and the backup does not, with a backup count of 0', () => {
    const backup = [source('a', 'dc1', 'rack1')];
    const targets = [target('x', 'dc1', 'rack1'), target('y', 'dc1', 'rack2')];
    assert.deepEqual(matchRestoreNodes(backup, targets), { ok: false, mismatches: ['dc1/rack2: backup 0, target 1'] });
  });

  it('names a rack (or a whole DC) the target lacks, with a target count of 0', () => {
    const backup = [source('a', 'dc1', 'rack1'), source('b', 'dc2', 'rack1')];
    assert.deepEqual(matchRestoreNodes(backup, [target('x', 'dc1', 'rack1')]), { ok: false, mismatches: ['dc2/rack1: backup 1, target 0'] });
  });

  it('lists every mismatched rack at once, in numeric rack order', () => {
    const backup = [source('a', 'dc1', 'r10'), source('b', 'dc1', 'r2'), source('c', 'dc1', 'r1')];
    const targets = [target('x', 'dc1', 'r1'), target('y', 'dc1', 'r2'), target('z', 'dc1', 'r2')];
    assert.deepEqual(matchRestoreNodes(backup, targets),
      { ok: false, mismatches: ['dc1/r2: backup 1, target 2', 'dc1/r10: backup 1, target 0'] });
  });

  it('refuses the same node count spread over different racks', () => {
    const backup = [source('a', 'dc1', 'r1'), source('b', 'dc1', 'r1')];
    const targets = [target('x', 'dc1', 'r1'), target('y', 'dc1', 'r2')];
    assert.deepEqual(matchRestoreNodes(backup, targets),
      { ok: false, mismatches: ['dc1/r1: backup 2, target 1', 'dc1/r2: backup 0, target 1'] });
  });
});
