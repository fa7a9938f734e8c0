import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLocalStack } from './start-local-stack.js';

// `npm start`: the embedded local stack in the foreground; Ctrl-C stops every part by its pid.
const stateDir = resolve(process.env.AUTOPILOT_STATE_DIR ?? '.local/stack');
mkdirSync(stateDir, { recursive: true });
const port = Number(process.env.AUTOPILOT_PORT ?? 7071);
const profile = process.env.AUTOPILOT_ARM_PROFILE === 'realistic' ? 'realistic' : 'instant';
console.log(`starting the local stack in ${stateDir} ...`);
const stack = await startLocalStack({ stateDir, port, profile, onHostLine: (line) => { if (/ (WARN|ERROR) /.test(line)) console.log(line); } });
console.log([
  '',
  `Functions host (this app)  ${stack.apiUrl}/api   (OpenAPI: ${stack.apiUrl}/api/openapi.json)`,
  `ARM simulator              ${stack.sim.endpoint}   (profile ${profile})`,
  `Azurite                    ${stack.azurite.tableEndpoint}  (tables), queues and blobs alongside`,
  `Cassandra nodes            started by deployments on their planned 127.x addresses, port 9042`,
  `State                      ${stateDir}`,
  '',
  `Keys (mode 0600): ${stateDir}/function-key is the admin key (role Admin); reader-key and operator-key`,
  'beside it hold the Reader and Operator roles. Try:',
  `  export AUTOPILOT_URL=${stack.apiUrl} AUTOPILOT_KEY=$(cat ${stateDir}/function-key)`,
  '  npx autopilot deploy examples/local-single-dc.json --watch',
  '',
  'Ctrl-C stops everything.',
].join('\n'));
const { writeFileSync } = await import('node:fs');
for (const [file, key] of [['function-key', stack.keys.admin], ['operator-key', stack.keys.operator], ['reader-key', stack.keys.reader]]) {
  writeFileSync(`${stateDir}/${file}`, key!, { mode: 0o600 });
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping the local stack ...');
  await stack.stop();
  console.log('stopped.');
  process.exit(0);
};
process.on('SIGINT', () => { void stop(); });
process.on('SIGTERM', () => { void stop(); });
