import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GuestDriver, GuestScriptResult, GuestVm, RunScriptOptions } from './guest-driver.js';

/** Output kept per stream; beyond it the oldest bytes go (Azure keeps far less). */
const MAX_CAPTURE_BYTES = 16 * 1024 * 1024;

/**
 * The default guest: no machine, just a sandbox directory per VM (under `root`) in which Run
 * Command scripts run with bash, as the current user, with the sandbox as working directory and
 * HOME, and named parameters as environment variables (as Azure's Linux agent passes them).
 * Each script runs in its own process group and is stopped by its pid on timeout, abort,
 * VM delete or close.
 */
export class BashGuestDriver implements GuestDriver {
  readonly runsRealProcesses: boolean;
  private readonly running = new Map<number, { child: ChildProcess; vmId: string }>();

  /**
   * @param root directory holding one sandbox per VM
   * @param options.realProcesses set when scripts will bind or dial the VMs' private addresses
   *   (e.g. start servers on them): the simulator then holds address spaces to 127.0.0.0/8
   */
  constructor(private readonly root: string, options: { realProcesses?: boolean } = {}) {
    this.runsRealProcesses = options.realProcesses ?? false;
  }

  /** The sandbox directory of a VM. */
  sandboxOf(vm: Pick<GuestVm, 'resourceGroup' | 'name'>): string {
    return join(this.root, `${vm.resourceGroup}--${vm.name}`.toLowerCase().replace(/[^a-z0-9._-]/g, '_'));
  }

  async create(vm: GuestVm): Promise<void> {
    await mkdir(this.sandboxOf(vm), { recursive: true });
    const { customData: _secretish, ...described } = vm;
    await writeFile(join(this.sandboxOf(vm), 'vm.json'), JSON.stringify({ ...described, powerState: 'running' }, null, 2));
  }

  async start(vm: GuestVm): Promise<void> {
    await mkdir(this.sandboxOf(vm), { recursive: true });
  }

  /** Stopping a sandbox stops its scripts; the files (the "disks") stay. */
  async powerOff(vm: GuestVm): Promise<void> {
    this.stopScripts(vm.id);
  }

  async deallocate(vm: GuestVm): Promise<void> {
    this.stopScripts(vm.id);
  }

  async restart(vm: GuestVm): Promise<void> {
    this.stopScripts(vm.id);
  }

  async delete(vm: GuestVm): Promise<void> {
    this.stopScripts(vm.id);
    await rm(this.sandboxOf(vm), { recursive: true, force: true });
  }

  async runScript(vm: GuestVm, script: string, options: RunScriptOptions = {}): Promise<GuestScriptResult> {
    const cwd = this.sandboxOf(vm);
    await mkdir(cwd, { recursive: true });
    const child = spawn('bash', ['-c', script], {
      cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, LANG: 'C.UTF-8', ...options.parameters },
    });
    const pid = child.pid!;
    this.running.set(pid, { child, vmId: vm.id });
    const stdout = capture(child.stdout!);
    const stderr = capture(child.stderr!);
    const stop = (): void => this.kill(pid);
    const timer = options.timeoutInMs ? setTimeout(stop, options.timeoutInMs) : undefined;
    options.abortSignal?.addEventListener('abort', stop, { once: true });
    const exitCode = await new Promise<number>((resolve) => {
      child.once('error', () => resolve(127));
      child.once('close', (code, signal) => resolve(code ?? (signal ? 128 + 9 : 1)));
    });
    clearTimeout(timer);
    options.abortSignal?.removeEventListener('abort', stop);
    this.running.delete(pid);
    return { stdout: stdout(), stderr: stderr(), exitCode };
  }

  async close(): Promise<void> {
    for (const pid of [...this.running.keys()]) this.kill(pid);
  }

  private stopScripts(vmId: string): void {
    for (const [pid, run] of this.running) if (run.vmId === vmId) this.kill(pid);
  }

  private kill(pid: number): void {
    try {
      process.kill(-pid, 'SIGKILL'); // the script's whole process group, by its own pid
    } catch {
      // already gone
    }
  }
}

function capture(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    while (size > MAX_CAPTURE_BYTES && chunks.length > 1) size -= chunks.shift()!.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}
