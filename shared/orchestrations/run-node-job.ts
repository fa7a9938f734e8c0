import { ACTIVITIES } from '../contracts/names.js';
import type { NodeJobInput } from '../contracts/backup-io.js';
import type { NodeJobStatus } from '../domain/ports/node-agent-port.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { callActivity } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * Waits between two reads of a running job: a quarter of the job's age, between `first` and
 * `max`, so a job is seen ended at most a quarter of its time (or 5 s) late, and a long one costs
 * a read every 5 s.
 */
export const NODE_JOB_POLL_SECONDS = { first: 1, max: 5 } as const;

/**
 * Runs a node job to its end: starts it (a replay finds the job it started), reads it with
 * durable timers in between (NODE_JOB_POLL_SECONDS), and deletes it once it ended. A job
 * that failed is the script's marker as an error (`checksum-mismatch <file>` from a restore is
 * CASSOPS_RESTORE_FILE_INVALID naming the file); one that vanished while running failed too.
 */
export function* runNodeJob(context: OrchestrationContextLike): Orchestration<Result<{ detail: string }>> {
  const input = context.df.getInput<NodeJobInput>();
  const started = context.df.currentUtcDateTime.getTime();
  let status = (yield callActivity(context, ACTIVITIES.startNodeJob, 'runCommand', input)) as NodeJobStatus;
  while (status.state === 'Running') {
    const now = context.df.currentUtcDateTime.getTime();
    const wait = Math.min(NODE_JOB_POLL_SECONDS.max, Math.max(NODE_JOB_POLL_SECONDS.first, Math.floor((now - started) / 4000)));
    yield context.df.createTimer(new Date(now + wait * 1000));
    status = (yield callActivity(context, ACTIVITIES.readNodeJob, 'runCommand', input)) as NodeJobStatus;
  }
  yield callActivity(context, ACTIVITIES.deleteNodeJob, 'runCommand', input);
  if (status.state === 'Succeeded') return ok({ detail: status.detail });
  const what = `${input.job.script} on ${input.node}`;
  if (status.state === 'Missing') return fail({ code: 'CASSOPS_NODE_SCRIPT_FAILED', message: `${what} vanished before it ended (the VM restarted?).` });
  return fail({ code: failureCode(input, status.detail), message: `${what} failed: ${status.detail}${status.stderrTail ? `; stderr: ${status.stderrTail}` : ''}` });
}

/** A restore's file that is missing or differs from its checksum is the backup's fault, not the node's. */
function failureCode(input: NodeJobInput, detail: string): ErrorCode {
  return input.job.script === 'restoreFiles' && /^(checksum-mismatch|size-mismatch|download-http-404) /.test(detail)
    ? 'CASSOPS_RESTORE_FILE_INVALID' : 'CASSOPS_NODE_SCRIPT_FAILED';
}
