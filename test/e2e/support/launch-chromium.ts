import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, installed by `npm test`'s set-up (ensure-installed --chromium); never a downloaded build. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A headless Chromium this test started, driven over CDP, and how to stop it. */
export interface LaunchedChromium {
  browser: Browser;
  pid: number;
  /** Closes the browser, kills its process by its own pid, removes its profile. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with a fresh profile and the DevTools endpoint on loopback (port chosen
 * by Chromium), and connects playwright-core to it. Spawned here rather than by playwright's
 * launch so that the flags are exactly these and the test holds the pid it must stop.
 */
export async function launchChromium(timeoutInMs = 30_000): Promise<LaunchedChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'autopilot-chromium-'));
  const child = spawn(CHROMIUM_PATH, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    `--user-data-dir=${profile}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', 'about:blank'],
  { stdio: ['ignore', 'ignore', 'pipe'] });
  const stop = (proc: ChildProcess) => { if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL'); };
  let closed = false;
  const cleanUp = async (browser?: Browser) => {
    if (closed) return;
    closed = true;
    try { await browser?.close(); } catch { /* the process is killed next either way */ }
    stop(child);
    if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`chromium did not open its DevTools endpoint in ${timeoutInMs} ms: ${seen}`)), timeoutInMs);
      child.once('error', (error) => { clearTimeout(timer); reject(error); });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`chromium exited (${code}) before its DevTools endpoint: ${seen}`)); });
      child.stderr!.on('data', (chunk: Buffer) => {
        seen = (seen + chunk.toString()).slice(-4000);
        const match = /DevTools listening on (ws:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(seen);
        if (match) { clearTimeout(timer); resolve(match[1]!); }
      });
    });
    const browser = await chromium.connectOverCDP(endpoint);
    return { browser, pid: child.pid!, close: () => cleanUp(browser) };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
