/** What the renderer needs to know about a VM size: its vCPUs and memory. */
export interface VmSizeInfo {
  readonly vCpus: number;
  readonly memoryGiB: number;
}

/**
 * VM sizes suited to Cassandra (memory-optimised E, general-purpose D, storage-optimised L and
 * the DS v2 sizes Azure's Cassandra guidance names), plus small B/D sizes for trials. The heap is
 * sized from these figures, so a size outside the catalogue needs an explicit heap in the spec.
 */
export const VM_SIZES: Readonly<Record<string, VmSizeInfo>> = {
  Standard_B2ms: { vCpus: 2, memoryGiB: 8 },
  Standard_B4ms: { vCpus: 4, memoryGiB: 16 },
  Standard_D4s_v5: { vCpus: 4, memoryGiB: 16 },
  Standard_D8s_v5: { vCpus: 8, memoryGiB: 32 },
  Standard_D16s_v5: { vCpus: 16, memoryGiB: 64 },
  Standard_D32s_v5: { vCpus: 32, memoryGiB: 128 },
  Standard_D8s_v4: { vCpus: 8, memoryGiB: 32 },
  Standard_D16s_v4: { vCpus: 16, memoryGiB: 64 },
  Standard_E4s_v5: { vCpus: 4, memoryGiB: 32 },
  Standard_E8s_v5: { vCpus: 8, memoryGiB: 64 },
  Standard_E16s_v5: { vCpus: 16, memoryGiB: 128 },
  Standard_E32s_v5: { vCpus: 32, memoryGiB: 256 },
  Standard_E8s_v4: { vCpus: 8, memoryGiB: 64 },
  Standard_E16s_v4: { vCpus: 16, memoryGiB: 128 },
  Standard_E32s_v4: { vCpus: 32, memoryGiB: 256 },
  Standard_DS13_v2: { vCpus: 8, memoryGiB: 56 },
  Standard_DS14_v2: { vCpus: 16, memoryGiB: 112 },
  Standard_L8s_v3: { vCpus: 8, memoryGiB: 64 },
  Standard_L16s_v3: { vCpus: 16, memoryGiB: 128 },
  Standard_L32s_v3: { vCpus: 32, memoryGiB: 256 },
};

/** The size's figures, or undefined when the size is not in the catalogue. */
export function findVmSize(name: string): VmSizeInfo | undefined {
  return Object.hasOwn(VM_SIZES, name) ? VM_SIZES[name] : undefined;
}
