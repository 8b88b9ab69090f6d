// Every golden case of the corpus that the real runtime ran with its portable kernels (or with
// the deprecated constant buffer enabled), on a program without delegates, runs on the host and
// matches: exactly for integer and bool outputs, |a-b| <= 1e-5 + 1e-5*|b| for floats.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';
import { runHostCase } from '../helpers/host-case.js';
import { hostGoldenCases, type GoldenCase } from './golden-cases.js';

const golden = sharedPath('golden');
const corpus = sharedPath('pte-corpus');

describe.skipIf(!sharedAvailable).concurrent('golden corpus cases on host (ASan/UBSan)', () => {
  test('the selection is not empty', () => {
    expect(hostGoldenCases.length).toBeGreaterThan(50);
  });
  test.each(hostGoldenCases.map((c) => [c.folder, c] as const))('%s', async (folder, c) => {
    const dir = join(golden, folder);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as GoldenCase;
    const problems = await runHostCase({
      model: join(corpus, c.model_file),
      ...(spec.external_data_file ? { data: join(corpus, spec.external_data_file) } : {}),
      method: c.method,
      inputsDir: join(dir, 'inputs'),
      expectedDir: join(dir, 'outputs'),
      outputs: spec.outputs.map((o) => ({
        dtype: o.dtype,
        ...(o.sha256 ? { sha256: o.sha256 } : {}),
        notStored: o.not_stored !== undefined,
        text: o.tag === 'String',
      })),
      tolerance: { rtol: 1e-5, atol: 1e-5 },
    });
    expect(problems).toEqual([]);
  });
});
