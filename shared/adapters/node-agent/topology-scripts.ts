import type { NodeJobScript } from '../../domain/ports/node-agent-port.js';

/**
 * The node side of a topology change, as node job scripts: a cleanup after a scale-out, a
 * decommission before a scale-in. Neither needs a credential. Each prints its status marker last;
 * a nodetool run that fails puts nodetool's own reason in the marker's detail and its last lines
 * on stderr, which the job's status carries.
 */

/** Written once the node has left the ring, before Cassandra is stopped: how a re-run tells a retired node from a down one. */
export const DECOMMISSIONED_MARKER = '/var/lib/cassandra-autopilot/decommissioned';

/**
 * `fail REASON`, and `nodetool_failed WHAT OUTPUT`: a failure whose detail is WHAT and nodetool's
 * reason on one line of at most 300 characters. The reason is the line nodetool prefixes with
 * `nodetool:` or `error:` (a usage hint or a stack trace follows it, so the last lines alone say
 * nothing), else the last lines; the last 20 go to stderr whole.
 */
function prelude(script: NodeJobScript): string[] {
  return [
    'set -u',
    `fail() { echo "AUTOPILOT-STATUS ${script} failed $1"; exit 1; }`,
    'nodetool_failed() {',
    '  local why',
    '  printf "%s\\n" "$2" | tail -n 20 >&2',
    '  why=$(printf "%s\\n" "$2" | sed -nE "s/^(nodetool|error): //p" | tail -n 1)',
    '  [ -n "$why" ] || why=$(printf "%s\\n" "$2" | grep -v "^[[:space:]]*$" | tail -n 3)',
    '  why=$(printf "%s" "$why" | tr -s "\\r\\n\\t" "   ")',
    '  fail "$1 ${why:0:300}"',
    '}',
  ];
}

/**
 * Cleanup after a scale-out: `nodetool cleanup -j 1` drops the data of the ranges the node handed
 * to new nodes, on one compaction thread so the node keeps serving. Run again, it rewrites
 * nothing: Cassandra skips SSTables that hold owned ranges alone. Marker detail: `cleaned`; a
 * failure: `cleanup <nodetool's reason>` (a node that is down: `Failed to connect …`).
 */
export function renderCleanupNodeScript(): string[] {
  return [
    ...prelude('cleanupNode'),
    'out=$(nodetool cleanup -j 1 2>&1) || nodetool_failed cleanup "$out"',
    'echo "AUTOPILOT-STATUS cleanupNode ok cleaned"',
  ];
}

/**
 * Decommission before a scale-in: `nodetool decommission` streams the node's ranges to the others
 * and takes it out of the ring; then `systemctl disable --now` stops Cassandra and keeps a reboot
 * from starting it. Never `--force`: the product refuses a scale-in that would leave a keyspace
 * short of its RF before this runs, and Cassandra refuses it too, naming the keyspace. A re-run
 * reads where the node is instead of asking again:
 * - Mode DECOMMISSIONED (it left; the stop did not happen): stops it, `already-decommissioned`.
 * - Cassandra stopped: `already-decommissioned` with `marker` (DECOMMISSIONED_MARKER) on the VM,
 *   else `not-running`, since a node that is only down has handed nothing over.
 * - Mode LEAVING while `nodetool info` says Decommissioning: a decommission an earlier start asked
 *   for still streams (Cassandra finishes it though the script that asked was killed, and 5.0's
 *   `nodetool decommission` answers a second with "still decommissioning" and exit 0), so it
 *   waits for that one. A LEAVING node whose decommission failed is asked again: Cassandra resumes.
 * Success is Mode DECOMMISSIONED once nodetool returns and no decommission runs, not nodetool's
 * exit code alone. Marker detail: `decommissioned` or `already-decommissioned`; a failure:
 * `decommission <nodetool's reason>` (on a one-node ring: `Unsupported operation: no other normal
 * nodes in the ring; …`; short of a keyspace's RF, system ones included: `… Not enough live nodes
 * to maintain replication factor in keyspace system_distributed (RF = 3, N = 2) …`).
 */
export function renderDecommissionNodeScript(marker = DECOMMISSIONED_MARKER): string[] {
  return [
    ...prelude('decommissionNode'),
    `marker="${marker}"`,
    'mode() { nodetool netstats 2>/dev/null | sed -n "s/^Mode: //p" | head -n 1; }',
    'decommissioning() { nodetool info 2>/dev/null | grep -qE "^Decommissioning *: true"; }',
    // leave: returns once the node is out of the ring, `$outcome` saying whether this run took it out.
    'leave() {',
    '  outcome=already-decommissioned',
    '  if ! systemctl is-active --quiet cassandra; then [ -f "$marker" ] || fail not-running; return; fi',
    '  current=$(mode)',
    '  [ -n "$current" ] || fail nodetool-unreachable',
    '  [ "$current" = DECOMMISSIONED ] && return',
    '  outcome=decommissioned',
    '  if [ "$current" = LEAVING ]; then',
    '    while decommissioning; do sleep 10; done',
    '    [ "$(mode)" = DECOMMISSIONED ] && return',
    '  fi',
    // FORCE=yes only for the nodes of a datacenter leaving the cluster: Cassandra keeps system_auth
    // replicated to a DC while it has live nodes, so its last nodes can only leave below that RF.
    '  if [ "${FORCE:-}" = yes ]; then out=$(nodetool decommission --force 2>&1); else out=$(nodetool decommission 2>&1); fi || nodetool_failed decommission "$out"',
    // Asked while another runs (a start racing an earlier one's), 5.0 answers "still decommissioning" and exit 0.
    '  while decommissioning; do sleep 10; done',
    '  current=$(mode)',
    '  [ "$current" = DECOMMISSIONED ] || nodetool_failed "decommission mode=${current:-unknown}" "$out"',
    '}',
    'leave',
    '{ mkdir -p "${marker%/*}" && touch "$marker"; } || fail marker',
    'systemctl disable --now cassandra >/dev/null || fail systemctl-stop',
    'echo "AUTOPILOT-STATUS decommissionNode ok $outcome"',
  ];
}

/**
 * Rebuild of a node that joined a new datacenter without bootstrap: `nodetool rebuild -- $SOURCE_DC`
 * streams every range it now owns from the existing datacenter. Run again, it streams those
 * ranges again (the copies merge); Cassandra refuses a second rebuild while one runs, which the
 * job framework's one-start-per-name already prevents. Marker detail: `rebuilt from <dc>`; a
 * failure: `rebuild <nodetool's reason>`.
 */
export function renderRebuildNodeScript(): string[] {
  return [
    ...prelude('rebuildNode'),
    '[[ "${SOURCE_DC:-}" =~ ^[A-Za-z0-9_-]{1,16}$ ]] || fail "bad-source-dc"',
    'out=$(nodetool rebuild -- "$SOURCE_DC" 2>&1) || nodetool_failed rebuild "$out"',
    'echo "AUTOPILOT-STATUS rebuildNode ok rebuilt from $SOURCE_DC"',
  ];
}
