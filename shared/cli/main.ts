import { Command, CommanderError } from 'commander';
import { fileURLToPath } from 'node:url';
import { EXIT, processIo, type CliIo } from './cli-io.js';
import type { FetchLike } from './api-client.js';
import { registerPlanCommand } from './commands/plan-command.js';
import { registerValidateCommand } from './commands/validate-command.js';
import { registerDeployCommand } from './commands/deploy-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { registerNodesCommand } from './commands/nodes-command.js';
import { registerOpsCommand } from './commands/ops-command.js';
import { registerHealthCommand } from './commands/health-command.js';
import { registerRemediationsCommand } from './commands/remediations-command.js';
import { registerRepairCommand } from './commands/repair-command.js';
import { registerBackupCommand } from './commands/backup-command.js';
import { registerRestoreCommand } from './commands/restore-command.js';
import { registerDrillCommand } from './commands/drill-command.js';
import { registerRestartCommand } from './commands/restart-command.js';
import { registerDiffCommand } from './commands/diff-command.js';
import { registerUpdateCommand } from './commands/update-command.js';
import { registerReplaceCommand } from './commands/replace-command.js';
import { registerApprovalCommands } from './commands/approval-command.js';
import { registerDeleteCommand } from './commands/delete-command.js';
import { registerLeaseCommand } from './commands/lease-command.js';
import { registerAlertCommand } from './commands/alert-command.js';
import { registerOpenApiCommand } from './commands/openapi-command.js';
import { registerConsoleCommand } from './commands/console-command.js';

/** Each command lives in its own module and registers itself here; service commands add theirs. */
const COMMANDS = [registerValidateCommand, registerPlanCommand, registerDeployCommand, registerStatusCommand, registerNodesCommand,
  registerOpsCommand, registerHealthCommand, registerRemediationsCommand, registerRepairCommand, registerBackupCommand,
  registerRestoreCommand, registerDrillCommand, registerRestartCommand, registerDiffCommand, registerUpdateCommand,
  registerReplaceCommand, registerApprovalCommands, registerDeleteCommand, registerLeaseCommand, registerAlertCommand,
  registerOpenApiCommand, registerConsoleCommand];

/**
 * The autopilot command line with every command registered. Options are positional: a group's
 * own options (`ops --json <id>`) come before its subcommand, so `ops approve <id> --json` leaves
 * `--json` to `approve`.
 */
export function buildCli(io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): Command {
  const program = new Command('autopilot')
    .description('Cassandra Autopilot for Azure: deploy and run Apache Cassandra clusters on Azure VMs')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const register of COMMANDS) register(program, io, setExitCode, fetchFn);
  return program;
}

/**
 * Runs the autopilot command line with the given arguments (without node and the script) and
 * returns the exit code (EXIT: 0 success, 1 usage or I/O error or a request the API refused,
 * 2 invalid spec, 3 what was followed failed). Never throws for bad input: every failure becomes
 * a message and an exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo, fetchFn: FetchLike = fetch): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildCli(io, (code) => { exitCode = code; }, fetchFn);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    io.stderr(`autopilot: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  return exitCode;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2), processIo());
}
