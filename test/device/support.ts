// Shared helpers for the device tests: external tools (socat, stm32flash) must exist when CI is
// set; on a developer machine without them the tests that need them are skipped.
import { spawnSync } from 'node:child_process';

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

/** True when every tool is installed; throws when one is missing and CI is set. */
export function toolsAvailable(...tools: string[]): boolean {
  const missing = tools.filter((tool) => !onPath(tool));
  if (missing.length > 0 && process.env['CI']) {
    throw new Error(`CI is set but ${missing.join(', ')} is not installed (apt-get install ${missing.join(' ')})`);
  }
  return missing.length === 0;
}

/** Deterministic pseudo-random bytes (xorshift32), so a failing case can be reproduced. */
export function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed >>> 0 || 1;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}
