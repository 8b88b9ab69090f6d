// Where the shared ground truth lives (../shared beside the repo). Tests read it from there and
// never copy it. Without it, a test fails on CI (where it must exist) and is skipped elsewhere.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_DIR = resolve(REPO_ROOT, '../shared');
export const sharedAvailable = existsSync(join(SHARED_DIR, 'pte-corpus', 'manifest.json'));

if (!sharedAvailable && process.env.CI) {
  throw new Error(`../shared is missing (looked in ${SHARED_DIR}): CI must have the shared corpus, golden and op-conformance data`);
}

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}
