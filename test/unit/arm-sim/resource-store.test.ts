import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceStore, type StoredResource } from '../../../local/arm-sim/resource-store.js';

const resource = (id: string, note = ''): StoredResource => ({ body: { id, name: id.split('/').pop()!, type: 'T/x', properties: { note } }, hidden: {} });

test('mutations are journaled, replayed on open, compacted, and a torn last line is ignored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  try {
    const store = await ResourceStore.open(dir);
    store.put(resource('/s/A/x/one', 'first'));
    store.put(resource('/s/a/x/two'));
    await store.commit();
    store.put(resource('/s/a/x/ONE', 'second'));
    store.delete('/s/a/x/two');
    await store.commit();
    assert.equal(readFileSync(join(dir, 'resources.journal'), 'utf8').trim().split('\n').length, 4);
    appendFileSync(join(dir, 'resources.journal'), '{"op":"put","key":"/s/a/x/three","val');
    const reopened = await ResourceStore.open(dir);
    assert.deepEqual(reopened.all().map((r) => [r.body.id, r.body.properties.note]), [['/s/a/x/ONE', 'second']]);
    assert.equal(reopened.get('/S/A/X/one')?.body.properties.note, 'second', 'ids are case-insensitive');
    assert.equal(readFileSync(join(dir, 'resources.journal'), 'utf8'), '', 'opening compacts the journal into the snapshot');
    assert.equal(reopened.list('/s/a/', 't/X').length, 1);
    await reopened.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('concurrent commits share appends and lose nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  try {
    const store = await ResourceStore.open(dir);
    await Promise.all(Array.from({ length: 50 }, async (_, i) => { store.put(resource(`/s/r/x/${i}`)); await store.commit(); }));
    await store.close();
    const reopened = await ResourceStore.open(dir);
    assert.equal(reopened.all().length, 50);
    await reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
