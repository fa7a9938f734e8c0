import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideBackupStatus, isRestorable, type BackupProgress } from '../../../../shared/domain/backup/decide-backup-status.js';

const nodes = ['n1', 'n2', 'n3'];
const progress = (change: Partial<BackupProgress>): BackupProgress =>
  ({ nodes, nodesDone: [], nodesDown: [], nodesFailed: [], manifestStored: false, ...change });

describe('decideBackupStatus', () => {
  const cases: [string, Partial<BackupProgress>, string][] = [
    ['nothing done yet', {}, 'Running'],
    ['some nodes done', { nodesDone: ['n1'] }, 'Running'],
    ['every node done, manifest not yet stored', { nodesDone: nodes }, 'Running'],
    ['every node done and the manifest stored', { nodesDone: nodes, manifestStored: true }, 'Complete'],
    ['a node down at backup time, the others done, manifest stored', { nodesDone: ['n1', 'n2'], nodesDown: ['n3'], manifestStored: true }, 'Partial'],
    ['a node down, the others still uploading', { nodesDone: ['n1'], nodesDown: ['n3'], manifestStored: false }, 'Running'],
    ['a node that was up failed its upload', { nodesDone: ['n1', 'n2'], nodesFailed: ['n3'], manifestStored: true }, 'Failed'],
    ['every node down', { nodesDown: nodes }, 'Failed'],
    ['a cluster of no node', { nodes: [] }, 'Failed'],
    ['one node, done', { nodes: ['n1'], nodesDone: ['n1'], manifestStored: true }, 'Complete'],
  ];
  for (const [name, change, expected] of cases) it(name, () => assert.equal(decideBackupStatus(progress(change)), expected));
});

describe('isRestorable', () => {
  it('offers only Complete backups whose manifest is stored', () => {
    assert.equal(isRestorable({ status: 'Complete', manifestBlob: 'backups/b1/manifest.json' }), true);
    assert.equal(isRestorable({ status: 'Complete' }), false);
    for (const status of ['Partial', 'Failed', 'Running'] as const) assert.equal(isRestorable({ status, manifestBlob: 'm' }), false);
  });
});
