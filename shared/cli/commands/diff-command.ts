import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, readSpecText, refused, withApi, type ApiCommandOptions } from './api-command-kit.js';

/** The API's answer to a plan preview (the fields shown). */
interface ChangePlanView {
  cluster: string;
  state: string;
  nodesAdded: { node: string; dc: string; rack: string }[];
  nodesRemoved: { node: string; dc: string; rack: string }[];
  datacentersAdded: string[];
  datacentersRemoved: string[];
  replication: { keyspace: string; from?: Record<string, number>; to: Record<string, number> }[];
  keyspacesUnmanaged: string[];
  rollingRestart: { path: string }[];
  inPlace: { path: string }[];
  refused: { path: string; reason: string }[];
  unchanged: boolean;
}

const rf = (r: Record<string, number>) => Object.entries(r).map(([dc, n]) => `${dc}:${n}`).join(',');

/** One line per change: `+` added, `-` removed, `~` changed, then what restarts, what applies in place, and what is refused. */
export function formatChangePlan(p: ChangePlanView): string {
  if (p.unchanged) return `cluster ${p.cluster} (${p.state}): the spec asks for nothing it does not have\n`;
  const lines = [
    ...p.datacentersAdded.map((dc) => `+ datacenter ${dc}`),
    ...p.nodesAdded.map((n) => `+ node ${n.node} (${n.dc}/${n.rack})`),
    ...p.nodesRemoved.map((n) => `- node ${n.node} (${n.dc}/${n.rack}), decommissioned`),
    ...p.datacentersRemoved.map((dc) => `- datacenter ${dc}`),
    ...p.replication.map((r) => (r.from ? `~ keyspace ${r.keyspace} replication ${rf(r.from)} -> ${rf(r.to)}` : `+ keyspace ${r.keyspace} (${rf(r.to)})`)),
    ...p.keyspacesUnmanaged.map((k) => `  keyspace ${k} no longer managed (not dropped)`),
    ...p.rollingRestart.map((c) => `~ ${c.path}: rolling restart`),
    ...p.inPlace.map((c) => `~ ${c.path}: in place`),
    ...p.refused.map((r) => `! refused ${r.path}: ${r.reason}`),
  ];
  return `cluster ${p.cluster} (${p.state}): ${p.refused.length === 0 ? 'can be applied' : `${p.refused.length} change(s) refused`}\n${lines.join('\n')}\n`;
}

/**
 * `autopilot diff <cluster> <spec.json>`: what applying the spec to the running cluster would do,
 * asked of the API (changes nothing). Exit: 0 nothing refused, 2 a change refused or the spec
 * invalid (every issue shown), 1 unreadable file or another refusal.
 */
export function registerDiffCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(program.command('diff').description('what applying a spec to a running cluster would do, and what is refused; changes nothing')
    .argument('<cluster>', 'cluster name').argument('<spec>', 'cluster spec JSON file (- for standard input)'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, async (target, options, cluster, file) => {
      const body = await readSpecText(io, file!);
      if (body === undefined) return EXIT.usage;
      const answer = await callApi(fetchFn, target, 'POST', `/api/clusters/${encodeURIComponent(cluster!)}/plan`, { body });
      if (answer.status === 400) {
        refused(io, `${file}`, answer);
        return EXIT.invalidSpec;
      }
      if (answer.status !== 200) return refused(io, 'plan refused', answer);
      const plan = answer.body as ChangePlanView;
      io.stdout(options.json ? `${JSON.stringify(plan, null, 2)}\n` : formatChangePlan(plan));
      return plan.refused.length === 0 ? EXIT.ok : EXIT.invalidSpec;
    }));
}
