import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BLOB_BYTES, MAX_BLOCK_BYTES, MAX_BLOCKS, MIB, MIN_BLOCK_BYTES, planBlockSize, SINGLE_PUT_MAX_BYTES } from '../../../../shared/domain/backup/plan-block-size.js';

const GB = 1000 ** 3;
const GIB = 1024 ** 3;

describe('planBlockSize', () => {
  const cases: [string, number, { mode: 'single' | 'blocks'; blockSize: number; blockCount: number }][] = [
    ['an empty file: one Put Blob, no block', 0, { mode: 'single', blockSize: 0, blockCount: 0 }],
    ['one byte', 1, { mode: 'single', blockSize: MIB, blockCount: 1 }],
    ['a file of many minimum blocks still goes in one Put Blob', 20 * MIB + 1, { mode: 'single', blockSize: 21 * MIB, blockCount: 1 }],
    ['the largest single Put Blob', SINGLE_PUT_MAX_BYTES, { mode: 'single', blockSize: SINGLE_PUT_MAX_BYTES, blockCount: 1 }],
    ['one byte over it: minimum blocks', SINGLE_PUT_MAX_BYTES + 1,
      { mode: 'blocks', blockSize: MIN_BLOCK_BYTES, blockCount: SINGLE_PUT_MAX_BYTES / MIN_BLOCK_BYTES + 1 }],
    ['the largest file at the minimum block: exactly 50,000 blocks', MAX_BLOCKS * MIN_BLOCK_BYTES,
      { mode: 'blocks', blockSize: MIN_BLOCK_BYTES, blockCount: MAX_BLOCKS }],
    ['one byte more: the block grows by a MiB instead of a 50,001st block', MAX_BLOCKS * MIN_BLOCK_BYTES + 1,
      { mode: 'blocks', blockSize: MIN_BLOCK_BYTES + MIB, blockCount: Math.ceil((MAX_BLOCKS * MIN_BLOCK_BYTES + 1) / (9 * MIB)) }],
    ['the largest block blob', MAX_BLOB_BYTES, { mode: 'blocks', blockSize: MAX_BLOCK_BYTES, blockCount: MAX_BLOCKS }],
  ];
  for (const [name, size, expected] of cases) {
    it(name, () => assert.deepEqual(planBlockSize(size), expected));
  }

  it('keeps a simulated 300 GB SSTable within 50,000 blocks (4 MiB blocks would need 71,526)', () => {
    for (const size of [300 * GB, 300 * GIB]) {
      const plan = planBlockSize(size);
      assert.ok(plan.blockCount <= MAX_BLOCKS, `${plan.blockCount} blocks`);
      assert.ok(plan.blockSize * plan.blockCount >= size);
      assert.ok(plan.blockSize * (plan.blockCount - 1) < size, 'no empty trailing block');
      assert.equal(plan.blockSize % MIB, 0);
      assert.ok(Math.ceil(size / (4 * MIB)) > MAX_BLOCKS, 'the fixed 4 MiB rule of other tools would overflow');
    }
    assert.deepEqual(planBlockSize(300 * GIB), { mode: 'blocks', blockSize: MIN_BLOCK_BYTES, blockCount: 38_400 });
  });

  it('holds its invariants for sizes across the whole range', () => {
    for (let size = 1; size <= MAX_BLOB_BYTES; size = Math.floor(size * 1.37) + 1) {
      const plan = planBlockSize(size);
      assert.ok(plan.blockCount >= 1 && plan.blockCount <= MAX_BLOCKS && plan.blockSize <= MAX_BLOCK_BYTES, `size ${size}`);
      assert.ok(plan.blockSize * plan.blockCount >= size && plan.blockSize % MIB === 0, `size ${size}`);
    }
  });

  it('refuses what no block blob holds and what is not a byte count', () => {
    for (const size of [MAX_BLOB_BYTES + 1, -1, 1.5, Number.NaN]) assert.throws(() => planBlockSize(size), RangeError);
  });
});
