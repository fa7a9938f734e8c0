import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import type { GuestDriver, GuestScriptResult, GuestVm, RunScriptOptions } from '../arm-sim/guest-driver.js';
import { allocateJmxPort } from './allocate-jmx-port.js';
import { cassandraCacheDir, isCassandraLayout, resolveCassandraHome } from './cassandra-home.js';
import { cassandraReleaseHome, installedCassandraHome, requestedCassandraVersion } from './guest-cassandra-release.js';
import { killNodeProcess, readNodePid } from './node-process.js';
import { mapGuestPaths } from './map-guest-paths.js';
import { GUEST_JVM_OPTIONS, extraWrittenPaths, prepareGuestNode } from './prepare-guest-node.js';
import { readCloudInit, type CloudInitFile } from './read-cloud-init.js';
import { PREPARE_NODE_SCRIPT_PATH } from '../../shared/domain/render/render-prepare-node-script.js';
import { runGuestScript } from './run-guest-script.js';

/** How a CassandraGuestDriver finds Cassandra, where it keeps nodes, and how it sizes them. */
export interface CassandraGuestDriverOptions {
  /** Where node directories are made, one per VM (`<rootDir>/<resourceGroup>/<vmName>`). */
  rootDir: string;
  /** Default: `$CASSANDRA_HOME`, else the pinned install (see cassandra-home.ts). */
  cassandraHome?: string;
  /**
   * Where the releases a node may be installed at live (`apache-cassandra-<version>`). Default:
   * the install cache, unless a fixed Cassandra home is given (option or `$CASSANDRA_HOME`).
   */
  releasesDir?: string;
  /** Heap cap per node in MiB; the product's MAX_HEAP_SIZE is kept when smaller. Default 384. */
  maxHeapSizeMb?: number;
  /** JVM properties added to every node. Default GUEST_JVM_OPTIONS. */
  jvmOptions?: readonly string[];
}

/** What the driver knows about one VM's node, kept in `guest.json` in its node directory. */
export interface GuestNodeInfo {
  vmId: string;
  nodeDir: string;
  ip: string;
  jmxPort: number;
  extraPaths: string[];
}

const DEFAULT_MAX_HEAP_SIZE_MB = 384;

/** Node-directory paths of cloud-init's state: present while runcmd runs, and once it has finished (per instance, as on a VM). */
const CLOUD_INIT_RUNNING = 'run/cloud-init.running';
const CLOUD_INIT_FINISHED = 'var/lib/cloud/instance/boot-finished';
const CLOUD_INIT_LOG = 'var/log/cloud-init-output.log';

/** A VM's runcmd still running in the background, and how to stop it. */
interface RunningCloudInit {
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Makes simulated VMs real Cassandra 5.0 nodes on their loopback private IPs, configured by the
 * product's cloud-init and driven by its Run Command scripts through systemctl/nodetool/sudo/apt-get shims
 * (apt-get moves a node between the releases the local stack installed).
 * Cassandra stays stopped after create unless the cloud-config's runcmd starts it (the first boot
 * of a brand-new cluster's node); a VM start brings it up only when a script ran
 * `systemctl enable cassandra`, as a rebooting VM would.
 */
export class CassandraGuestDriver implements GuestDriver {
  readonly runsRealProcesses = true;
  private readonly nodes = new Map<string, GuestNodeInfo>();
  private readonly cloudInits = new Map<string, RunningCloudInit>();
  private readonly cassandraHome: string;
  private readonly releasesDir: string | undefined;
  private readonly maxHeapSizeMb: number;
  private readonly jvmOptions: readonly string[];

  /** @throws Error when no Cassandra install is found (see resolveCassandraHome). */
  constructor(private readonly options: CassandraGuestDriverOptions) {
    this.cassandraHome = options.cassandraHome ?? resolveCassandraHome();
    this.releasesDir = options.releasesDir ?? (options.cassandraHome || process.env.CASSANDRA_HOME ? undefined : cassandraCacheDir());
    this.maxHeapSizeMb = options.maxHeapSizeMb ?? DEFAULT_MAX_HEAP_SIZE_MB;
    this.jvmOptions = options.jvmOptions ?? GUEST_JVM_OPTIONS;
  }

  /** @throws Error naming privateIpAddresses when the VM's address is not loopback, or customData's problem. */
  async create(vm: GuestVm): Promise<void> {
    const ip = vm.privateIpAddresses[0];
    if (!ip || !ipaddr.isValid(ip) || ipaddr.parse(ip).range() !== 'loopback') {
      throw new Error(`privateIpAddresses[0]: ${ip ?? 'missing'} is not a loopback address; a Cassandra guest listens only on 127.0.0.0/8`);
    }
    const { files, runcmd } = readCloudInit(vm.customData);
    const nodeDir = join(this.options.rootDir, vm.resourceGroup.toLowerCase(), vm.name.toLowerCase());
    const known = this.nodes.get(vm.id) ?? this.readInfo(nodeDir);
    const jmxPort = known?.jmxPort ?? await allocateJmxPort(new Set([...this.nodes.values()].map((n) => n.jmxPort)));
    prepareGuestNode({ nodeDir, cassandraHome: this.releaseHome(nodeDir, files), releasesDir: this.releasesDir, jmxPort, maxHeapSizeMb: this.maxHeapSizeMb, jvmOptions: this.jvmOptions, files });
    const info: GuestNodeInfo = { vmId: vm.id, nodeDir, ip, jmxPort, extraPaths: extraWrittenPaths(files) };
    writeFileSync(join(nodeDir, 'guest.json'), JSON.stringify(info, null, 2));
    this.nodes.set(vm.id, info);
    this.runCloudInitCommands(info, runcmd);
  }

  /**
   * Runs the VM's runcmd in the background, once per instance, as cloud-init's final stage does
   * after the VM reports Succeeded: the preparation script is already emulated by prepareGuestNode,
   * every other command runs as a script of the guest (the shims answer `cloud-init status --wait`
   * from the markers kept here).
   */
  private runCloudInitCommands(node: GuestNodeInfo, runcmd: string[]): void {
    const finished = join(node.nodeDir, CLOUD_INIT_FINISHED);
    const running = join(node.nodeDir, CLOUD_INIT_RUNNING);
    if (existsSync(finished) || this.cloudInits.has(node.vmId)) return;
    const markFinished = () => {
      mkdirSync(join(finished, '..'), { recursive: true });
      writeFileSync(finished, `${new Date().toISOString()}\n`);
    };
    const commands = runcmd.filter((command) => command !== PREPARE_NODE_SCRIPT_PATH);
    if (commands.length === 0) {
      markFinished();
      return;
    }
    const log = join(node.nodeDir, CLOUD_INIT_LOG);
    writeFileSync(running, '');
    const abort = new AbortController();
    const done = (async () => {
      for (const command of commands) {
        const result = await runGuestScript(mapGuestPaths(command, node.nodeDir, node.extraPaths), { nodeDir: node.nodeDir, abortSignal: abort.signal });
        appendFileSync(log, `${result.stdout}${result.stderr}`);
        if (abort.signal.aborted) return;
      }
      markFinished();
    })()
      // Runs in the background of the simulator: a failure is the VM's, recorded in its log, never the simulator's.
      .catch((error: Error) => appendFileSync(log, `runcmd stopped: ${error.message}\n`))
      .finally(() => {
        rmSync(running, { force: true });
        this.cloudInits.delete(node.vmId);
      });
    this.cloudInits.set(node.vmId, { abort, done });
  }

  /** Stops a VM's runcmd that is still running, as powering the VM off would. */
  private async stopCloudInit(vmId: string): Promise<void> {
    const cloudInit = this.cloudInits.get(vmId);
    if (!cloudInit) return;
    cloudInit.abort.abort();
    await cloudInit.done;
  }

  /** Boots the VM: Cassandra starts when its service is enabled. */
  async start(vm: GuestVm): Promise<void> {
    const node = this.node(vm);
    if (existsSync(join(node.nodeDir, 'etc/systemd/system/multi-user.target.wants/cassandra.service'))) {
      await this.systemctl(node, 'start');
    }
  }

  /** Graceful power off drains the node, then stops it; `skipShutdown` pulls the plug. */
  async powerOff(vm: GuestVm, options: { skipShutdown: boolean }): Promise<void> {
    const node = this.node(vm);
    await this.stopCloudInit(vm.id);
    if (options.skipShutdown) {
      await killNodeProcess(node.nodeDir);
      return;
    }
    if (readNodePid(node.nodeDir) !== undefined) {
      await runGuestScript('nodetool drain', { nodeDir: node.nodeDir, timeoutInMs: 120_000 });
      await this.systemctl(node, 'stop');
    }
  }

  async deallocate(vm: GuestVm): Promise<void> {
    await this.stopCloudInit(vm.id);
    await killNodeProcess(this.node(vm).nodeDir);
  }

  async restart(vm: GuestVm): Promise<void> {
    await this.powerOff(vm, { skipShutdown: false });
    await this.start(vm);
  }

  /** Kills the node; removes its data when the disk holding it is deleted, and the node with the OS disk. */
  async delete(vm: GuestVm): Promise<void> {
    const node = this.node(vm);
    await this.stopCloudInit(vm.id);
    await killNodeProcess(node.nodeDir);
    // Data lives on the data disks when the VM has any, else on the OS disk.
    const dataDeleted = vm.dataDisks.length > 0 ? vm.dataDisks.every((d) => d.deleteOption === 'Delete') : vm.osDiskDeleteOption === 'Delete';
    if (dataDeleted) rmSync(join(node.nodeDir, 'var/lib/cassandra'), { recursive: true, force: true });
    if (vm.osDiskDeleteOption === 'Delete') {
      for (const dir of ['etc', 'var/log', 'var/lib/cloud', 'run', 'guest.env', 'guest.json']) rmSync(join(node.nodeDir, dir), { recursive: true, force: true });
    }
    this.nodes.delete(vm.id);
  }

  /** Runs a script as on Azure: VM paths mapped to the node directory, shims first on PATH. */
  async runScript(vm: GuestVm, script: string, options: RunScriptOptions = {}): Promise<GuestScriptResult> {
    const node = this.node(vm);
    return runGuestScript(mapGuestPaths(script, node.nodeDir, node.extraPaths), { nodeDir: node.nodeDir, ...options });
  }

  /** Kills every node this driver knows, by the pid in its node directory. */
  async close(): Promise<void> {
    await Promise.all([...this.cloudInits.keys()].map((vmId) => this.stopCloudInit(vmId)));
    await Promise.all([...this.nodes.values()].map((n) => killNodeProcess(n.nodeDir)));
  }

  /** The node behind a VM, with its Cassandra pid when running; for tests and benchmarks. */
  describe(vm: Pick<GuestVm, 'id'>): GuestNodeInfo & { pid?: number } {
    const node = this.node(vm);
    return { ...node, pid: readNodePid(node.nodeDir) };
  }

  private node(vm: Pick<GuestVm, 'id'>): GuestNodeInfo {
    const node = this.nodes.get(vm.id);
    if (!node) throw new Error(`vm ${vm.id}: no Cassandra guest was created for this VM`);
    return node;
  }

  /** The release a node runs: what it already has installed, else what its cloud-init installs, else the pinned one. */
  private releaseHome(nodeDir: string, files: CloudInitFile[]): string {
    const installed = installedCassandraHome(nodeDir);
    if (installed && isCassandraLayout(installed)) return installed;
    const requested = requestedCassandraVersion(files);
    return requested && this.releasesDir ? cassandraReleaseHome(requested, this.releasesDir) : this.cassandraHome;
  }

  private readInfo(nodeDir: string): GuestNodeInfo | undefined {
    const file = join(nodeDir, 'guest.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as GuestNodeInfo : undefined;
  }

  private async systemctl(node: GuestNodeInfo, verb: string): Promise<void> {
    const result = await runGuestScript(`systemctl ${verb} cassandra`, { nodeDir: node.nodeDir, timeoutInMs: 120_000 });
    if (result.exitCode !== 0) throw new Error(`systemctl ${verb} cassandra failed on ${node.vmId}: ${result.stderr.trim()}`);
  }
}
