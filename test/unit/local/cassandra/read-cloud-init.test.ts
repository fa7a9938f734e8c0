import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readCloudInit } from '../../../../local/cassandra/read-cloud-init.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

test('decodes plain, base64 and gzip+base64 write_files', () => {
  const doc = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/cassandra/cassandra-rackdc.properties',
    '    content: "dc=dc1\\nrack=rack1\\n"',
    '  - path: /etc/default/cassandra',
    '    encoding: b64',
    `    content: ${b64('export MAX_HEAP_SIZE=4096M\n')}`,
    '    permissions: "0644"',
    '  - path: /etc/cassandra/jvm-server.options',
    '    encoding: gz+b64',
    `    content: ${gzipSync('-Dx=1\n').toString('base64')}`,
    '    append: true',
    'runcmd: [[systemctl, disable, cassandra]]',
  ].join('\n');
  assert.deepEqual(readCloudInit(b64(doc)).files, [
    { path: '/etc/cassandra/cassandra-rackdc.properties', content: 'dc=dc1\nrack=rack1\n', permissions: undefined, append: false },
    { path: '/etc/default/cassandra', content: 'export MAX_HEAP_SIZE=4096M\n', permissions: '0644', append: false },
    { path: '/etc/cassandra/jvm-server.options', content: '-Dx=1\n', permissions: undefined, append: true },
  ]);
});

test('returns runcmd in order, an argv entry as one shell-quoted command line', () => {
  const doc = ['#cloud-config', 'runcmd:', '  - /usr/local/sbin/autopilot-prepare-node', "  - [echo, \"it's\", 'a b']", '  - systemctl start x'].join('\n');
  assert.deepEqual(readCloudInit(b64(doc)), {
    files: [], runcmd: ['/usr/local/sbin/autopilot-prepare-node', "'echo' 'it'\\''s' 'a b'", 'systemctl start x'] });
});

test('bad customData gets an error naming the field and the problem', () => {
  const cases: [string | undefined, RegExp][] = [
    [undefined, /^Error: customData: missing/],
    [b64('#!/bin/bash\necho hi'), /^Error: customData: not a base64-encoded #cloud-config/],
    [b64('#cloud-config\nwrite_files: [\n'), /^Error: customData: the cloud-config is not valid YAML/],
    [b64('#cloud-config\nwrite_files:\n  - path: etc/x\n'), /^Error: customData\.write_files\.0\.path: must be an absolute path/],
    [b64('#cloud-config\nwrite_files:\n  - path: /etc/cassandra/../../../home/x\n'), /^Error: customData\.write_files\.0\.path: must not contain '\.\.'/],
    [b64('#cloud-config\nwrite_files:\n  - path: /..\n'), /^Error: customData\.write_files\.0\.path: must not contain '\.\.'/],
    [b64('#cloud-config\nwrite_files:\n  - path: "/x\\0"\n'), /^Error: customData\.write_files\.0\.path: must not contain/],
    [b64('#cloud-config\nwrite_files:\n  - path: /x\n    encoding: rot13\n'), /^Error: customData\.write_files\.0\.encoding: /],
    [b64('#cloud-config\nwrite_files:\n  - path: /x\n    permissions: rw\n'), /^Error: customData\.write_files\.0\.permissions: must be an octal mode/],
    [b64('#cloud-config\nruncmd: [[]]\n'), /^Error: customData\.runcmd\.0: must name a command/],
  ];
  for (const [input, expected] of cases) assert.throws(() => readCloudInit(input), expected);
});
