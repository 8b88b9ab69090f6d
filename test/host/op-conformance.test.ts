// Every op-conformance case runs on the host through the generator and matches the real
// runtime's outputs within the case's own tolerance (exactly, for the int8 cortex_m:: operators).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';
import { runHostCase } from '../helpers/host-case.js';

interface CaseJson {
  readonly tolerance: { readonly kind: string; readonly rtol?: number; readonly atol?: number };
  readonly outputs: readonly { readonly dtype: string }[];
  readonly program_kernels: readonly string[];
}

const root = sharedPath('op-conformance');
const cases: string[] = sharedAvailable
  ? (JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as { cases: { folder: string }[] }).cases
      .map((c) => c.folder)
  : [];

describe.skipIf(!sharedAvailable).concurrent('op-conformance on host (ASan/UBSan)', () => {
  test.each(cases)('%s', async (folder) => {
    const dir = join(root, folder);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseJson;
    const tolerance = spec.tolerance.kind === 'float' ? { rtol: spec.tolerance.rtol ?? 0, atol: spec.tolerance.atol ?? 0 } : null;
    const problems = await runHostCase({
      model: join(dir, 'model.pte'),
      method: 'forward',
      inputsDir: join(dir, 'inputs'),
      expectedDir: join(dir, 'outputs'),
      outputs: spec.outputs,
      tolerance,
    });
    expect(problems).toEqual([]);
  });
});
