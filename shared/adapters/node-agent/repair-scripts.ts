import type { RepairBatch } from '../../domain/ports/node-agent-port.js';

/** Where a node keeps its repair batches: one directory per run. */
const REPAIR_DIR = '/var/lib/cassandra-autopilot/repair';

/**
 * The runner a batch leaves in the background: repairs its segments in order with nodetool, rests
 * after each in proportion to its duration, and stops between segments once `<batch>.stop`
 * exists. Results are left on the node for a person to read; the product follows the repairs
 * over CQL (`system_views.repairs`).
 */
const RUNNER = [
  'set -u',
  'batch=$1; mode=$2; intensity=$3',
  'full=-full; [ "$mode" = incremental ] && full=',
  'while read -r id ks tables st et; do',
  '  [ -e "$batch.stop" ] && break',
  '  [ -n "$id" ] || continue',
  '  tables_args=(); [ "$tables" = - ] || IFS=, read -ra tables_args <<< "$tables"',
  '  t0=$(date +%s%N)',
  '  nodetool repair $full -st "$st" -et "$et" "$ks" "${tables_args[@]}" > "$batch.$id.out" 2>&1; rc=$?',
  '  echo "$id $rc" >> "$batch.results"',
  '  t1=$(date +%s%N)',
  '  sleep "$(awk -v d=$(( (t1 - t0) / 1000000 )) -v i="$intensity" \'BEGIN { printf "%.3f", d * (1 - i) / i / 1000 }\')"',
  'done < "$batch.segments"',
  'touch "$batch.done"; rm -f "$batch.pid"',
];

/**
 * Starts a batch: writes its segments and the runner, and starts the runner in a session of its
 * own (it outlives the Run Command). Idempotent: a batch already running or done is left alone.
 */
export function renderStartRepairBatchScript(): string[] {
  return [
    'set -u',
    `dir=${REPAIR_DIR}/$RUN_ID; batch=$dir/$BATCH_ID`,
    'mkdir -p "$dir"',
    'if [ -e "$batch.done" ]; then echo "AUTOPILOT-STATUS startRepairBatch ok already-done"; exit 0; fi',
    'if [ -e "$batch.pid" ] && kill -0 "$(cat "$batch.pid")" 2>/dev/null; then echo "AUTOPILOT-STATUS startRepairBatch ok already-started"; exit 0; fi',
    'printf "%s\\n" "$SEGMENTS" | tr ";" "\\n" > "$batch.segments"',
    'rm -f "$batch.stop"',
    'cat > "$dir/runner.sh" <<\'RUNNER\'',
    ...RUNNER,
    'RUNNER',
    'setsid nohup bash "$dir/runner.sh" "$batch" "$MODE" "$INTENSITY" > "$batch.log" 2>&1 < /dev/null &',
    'echo $! > "$batch.pid"',
    'echo "AUTOPILOT-STATUS startRepairBatch ok started"',
  ];
}

/**
 * Stops a run on the node: every batch runner of the run (and the nodetool it waits on), then
 * the repair sessions the node coordinates, through JMX's forceTerminateAllRepairSessions (no
 * nodetool command stops a full repair in 5.0). The JMX port is the one cassandra-env.sh sets.
 */
export function renderStopRepairsScript(): string[] {
  return [
    'set -u',
    `dir=${REPAIR_DIR}/$RUN_ID`,
    'mkdir -p "$dir"',
    'stopped=0',
    'for pidfile in "$dir"/*.pid; do',
    '  [ -e "$pidfile" ] || continue',
    '  touch "${pidfile%.pid}.stop"; pid=$(cat "$pidfile")',
    '  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null',
    '  rm -f "$pidfile"; stopped=$((stopped + 1))',
    'done',
    'port=$(sed -n \'s/^JMX_PORT="\\{0,1\\}\\([0-9]*\\).*/\\1/p\' /etc/cassandra/cassandra-env.sh 2>/dev/null | head -n 1)',
    'cat > "$dir/StopRepairs.java" <<\'JAVA\'',
    'import javax.management.ObjectName;',
    'import javax.management.remote.JMXConnectorFactory;',
    'import javax.management.remote.JMXServiceURL;',
    'public class StopRepairs {',
    '  public static void main(String[] args) throws Exception {',
    '    var url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + args[0] + "/jmxrmi");',
    '    try (var connector = JMXConnectorFactory.connect(url)) {',
    '      connector.getMBeanServerConnection().invoke(new ObjectName("org.apache.cassandra.db:type=StorageService"),',
    '        "forceTerminateAllRepairSessions", new Object[0], new String[0]);',
    '    }',
    '  }',
    '}',
    'JAVA',
    'if ! java "$dir/StopRepairs.java" "${port:-7199}" >/dev/null 2>"$dir/stop.err"; then',
    '  echo "AUTOPILOT-STATUS stopRepairs failed jmx: $(tail -c 300 "$dir/stop.err" | tr "\\n" " ")"; exit 1',
    'fi',
    'echo "AUTOPILOT-STATUS stopRepairs ok stopped-$stopped"',
  ];
}

const NAME = /^[A-Za-z0-9_]+$/;
const TOKEN = /^-?\d{1,20}$/;
const ID = /^[A-Za-z0-9_.:-]+$/;

/**
 * The batch as Run Command parameters (environment variables on the node). Every value is
 * checked against what Cassandra and the planner produce, so nothing in it can be read as shell.
 * @throws RangeError naming the value that does not fit.
 */
export function repairBatchParameters(batch: RepairBatch): Record<string, string> {
  const check = (value: string, pattern: RegExp, what: string) => {
    if (!pattern.test(value)) throw new RangeError(`${what} '${value}' is not valid in a repair batch`);
    return value;
  };
  const segments = batch.segments.map((s) => [check(s.id, ID, 'segment id'), check(s.keyspace, NAME, 'keyspace'),
    s.tables.length === 0 ? '-' : s.tables.map((t) => check(t, NAME, 'table')).join(','),
    check(s.start, TOKEN, 'token'), check(s.end, TOKEN, 'token')].join(' '));
  if (!(batch.intensity > 0 && batch.intensity <= 1)) throw new RangeError(`intensity ${batch.intensity} is not in (0, 1]`);
  return { ...stopRepairsParameters(batch.runId), BATCH_ID: check(batch.batchId, ID, 'batch id'), MODE: batch.mode,
    INTENSITY: String(batch.intensity), SEGMENTS: segments.join(';') };
}

/** The run whose batches stopRepairs stops, as a Run Command parameter. */
export function stopRepairsParameters(runId: string): Record<string, string> {
  if (!ID.test(runId)) throw new RangeError(`run id '${runId}' is not valid in a repair batch`);
  return { RUN_ID: runId };
}
