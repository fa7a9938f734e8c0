import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapGuestPaths } from '../../../../local/cassandra/map-guest-paths.js';

const node = '/tmp/guests/rg/vm1';

test('maps the Debian package paths in scripts and configuration to the node directory', () => {
  const cases: [string, string][] = [
    ['cat /etc/cassandra/cassandra.yaml', `cat ${node}/etc/cassandra/cassandra.yaml`],
    ['du -s /var/lib/cassandra', `du -s ${node}/var/lib/cassandra`],
    ['data_file_directories: [/var/lib/cassandra/data]', `data_file_directories: [${node}/var/lib/cassandra/data]`],
    ['tail "/var/log/cassandra/system.log"', `tail "${node}/var/log/cassandra/system.log"`],
    ['. /etc/default/cassandra', `. ${node}/etc/default/cassandra`],
    ['x=/etc/cassandra:/var/log/cassandra', `x=${node}/etc/cassandra:${node}/var/log/cassandra`],
  ];
  for (const [input, expected] of cases) assert.equal(mapGuestPaths(input, node), expected, input);
});

test('leaves look-alike paths alone and is idempotent', () => {
  for (const input of ['/etc/cassandra2/x', '/opt/etc/cassandra', '/var/lib/cassandra-old', 'etc/cassandra']) {
    assert.equal(mapGuestPaths(input, node), input);
  }
  const once = mapGuestPaths('ls /var/lib/cassandra/data', node);
  assert.equal(mapGuestPaths(once, node), once);
});

test('maps extra paths that cloud-init wrote', () => {
  assert.equal(mapGuestPaths('bash /opt/autopilot/check.sh', node, ['/opt/autopilot/check.sh']),
    `bash ${node}/opt/autopilot/check.sh`);
});
