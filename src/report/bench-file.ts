// The last bench result of a build folder (bench.json, written by `etbuild bench`), as the
// report's per-operator profile; absent or unreadable means no profile.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchProfile } from './model.js';

export const BENCH_FILE = 'bench.json';

function isProfile(value: unknown): value is BenchProfile {
  const v = value as Partial<BenchProfile> | null;
  return typeof v?.method === 'string' && typeof v.timer === 'string' && Array.isArray(v.ops);
}

export function readBenchProfile(buildDir: string): BenchProfile | undefined {
  const file = join(buildDir, BENCH_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { profile?: unknown };
    if (isProfile(json)) return json;
    return isProfile(json.profile) ? json.profile : undefined;
  } catch {
    return undefined;
  }
}
