import { Command } from 'commander';
import type { CliIo } from '../../shared/cli/cli-io.js';
import type { FetchLike } from '../../shared/cli/api-client.js';
import { runCli } from '../../shared/cli/main.js';

/** What each service command module exports to register itself. */
export type RegisterCommand = (program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn?: FetchLike) => void;

/** The scripted API: an answer for each request. */
export type Route = (method: string, url: string, headers: Record<string, string>) => { status: number; body?: unknown };

/** Answers each `METHOD /path` from a table; each path's answers are used in turn, the last one repeating; any other request is a 404. */
export function scripted(answers: Record<string, { status: number; body?: unknown }[]>): Route {
  return (method, url) => {
    const queue = answers[`${method} ${new URL(url).pathname}`];
    if (!queue) return { status: 404, body: { code: 'CASSOPS_CLUSTER_NOT_FOUND', message: `unscripted ${method} ${url}` } };
    return queue.length > 1 ? queue.shift()! : queue[0]!;
  };
}

/** A 200 answer. */
export const ok = (body: unknown) => ({ status: 200, body });

/** The doubles of a command-line run: captured output, every request made, and the scripted API behind the fetch seam. */
function doubles(route: Route, env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const requests: { method: string; url: string; headers: Record<string, string>; body?: string }[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, readText: async () => '{"cluster":{"name":"demo"}}' };
  const fetchFn: FetchLike = async (url, init) => {
    requests.push({ url, ...init });
    const answer = route(init.method, url, init.headers);
    return { status: answer.status, text: async () => (answer.body === undefined ? '' : JSON.stringify(answer.body)) };
  };
  return { io, fetchFn, requests, result: (code: number) => ({ code, out: out.join(''), err: err.join(''), requests }) };
}

/** Runs one service command with a scripted API (the fetch seam is the double of this unit). */
export async function runServiceCommand(register: RegisterCommand, argv: string[], route: Route, env: Record<string, string> = {}) {
  const d = doubles(route, env);
  let code = -1;
  const program = new Command('autopilot').enablePositionalOptions().exitOverride();
  register(program, d.io, (c) => { code = c; }, d.fetchFn);
  await program.parseAsync(argv, { from: 'user' });
  return d.result(code);
}

/** Runs the whole command line (every command, commander's usage errors included) with a scripted API. */
export async function runWholeCli(argv: string[], route: Route, env: Record<string, string> = {}) {
  const d = doubles(route, env);
  return d.result(await runCli(argv, d.io, d.fetchFn));
}
