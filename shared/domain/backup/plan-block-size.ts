/**
 * Block blob limits (Put Block, service version 2019-12-12 and later): at most 50,000 committed
 * blocks of at most 4,000 MiB each, so about 190.7 TiB per blob. Other tools fail on SSTables
 * over ~195 GiB because they keep 4 MiB blocks whatever the file's size; here the block grows
 * with the file.
 */
export const MIB = 1024 * 1024;
export const MAX_BLOCKS = 50_000;
export const MAX_BLOCK_BYTES = 4000 * MIB;
/** The smallest block used: large enough that per-request overhead stays small. */
export const MIN_BLOCK_BYTES = 8 * MIB;
/** The largest file a block blob can hold. */
export const MAX_BLOB_BYTES = MAX_BLOCKS * MAX_BLOCK_BYTES;

/** How a file is uploaded: `single` is one Put Blob; `blocks` is Put Block × `blockCount` then Put Block List. */
export interface BlockPlan {
  mode: 'single' | 'blocks';
  /** Bytes per block (the last block may be shorter); a whole number of MiB. */
  blockSize: number;
  blockCount: number;
}

/**
 * The block size for a file of `size` bytes: MIN_BLOCK_BYTES, or the smallest whole number of
 * MiB that keeps the file within MAX_BLOCKS blocks. A file no larger than one block goes up in
 * one Put Blob (one request instead of two; an empty file too, which has no block to put).
 *
 * Invariants: blockCount <= MAX_BLOCKS; blockSize <= MAX_BLOCK_BYTES; blockSize is a multiple of
 * MiB (the node script reads blocks with `dd bs=1M`); blockSize * blockCount >= size.
 * @throws RangeError for a negative or fractional size, or one above MAX_BLOB_BYTES.
 */
export function planBlockSize(size: number): BlockPlan {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`file size ${size} is not a byte count`);
  if (size > MAX_BLOB_BYTES) throw new RangeError(`file size ${size} exceeds a block blob's ${MAX_BLOB_BYTES} bytes`);
  const blockSize = Math.max(MIN_BLOCK_BYTES, Math.ceil(size / MAX_BLOCKS / MIB) * MIB);
  if (size <= blockSize) return { mode: 'single', blockSize, blockCount: size === 0 ? 0 : 1 };
  return { mode: 'blocks', blockSize, blockCount: Math.ceil(size / blockSize) };
}
