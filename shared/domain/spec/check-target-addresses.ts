import { LOOPBACK_RANGE, cidrContains, cidrsOverlap, mustParseIpv4Cidr } from '../net/ipv4-cidr.js';
import type { ClusterSpec } from './cluster-spec-schema.js';
import { jsonPath, type SpecIssue } from './spec-issue.js';

/** Where a spec will run: Azure, or the local stack on this machine. */
export type SpecTarget = 'azure' | 'local';

/**
 * Holds every address in the spec to its target: the local stack only ever uses 127.0.0.0/8,
 * while Azure VNets cannot use loopback at all. Azure also needs an SSH key (no passwords).
 */
export function checkTargetAddresses(spec: ClusterSpec, target: SpecTarget): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const [segments, text] of listCidrs(spec)) {
    const cidr = mustParseIpv4Cidr(text);
    if (target === 'local' && !cidrContains(LOOPBACK_RANGE, cidr)) {
      issues.push({ path: jsonPath(segments), message: `${text} is not loopback: the local stack only uses addresses inside 127.0.0.0/8 (e.g. 127.1.0.0/16)` });
    }
    if (target === 'azure' && cidrsOverlap(LOOPBACK_RANGE, cidr) && segments[segments.length - 2] === 'network') {
      issues.push({ path: jsonPath(segments), message: `${text} is loopback: Azure VNets cannot use 127.0.0.0/8; use a private range such as 10.1.0.0/16` });
    }
  }
  if (target === 'azure' && spec.azure.sshPublicKey === undefined) {
    issues.push({ path: '$.azure.sshPublicKey', message: 'is required on Azure: VMs are created with SSH key authentication only (passwords are disabled)' });
  }
  return issues;
}

function listCidrs(spec: ClusterSpec): [PropertyKey[], string][] {
  const found: [PropertyKey[], string][] = [];
  spec.datacenters.forEach((dc, i) => {
    for (const [field, text] of Object.entries(dc.network)) {
      if (text !== undefined) found.push([['datacenters', i, 'network', field], text]);
    }
  });
  spec.network.cqlAllowedCidrs.forEach((text, i) => found.push([['network', 'cqlAllowedCidrs', i], text]));
  spec.azure.sshAllowedCidrs.forEach((text, i) => found.push([['azure', 'sshAllowedCidrs', i], text]));
  return found;
}
