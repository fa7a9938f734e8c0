import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSnapshotInventory, parseStoredListing, renderRestorePlan, renderStoredListing, renderUploadPlan } from '../../../../shared/domain/backup/snapshot-inventory.js';
import { planNodeUpload } from '../../../../shared/domain/backup/plan-node-upload.js';

const sum = (c: string) => c.repeat(64);
const line = (...fields: (string | number)[]) => fields.join('\t');

describe('parseSnapshotInventory', () => {
  it('reads files with their table id as a UUID, including a legacy index directory and a SAI component', () => {
    const text = [line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'nb-1-big-Data.db', 123, sum('a')),
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', '.users_by_mail/nb-1-big-Index.db', 0, sum('b')),
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'nb-1-big-SAI+aa+users_email+Meta.db', 7, sum('c')), ''].join('\n');
    const { files, issues } = parseSnapshotInventory(text);
    assert.deepEqual(issues, []);
    assert.deepEqual(files[0], { keyspace: 'ks1', table: 'users', tableId: '5a1c0a30-0d3e-11ef-9c4e-3b5d6e7f8a9b', name: 'nb-1-big-Data.db',
      size: 123, checksum: sum('a') });
    assert.deepEqual(files.map((f) => f.name), ['nb-1-big-Data.db', '.users_by_mail/nb-1-big-Index.db', 'nb-1-big-SAI+aa+users_email+Meta.db']);
  });

  it('reports every malformed line by number and keeps the good ones', () => {
    const good = line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'a.db', 1, sum('a'));
    const text = [good, line('ks 1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'a.db', 1, sum('a')), line('ks1', 'users', 'a.db', 1, sum('a')),
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', '../../etc/passwd', 1, sum('a')),
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'a.db', -1, sum('a')),
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'a.db', 1, 'xyz'), line(good, 'extra')].join('\n');
    const { files, issues } = parseSnapshotInventory(text);
    assert.equal(files.length, 1);
    assert.deepEqual(issues.map((i) => i.path), ['line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
    assert.match(issues[1]!.message, /table directory/);
  });
});

describe('renderUploadPlan', () => {
  it('lists the files to upload, largest first, with blob name and block plan; nothing when nothing is new', () => {
    const { files } = parseSnapshotInventory([line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'small.db', 5, sum('a')),
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'big.db', 300_000_000, sum('b'))].join('\n'));
    const plan = planNodeUpload('n1', files, []);
    const lines = renderUploadPlan(plan).trimEnd().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(lines.map((l) => l[2]), ['big.db', 'small.db']);
    assert.deepEqual(lines[0], ['ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'big.db', '300000000', sum('b'),
      `nodes/n1/data/ks1/users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b/${sum('b')}/big.db`, String(8 * 1024 * 1024), '36']);
    assert.deepEqual(lines[1]!.slice(-2), [String(1024 * 1024), '1'], 'a small file: one Put Blob');
    assert.equal(renderUploadPlan({ upload: [] }), '');
  });
});

describe('renderStoredListing', () => {
  it('is read back as it was written, a blob without a recorded checksum included', () => {
    const blobs = [{ name: `nodes/n1/data/ks1/t-1/${sum('a')}/nb-1-big-Data.db`, sizeInBytes: 123, checksum: sum('a') },
      { name: 'nodes/n1/data/ks1/t-1/x/nb-1-big-TOC.txt', sizeInBytes: 0 }];
    assert.deepEqual(parseStoredListing(renderStoredListing(blobs)), blobs);
    assert.deepEqual(parseStoredListing(renderStoredListing([])), []);
    assert.throws(() => parseStoredListing('name\tlots\n'), /not <blob>/);
  });
});

describe('renderRestorePlan', () => {
  it('lists every file with its blob, by keyspace, table directory and name, whatever the order given', () => {
    const { files } = parseSnapshotInventory([line('ks2', 'orders-0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'nb-1-big-Data.db', 9, sum('c')),
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'nb-2-big-Data.db', 5, sum('a')),
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', '.users_by_mail/nb-1-big-Index.db', 7, sum('b'))].join('\n'));
    const backed = planNodeUpload('n1', files, []).files;
    const text = renderRestorePlan(backed);
    assert.equal(text, renderRestorePlan([...backed].reverse()));
    assert.deepEqual(text.split('\n'), [
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', '.users_by_mail/nb-1-big-Index.db', 7, sum('b'),
        `nodes/n1/data/ks1/users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b/${sum('b')}/.users_by_mail/nb-1-big-Index.db`),
      line('ks1', 'users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b', 'nb-2-big-Data.db', 5, sum('a'),
        `nodes/n1/data/ks1/users-5a1c0a300d3e11ef9c4e3b5d6e7f8a9b/${sum('a')}/nb-2-big-Data.db`),
      line('ks2', 'orders-0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'nb-1-big-Data.db', 9, sum('c'),
        `nodes/n1/data/ks2/orders-0f1e2d3c4b5a69788796a5b4c3d2e1f0/${sum('c')}/nb-1-big-Data.db`),
      '']);
    assert.equal(renderRestorePlan([]), '');
  });
});
