// Debian's chromium, headless, with the flags that work as root and without a network
// (../shared/TOOLCHAIN-NOTES.md): renders a local page to a screenshot or to its parsed DOM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { findTool } from '../../../src/toolchain/exec.js';

export const chromiumAvailable = findTool('chromium') !== null;

if (!chromiumAvailable && process.env.CI) {
  throw new Error('chromium is missing: CI must install it (apt-get install --no-install-recommends chromium)');
}

async function chromium(args: readonly string[]): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'etb-chromium-'));
  try {
    const { stdout } = await execa('chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${profile}`, ...args,
    ], { timeout: 60_000 });
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function screenshot(page: string, png: string, width = 1200, height = 1600): Promise<void> {
  await chromium([`--screenshot=${png}`, `--window-size=${width},${height}`, pathToFileURL(page).href]);
}

/** The DOM after Chromium parsed and laid out the page, serialised. */
export function dumpDom(page: string): Promise<string> {
  return chromium(['--dump-dom', pathToFileURL(page).href]);
}
