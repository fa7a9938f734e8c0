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
/**
 * The largest file sent as one Put Blob (the Azure SDK's own single-shot limit; the service takes
 * up to 5,000 MiB): one request instead of a process and a request per block, so most SSTable
 * components go many to a curl process. A failed one is sent again whole, at most this much.
 */
export const SINGLE_PUT_MAX_BYTES = 256 * MIB;

/** How a file is uploaded: `single` is one Put Blob; `blocks` is Put Block × `blockCount` then Put Block List. */
export interface BlockPlan {
  mode: 'single' | 'blocks';
  /** Bytes per block (the last block may be shorter); a whole number of MiB; for `single`, the file rounded up to one. */
  blockSize: number;
  blockCount: number;
}

/**
 * How a file of `size` bytes goes up: up to SINGLE_PUT_MAX_BYTES in one Put Blob (an empty file
 * too, which has no block to put); a larger one in blocks of MIN_BLOCK_BYTES, or of the smallest
 * whole number of MiB that keeps the file within MAX_BLOCKS blocks, so a failed upload resumes
 * from its staged blocks.
 *
 * Invariants: blockCount <= MAX_BLOCKS; blockSize <= MAX_BLOCK_BYTES; blockSize is a multiple of
 * MiB (the node script reads blocks with `dd bs=1M`); blockSize * blockCount >= size.
 * @throws RangeError for a negative or fractional size, or one above MAX_BLOB_BYTES.
 */
export function planBlockSize(size: number): BlockPlan {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`file size ${size} is not a byte count`);
  if (size > MAX_BLOB_BYTES) throw new RangeError(`file size ${size} exceeds a block blob's ${MAX_BLOB_BYTES} bytes`);
  if (size <= SINGLE_PUT_MAX_BYTES) return { mode: 'single', blockSize: Math.ceil(size / MIB) * MIB, blockCount: size === 0 ? 0 : 1 };
  const blockSize = Math.max(MIN_BLOCK_BYTES, Math.ceil(size / MAX_BLOCKS / MIB) * MIB);
  return { mode: 'blocks', blockSize, blockCount: Math.ceil(size / blockSize) };
}
