import { SelfsignedCertificateIssuer } from '../../shared/adapters/x509/selfsigned-certificate-issuer.js';
import type { ClusterCa } from '../../shared/domain/ports/certificate-issuer.js';
import type { NodeTlsFiles } from '../../shared/domain/render/render-tls-settings.js';

const issuer = new SelfsignedCertificateIssuer();
const cas = new Map<string, Promise<ClusterCa>>();

/** One real CA per cluster name for the process, as a deployment's preparation would make it. */
export function testClusterCa(clusterName: string): Promise<ClusterCa> {
  if (!cas.has(clusterName)) cas.set(clusterName, issuer.createCa(clusterName));
  return cas.get(clusterName)!;
}

/** A node's TLS files signed by the cluster's test CA, for tests that render cloud-init themselves. */
export async function testNodeTlsFiles(clusterName: string, node: { name: string; privateIp: string }): Promise<NodeTlsFiles> {
  const ca = await testClusterCa(clusterName);
  const issued = await issuer.issueNodeCertificate(ca, node);
  return { caCertPem: ca.certPem, nodeKeyPem: issued.keyPem, nodeCertPem: issued.certPem };
}
