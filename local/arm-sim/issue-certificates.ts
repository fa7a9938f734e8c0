import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** The simulator's TLS material: a CA clients trust, and a server certificate it signed. */
export interface SimulatorCertificates {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

const DAY_MS = 86_400_000;

/**
 * Issues the server certificate for 127.0.0.1 and localhost, signed by the simulator's CA.
 *
 * The CA is kept in `stateDir` (ca.pem, and ca-key.pem readable by the owner only) and reused,
 * so clients that trusted the simulator keep trusting it across restarts; the server
 * certificate is fresh on every start.
 */
export async function issueCertificates(stateDir: string): Promise<SimulatorCertificates> {
  const ca = await loadOrCreateCa(stateDir);
  const now = new Date();
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS), notAfterDate: new Date(now.getTime() + 30 * DAY_MS),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { caPem: ca.cert, serverCertPem: server.cert, serverKeyPem: server.private };
}

async function loadOrCreateCa(stateDir: string): Promise<{ cert: string; key: string }> {
  const certPath = join(stateDir, 'ca.pem');
  const keyPath = join(stateDir, 'ca-key.pem');
  const [cert, key] = await Promise.all([readFile(certPath, 'utf8').catch(() => ''), readFile(keyPath, 'utf8').catch(() => '')]);
  if (cert && key) return { cert, key };
  const now = new Date();
  const created = await generate([{ name: 'commonName', value: 'Cassandra Autopilot local ARM simulator CA' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS), notAfterDate: new Date(now.getTime() + 3650 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  await writeFile(keyPath, created.private, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  await writeFile(certPath, created.cert);
  return { cert: created.cert, key: created.private };
}
