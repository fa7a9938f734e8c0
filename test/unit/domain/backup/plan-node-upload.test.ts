import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dataBlobName } from '../../../../shared/domain/backup/backup-blob-layout.js';
import { findMissingUploads, planNodeUpload } from '../../../../shared/domain/backup/plan-node-upload.js';
import { snapshotFile } from '../../../support/backup-fixtures.js';

const files = [snapshotFile('nb-1-big-Data.db', 500_000_000), snapshotFile('nb-1-big-Index.db', 4096), snapshotFile('nb-2-big-Data.db', 10)];
const stored = (node: string, list = files) => list.map((f) => ({ name: dataBlobName(node, f), sizeInBytes: f.size, checksum: f.checksum }));

describe('planNodeUpload', () => {
  it('uploads every file of a first backup, each with its block plan', () => {
    const plan = planNodeUpload('n1', files, []);
    assert.deepEqual(plan.upload.map((f) => f.name), files.map((f) => f.name));
    assert.deepEqual(plan.reference, []);
    assert.deepEqual(plan.stats, { files: 3, bytes: 500_004_106, newFiles: 3, newBytes: 500_004_106 });
    assert.deepEqual(plan.upload.map((f) => f.block.mode), ['blocks', 'single', 'single']);
    assert.equal(plan.upload[0]!.blobName, `nodes/n1/data/ks1/users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b/${files[0]!.checksum}/nb-1-big-Data.db`);
  });

  it('uploads no byte for an unchanged node: every file is referenced', () => {
    const plan = planNodeUpload('n1', files, stored('n1'));
    assert.deepEqual(plan.upload, []);
    assert.equal(plan.reference.length, 3);
    assert.deepEqual([plan.stats.newBytes, plan.stats.newFiles, plan.stats.bytes], [0, 0, 500_004_106]);
  });

  it('uploads only the new SSTables after a flush and a compaction', () => {
    const after = [files[0]!, snapshotFile('nb-3-big-Data.db', 777)];
    const plan = planNodeUpload('n1', after, stored('n1'));
    assert.deepEqual(plan.upload.map((f) => f.name), ['nb-3-big-Data.db']);
    assert.deepEqual(plan.reference.map((f) => f.name), ['nb-1-big-Data.db']);
    assert.equal(plan.stats.newBytes, 777);
  });

  it('re-uploads a stored blob of another size or checksum, and never shares blobs across nodes', () => {
    const torn = stored('n1').map((b, i) => (i === 0 ? { ...b, sizeInBytes: 1 } : i === 1 ? { ...b, checksum: 'f'.repeat(64) } : b));
    assert.deepEqual(planNodeUpload('n1', files, torn).upload.map((f) => f.name), ['nb-1-big-Data.db', 'nb-1-big-Index.db']);
    assert.equal(planNodeUpload('n2', files, stored('n1')).upload.length, 3, "n1's blobs are not n2's files");
    const noMetadata = stored('n1').map(({ name, sizeInBytes }) => ({ name, sizeInBytes }));
    assert.equal(planNodeUpload('n1', files, noMetadata).upload.length, 0, 'size alone decides when a blob has no checksum');
  });

  it('counts a file listed twice once', () => {
    const plan = planNodeUpload('n1', [...files, files[2]!], []);
    assert.equal(plan.files.length, 3);
    assert.equal(plan.stats.newFiles, 3);
  });

  it('finds the files of a plan not stored as planned', () => {
    const plan = planNodeUpload('n1', files, []);
    assert.deepEqual(findMissingUploads(plan, stored('n1', files.slice(1))).map((f) => f.name), ['nb-1-big-Data.db']);
    assert.deepEqual(findMissingUploads(plan, stored('n1')), []);
  });
});
