// Builds a program for the host with sanitizers, runs one method on a case's inputs and compares
// every output with the real runtime's. Shared by the op-conformance and golden tests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHost, loadModel, runHost } from '../../src/pipeline.js';
import { compareOutput, type DtypeName, type Tolerance } from './compare.js';

export const SANITIZE = ['-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-fno-omit-frame-pointer'];

export interface HostCase {
  readonly model: string;
  readonly data?: string;
  readonly method: string;
  readonly inputsDir: string;
  readonly expectedDir: string;
  readonly outputs: readonly { readonly dtype: DtypeName }[];
  readonly tolerance: Tolerance | null;
}

/** Returns the list of mismatches (empty when every output agrees). */
export async function runHostCase(c: HostCase): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'etb-case-'));
  try {
    const model = await loadModel(c.model, c.data);
    const build = await buildHost(model, join(work, 'build'), { methods: [c.method], cflags: SANITIZE });
    const { outputs } = await runHost(build, c.method, c.inputsDir, join(work, 'out'));
    const problems: string[] = [];
    if (outputs.length !== c.outputs.length) problems.push(`${outputs.length} outputs, expected ${c.outputs.length}`);
    c.outputs.forEach((o, i) => {
      const actual = outputs[i];
      if (!actual) return;
      const mismatch = compareOutput(actual, readFileSync(join(c.expectedDir, `${i}.bin`)), o.dtype, c.tolerance);
      if (mismatch) problems.push(`output ${i}: ${mismatch}`);
    });
    return problems;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
