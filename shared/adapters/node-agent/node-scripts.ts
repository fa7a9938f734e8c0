import type { NodeScriptName, NodeScriptOptions } from '../../domain/ports/node-agent-port.js';
import { renderSeedWaitLines } from '../../domain/render/render-seed-wait.js';

/**
 * The node agent's scripts: each small, idempotent, and ending with its own status marker because
 * Run Command returns no exit code. Anything that only needs Cassandra's view of the node (is it
 * up, does schema agree) is asked over CQL instead, since Run Command is slow and throttled.
 */
const SCRIPTS: Record<NodeScriptName, string[]> = {
  startCassandra: [
    'set -u',
    // cloud-init's runcmd installs Cassandra after the VM reports Succeeded: wait for it first.
    'if command -v cloud-init >/dev/null && ! cloud-init status --wait >/dev/null; then echo "AUTOPILOT-STATUS startCassandra failed cloud-init"; exit 1; fi',
    'if systemctl is-active --quiet cassandra; then echo "AUTOPILOT-STATUS startCassandra ok already-running"; exit 0; fi',
    'if ! systemctl enable --now cassandra; then echo "AUTOPILOT-STATUS startCassandra failed systemctl-start"; exit 1; fi',
    'echo "AUTOPILOT-STATUS startCassandra ok started"',
  ],
  stopCassandra: [
    'set -u',
    'if ! systemctl is-active --quiet cassandra; then echo "AUTOPILOT-STATUS stopCassandra ok already-stopped"; exit 0; fi',
    'nodetool drain >/dev/null 2>&1 || true',
    'if ! systemctl stop cassandra; then echo "AUTOPILOT-STATUS stopCassandra failed systemctl-stop"; exit 1; fi',
    'echo "AUTOPILOT-STATUS stopCassandra ok stopped"',
  ],
};

/**
 * Writes /etc/default/cassandra from the base64 parameter JVM_OPTIONS_B64, through a file beside
 * the product's own state, so a half-written file is never what Cassandra's start reads.
 */
export function renderWriteJvmOptionsScript(): string[] {
  return [
    'set -u',
    'state=/var/lib/cassandra-autopilot; mkdir -p "$state" || { echo "AUTOPILOT-STATUS writeJvmOptions failed state-dir"; exit 1; }',
    'if ! printf "%s" "$JVM_OPTIONS_B64" | base64 -d > "$state/jvm-options.new"; then echo "AUTOPILOT-STATUS writeJvmOptions failed decode"; exit 1; fi',
    'chmod 0644 "$state/jvm-options.new" && mv -f "$state/jvm-options.new" /etc/default/cassandra || { echo "AUTOPILOT-STATUS writeJvmOptions failed write"; exit 1; }',
    'echo "AUTOPILOT-STATUS writeJvmOptions ok written"',
  ];
}

/**
 * Installs the Apache Debian package's patch release CASSANDRA_RELEASE on a stopped node: a
 * policy-rc.d keeps the package from starting it (the orchestrator starts it and watches it
 * come back), --force-confold keeps the configuration the product wrote, and the package is held
 * so that no unattended upgrade moves the node off the spec's release.
 */
export function renderInstallCassandraScript(): string[] {
  return [
    'set -u',
    'case "$CASSANDRA_RELEASE" in [0-9]*.[0-9]*.[0-9]*) ;; *) echo "AUTOPILOT-STATUS installCassandra failed bad-release"; exit 1 ;; esac',
    'if systemctl is-active --quiet cassandra; then echo "AUTOPILOT-STATUS installCassandra failed running"; exit 1; fi',
    "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod 0755 /usr/sbin/policy-rc.d || { echo \"AUTOPILOT-STATUS installCassandra failed policy-rc\"; exit 1; }",
    "trap 'rm -f /usr/sbin/policy-rc.d' EXIT",
    'apt-get update -q >/dev/null || { echo "AUTOPILOT-STATUS installCassandra failed apt-update"; exit 1; }',
    'if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --allow-change-held-packages -o Dpkg::Options::=--force-confold "cassandra=$CASSANDRA_RELEASE"; then',
    '  echo "AUTOPILOT-STATUS installCassandra failed apt-install"; exit 1',
    'fi',
    'apt-mark hold cassandra >/dev/null',
    'echo "AUTOPILOT-STATUS installCassandra ok $CASSANDRA_RELEASE"',
  ];
}

/**
 * The lines of a node script, as Run Command's `script` array takes them; a start that waits for
 * seeds holds before `systemctl enable --now` (after the already-running check, so a re-run of a
 * node that started does not wait).
 */
export function renderNodeScript(name: NodeScriptName, options: NodeScriptOptions = {}): string[] {
  const lines = [...SCRIPTS[name]];
  if (name !== 'startCassandra' || !options.waitForSeeds?.length) return lines;
  const at = lines.findIndex((line) => line.startsWith('if ! systemctl enable --now'));
  return [...lines.slice(0, at), ...renderSeedWaitLines(`echo "AUTOPILOT-STATUS ${name} failed no-seed-answers"; exit 1`), ...lines.slice(at)];
}
