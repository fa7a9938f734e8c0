import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, describeApiError, resolveApiTarget, type FetchLike } from '../api-client.js';
import type { ServiceCommandOptions } from './deploy-command.js';

interface ClusterDetailView {
  name: string;
  state: string;
  lastOperationId: string;
  runningOperationId: string | null;
  nodes: { name: string; dc: string; rack: string; privateIp: string; isSeed: boolean; state: string }[];
}

/** `autopilot status [name]`: every cluster with its state, or one cluster with its nodes. */
export function registerStatusCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  program.command('status')
    .description('show clusters, or one cluster and its nodes')
    .argument('[name]', 'cluster name')
    .option('--json', 'print the API answer as JSON')
    .option('--url <url>', 'API base URL (default: $AUTOPILOT_URL, else http://127.0.0.1:7071)')
    .option('--key <key>', 'function key (default: $AUTOPILOT_KEY)')
    .action(async (name: string | undefined, options: ServiceCommandOptions & { json?: boolean }) => {
      const target = resolveApiTarget(options, io.env);
      const answer = await callApi(fetchFn, target, 'GET', name ? `/api/clusters/${encodeURIComponent(name)}` : '/api/clusters');
      if (answer.status !== 200) {
        io.stderr(`${describeApiError(answer)}\n`);
        return setExitCode(EXIT.usage);
      }
      if (options.json) io.stdout(`${JSON.stringify(answer.body, null, 2)}\n`);
      else io.stdout(name ? formatCluster(answer.body as ClusterDetailView) : formatList(answer.body as { clusters: { name: string; state: string; lastOperationId: string }[] }));
      setExitCode(EXIT.ok);
    });
}

function formatList(body: { clusters: { name: string; state: string; lastOperationId: string }[] }): string {
  if (body.clusters.length === 0) return 'no clusters\n';
  return body.clusters.map((c) => `${c.name.padEnd(24)} ${c.state.padEnd(12)} last operation ${c.lastOperationId}`).join('\n') + '\n';
}

function formatCluster(c: ClusterDetailView): string {
  const running = c.runningOperationId ? `, operation ${c.runningOperationId} running` : '';
  const nodes = c.nodes.map((n) => `  ${n.name.padEnd(20)} ${n.dc}/${n.rack.padEnd(6)} ${n.privateIp.padEnd(15)} ${n.state}${n.isSeed ? ' (seed)' : ''}`);
  return `${c.name}: ${c.state}${running}\n${nodes.join('\n')}\n`;
}
