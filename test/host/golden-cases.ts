// The golden cases etbuild must reproduce: those the real runtime ran with its portable kernels
// (or with the deprecated constant buffer enabled) on a program without delegates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';

export interface GoldenIndex {
  readonly cases: readonly { folder: string; model_file: string; method: string; runner_variant: string }[];
}
export interface GoldenCase {
  readonly outputs: readonly { readonly tag: string; readonly dtype: string; readonly sha256?: string; readonly not_stored?: string }[];
  readonly external_data_file?: string;
}

const golden = sharedPath('golden');
const corpus = sharedPath('pte-corpus');
const index: GoldenIndex = sharedAvailable ? JSON.parse(readFileSync(join(golden, 'index.json'), 'utf8')) as GoldenIndex : { cases: [] };
const manifest: { file: string; execution_plans?: { delegates: unknown[] }[] }[] = sharedAvailable
  ? JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as { file: string; execution_plans?: { delegates: unknown[] }[] }[]
  : [];
const delegated = new Set(manifest.filter((m) => (m.execution_plans ?? []).some((p) => p.delegates.length > 0)).map((m) => m.file));

export const hostGoldenCases = index.cases.filter(
  (c) => (c.runner_variant === 'portable' || c.runner_variant === 'deprecated-constant-buffer-enabled') && !delegated.has(c.model_file),
);

