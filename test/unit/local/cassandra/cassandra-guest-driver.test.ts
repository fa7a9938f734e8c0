import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuestVm } from '../../../../local/arm-sim/guest-driver.js';
import { CassandraGuestDriver } from '../../../../local/cassandra/cassandra-guest-driver.js';

// A stand-in install: these cases never start Cassandra, they check what the driver refuses and prepares.
const dir = mkdtempSync(join(tmpdir(), 'guest-unit-'));
const home = join(dir, 'home');
for (const sub of ['bin', 'conf', 'lib']) mkdirSync(join(home, sub), { recursive: true });
after(() => rmSync(dir, { recursive: true, force: true }));

const b64 = (text: string) => Buffer.from(text).toString('base64');
function vm(ip: string, customData?: string): GuestVm {
  return {
    id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-${ip}`, name: `vm-${ip}`,
    subscriptionId: 's', resourceGroup: 'rg', location: 'local', vmSize: 'x', privateIpAddresses: [ip], customData,
    osDiskDeleteOption: 'Delete', dataDisks: [],
  };
}
const cloudInit = b64('#cloud-config\nwrite_files:\n  - path: /etc/cassandra/cassandra.yaml\n    content: "commitlog_directory: /var/lib/cassandra/commitlog\\n"\n');

test('refuses a VM whose private IP is not loopback, naming the field', async () => {
  const driver = new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home });
  await assert.rejects(driver.create(vm('10.0.0.4', cloudInit)), /^Error: privateIpAddresses\[0\]: 10\.0\.0\.4 is not a loopback address/);
});

test('refuses a VM without cloud-init, naming customData', async () => {
  const driver = new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home });
  await assert.rejects(driver.create(vm('127.3.0.4')), /customData: missing/);
});

test('writes the cloud-init files with VM paths mapped, and keeps the JMX port across re-create', async () => {
  const driver = new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home });
  const v = vm('127.3.0.5', cloudInit);
  await driver.create(v);
  const first = driver.describe(v);
  assert.equal(readFileSync(join(first.nodeDir, 'etc/cassandra/cassandra.yaml'), 'utf8'),
    `commitlog_directory: ${first.nodeDir}/var/lib/cassandra/commitlog\n`);
  const again = new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home });
  await again.create(v);
  assert.equal(again.describe(v).jmxPort, first.jmxPort);
  const result = await again.runScript(v, 'systemctl is-active cassandra; systemctl is-active nginx; echo "$P1"', { parameters: { P1: 'v1' } });
  assert.deepEqual(result.stdout.split('\n'), ['inactive', 'inactive', 'v1', '']);
  await assert.rejects(again.runScript(v, 'true', { parameters: { 'bad-name': 'x' } }), /parameters\.bad-name: not a valid environment variable name/);
});

test('a script that outlives its timeout is killed and reports exit code 124', async () => {
  const driver = new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home });
  const v = vm('127.3.0.6', cloudInit);
  await driver.create(v);
  const result = await driver.runScript(v, 'echo started; sleep 30; echo never', { timeoutInMs: 300 });
  assert.equal(result.exitCode, 124);
  assert.equal(result.stdout, 'started\n');
});

test('the shims answer the way Run Command scripts use systemctl, sudo and cloud-init', async () => {
  const driver = new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home });
  const v = vm('127.3.0.7', cloudInit);
  await driver.create(v);
  const script = [
    'systemctl is-active --quiet cassandra; echo "quiet rc=$?"',
    'systemctl is-enabled cassandra.service; sudo -u cassandra systemctl enable cassandra; systemctl is-enabled cassandra',
    'sudo -n -E echo "via sudo"',
    'cloud-init status --wait',
    'systemctl start nginx; echo "unknown unit rc=$?"',
  ].join('\n');
  const result = await driver.runScript(v, script);
  assert.deepEqual(result.stdout.trim().split('\n'), ['quiet rc=3', 'disabled', 'enabled', 'via sudo', 'status: done', 'unknown unit rc=5']);
  assert.match(result.stderr, /Unit nginx\.service not found/);
});

test('a script that prints more than the capture limit returns the tail of its output', async () => {
  const driver = new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home });
  const v = vm('127.3.0.8', cloudInit);
  await driver.create(v);
  const result = await driver.runScript(v, 'head -c 3000000 /dev/zero | tr "\\0" a; echo; echo last-line');
  assert.equal(result.exitCode, 0);
  assert.equal(Buffer.byteLength(result.stdout), 1024 * 1024);
  assert.match(result.stdout, /a\nlast-line\n$/);
});

test('runs runcmd after create in the background, once per VM, and cloud-init status --wait holds until it is done', async () => {
  const marker = '/var/lib/cassandra-autopilot/ran';
  const withRuncmd = b64(['#cloud-config', 'runcmd:', '  - /usr/local/sbin/autopilot-prepare-node',
    `  - sleep 1 && echo ran >> ${marker}`, `  - [sh, -c, "echo second >> ${marker}"]`].join('\n'));
  const driver = new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home });
  const v = vm('127.3.0.11', withRuncmd);
  await driver.create(v);
  const node = driver.describe(v).nodeDir;
  assert.equal((await driver.runScript(v, 'cloud-init status')).stdout, 'status: running\n');
  assert.equal((await driver.runScript(v, 'cloud-init status --wait')).stdout, 'status: done\n');
  assert.equal(readFileSync(join(node, marker), 'utf8'), 'ran\nsecond\n', 'the preparation script is emulated, not run; the others run in order');
  assert.ok(existsSync(join(node, 'var/lib/cloud/instance/boot-finished')));
  // Created again (a simulator restart): cloud-init's runcmd runs once per instance.
  await new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home }).create(v);
  assert.equal((await driver.runScript(v, 'cloud-init status --wait')).stdout, 'status: done\n');
  assert.equal(readFileSync(join(node, marker), 'utf8'), 'ran\nsecond\n');
});

test('powering a VM off stops a runcmd still running, and close stops every one', async () => {
  const slow = b64('#cloud-config\nruncmd:\n  - sleep 30 && echo late > /var/lib/cassandra-autopilot/late\n');
  const driver = new CassandraGuestDriver({ rootDir: join(dir, 'nodes'), cassandraHome: home });
  const [a, b] = [vm('127.3.0.9', slow), vm('127.3.0.10', slow)];
  await driver.create(a);
  await driver.create(b);
  const started = Date.now();
  await driver.powerOff(a, { skipShutdown: true });
  assert.equal((await driver.runScript(a, 'cloud-init status')).stdout, 'status: done\n');
  await driver.close();
  assert.ok(Date.now() - started < 10_000);
  assert.equal((await driver.runScript(b, 'cloud-init status')).stdout, 'status: done\n');
  assert.equal(existsSync(join(driver.describe(b).nodeDir, 'var/lib/cloud/instance/boot-finished')), false, 'a stopped runcmd did not finish');
});
