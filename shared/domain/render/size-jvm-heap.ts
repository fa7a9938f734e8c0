import { findVmSize } from '../catalog/vm-sizes.js';

/** Heap sizes for one node, in MiB. */
export interface JvmHeap {
  maxHeapMiB: number;
  newHeapMiB: number;
}

/** Below 32 GiB the JVM keeps compressed object pointers; 31 GiB leaves a margin. */
const MAX_HEAP_CAP_MIB = 31 * 1024;
/** cassandra-env.sh's young-generation rule: 100 MiB per core, at most a quarter of the heap. */
const NEW_HEAP_PER_CORE_MIB = 100;

/**
 * Sizes the heap from the VM size's memory: half of it, capped at 31 GiB (Azure's managed
 * Cassandra guidance), leaving the rest to the page cache and off-heap structures. Explicit
 * sizes in the spec win. Throws when the VM size is not catalogued and no heap is given; the
 * validator reports that case first, so a validated spec never reaches the throw.
 */
export function sizeJvmHeap(vmSize: string, override: { maxHeapMiB?: number; newHeapMiB?: number } = {}): JvmHeap {
  const info = findVmSize(vmSize);
  if (override.maxHeapMiB === undefined && info === undefined) {
    throw new Error(`vmSize ${vmSize} is not in the VM size catalogue: give cluster.jvm.maxHeapMiB`);
  }
  const memoryMiB = (info?.memoryGiB ?? 0) * 1024;
  const maxHeapMiB = override.maxHeapMiB ?? Math.min(Math.floor(memoryMiB / 2), MAX_HEAP_CAP_MIB);
  const cores = info?.vCpus ?? 2;
  const newHeapMiB = override.newHeapMiB ?? Math.min(NEW_HEAP_PER_CORE_MIB * cores, Math.floor(maxHeapMiB / 4));
  return { maxHeapMiB, newHeapMiB };
}
