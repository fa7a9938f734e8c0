import type { Command } from 'commander';
import { planTopology } from '../../domain/topology/plan-topology.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { formatIssues } from '../format-issues.js';
import { loadSpec } from '../load-spec.js';
import type { SpecCommandOptions } from './validate-command.js';

/**
 * `autopilot plan <spec.json>`: prints the topology plan as JSON on standard output (warnings on
 * standard error); for an invalid spec prints the problems on standard error and exits 2.
 */
export function registerPlanCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program.command('plan')
    .description('print the Azure resources and Cassandra nodes a cluster spec means, as JSON')
    .argument('<spec>', 'cluster spec JSON file (- for standard input)')
    .option('-t, --target <target>', 'azure or local (default: $AUTOPILOT_TARGET, else inferred from the address spaces)')
    .action(async (file: string, options: SpecCommandOptions) => {
      const loaded = await loadSpec(io, file, options.target);
      if (!loaded.ok) {
        io.stderr(`${file}: ${loaded.issues.length} problem(s); no plan\n${formatIssues(loaded.issues)}`);
        setExitCode(loaded.exitCode);
        return;
      }
      const plan = planTopology(loaded.spec);
      for (const warning of plan.warnings) io.stderr(`warning: ${warning}\n`);
      io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
      setExitCode(EXIT.ok);
    });
}
