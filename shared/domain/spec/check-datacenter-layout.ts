import { regionHasZones } from '../catalog/azure-regions.js';
import { findVmSize } from '../catalog/vm-sizes.js';
import type { ClusterSpec, DatacenterSpec } from './cluster-spec-schema.js';
import { jsonPath, type SpecIssue } from './spec-issue.js';

/**
 * Checks one DC's shape: racks no more than nodes, seeds one per rack, zones only where the
 * region has them, a VM size whose memory is known (or an explicit heap), and a data disk whose
 * SKU fits the placement and caching.
 */
export function checkDatacenterLayout(spec: ClusterSpec, dc: DatacenterSpec, index: number): SpecIssue[] {
  const at = (...rest: PropertyKey[]) => jsonPath(['datacenters', index, ...rest]);
  const issues: SpecIssue[] = [];
  if (dc.racks > dc.nodes) {
    issues.push({ path: at('racks'), message: `${dc.racks} racks need at least ${dc.racks} nodes, but the DC has ${dc.nodes}` });
  }
  if (dc.seeds !== undefined && dc.seeds > dc.racks) {
    issues.push({ path: at('seeds'), message: `${dc.seeds} seeds need ${dc.seeds} racks (one seed per rack), but the DC has ${dc.racks}` });
  }
  if (dc.placement.mode === 'zones' && !regionHasZones(dc.region)) {
    issues.push({ path: at('placement', 'mode'), message: `region ${dc.region} has no availability zones: use "availabilitySet"` });
  }
  if (new Set(dc.placement.zones).size !== dc.placement.zones.length) {
    issues.push({ path: at('placement', 'zones'), message: 'lists a zone twice' });
  }
  const vmSize = dc.vmSize ?? spec.azure.vmSize;
  if (findVmSize(vmSize) === undefined && spec.cluster.jvm.maxHeapMiB === undefined) {
    issues.push({
      path: dc.vmSize === undefined ? '$.azure.vmSize' : at('vmSize'),
      message: `${vmSize} is not in the VM size catalogue, so the heap cannot be sized from its memory: set cluster.jvm.maxHeapMiB or use a catalogued size`,
    });
  }
  const disk = spec.azure.dataDisk;
  if (disk.sku === 'PremiumV2_LRS' && dc.placement.mode !== 'zones') {
    issues.push({ path: at('placement', 'mode'), message: 'PremiumV2_LRS data disks attach only to zonal VMs: use placement mode "zones"' });
  }
  return issues;
}

/** Checks settings that hold for the whole cluster: unique DC names, disk caching per SKU. */
export function checkClusterWide(spec: ClusterSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  spec.datacenters.forEach((dc, j) => {
    const first = spec.datacenters.findIndex((other) => other.name === dc.name);
    if (first !== j) {
      issues.push({ path: jsonPath(['datacenters', j, 'name']), message: `duplicate datacenter name "${dc.name}" (also $.datacenters[${first}].name)` });
    }
  });
  const disk = spec.azure.dataDisk;
  if ((disk.sku === 'PremiumV2_LRS' || disk.sku === 'UltraSSD_LRS') && disk.caching !== 'None') {
    issues.push({ path: '$.azure.dataDisk.caching', message: `${disk.sku} disks support no host caching: set "None"` });
  }
  return issues;
}
