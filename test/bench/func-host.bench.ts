// Fan-out/fan-in of 100 and of 1,000 no-op activities on the local Functions host, with state
// in Azurite. Prints the time per activity for each and their ratio: replay must stay linear, so
// the cost per activity at 1,000 should be within 2x of the cost at 100.
import { startHostStack, waitForStatus } from '../integration/func-host/func-host-harness.js';

const stack = await startHostStack('durable-app', { hubName: 'BenchHub' });
try {
  const client = stack.client();
  const run = async (n: number): Promise<number> => {
    const started = performance.now();
    const id = await client.startNew('noopFanOut', { input: n });
    const status = await waitForStatus(client, id, ['Completed', 'Failed'], 300_000);
    if (status.output !== n) throw new Error(`fan-out of ${n} returned ${JSON.stringify(status.output)}`);
    return performance.now() - started;
  };
  await run(20); // warm-up: JIT, table and queue creation
  const t100 = await run(100);
  const t1000 = await run(1000);
  const per100 = t100 / 100;
  const per1000 = t1000 / 1000;
  const ratio = per1000 / per100;
  console.log(`fan-out 100:   ${t100.toFixed(0)} ms total, ${per100.toFixed(2)} ms per activity`);
  console.log(`fan-out 1000:  ${t1000.toFixed(0)} ms total, ${per1000.toFixed(2)} ms per activity`);
  console.log(`ratio (per activity, 1000 vs 100): ${ratio.toFixed(2)} (target <= 2)`);
  process.exitCode = ratio <= 2 ? 0 : 1;
} finally {
  await stack.stop();
}
