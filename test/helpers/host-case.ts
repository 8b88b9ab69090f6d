// Builds a program for the host with sanitizers (once per program and test file), runs one method
// on a case's inputs and compares every output with the real runtime's. Shared by the
// op-conformance and golden tests.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { buildHost, loadModel, runHost, type HostBuild } from '../../src/pipeline.js';
import { compareOutput, type DtypeName, type Tolerance } from '../../src/core/compare.js';

export const SANITIZE = ['-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-fno-omit-frame-pointer'];

export interface ExpectedOutput {
  readonly dtype: DtypeName;
  /** Outputs too large to store are given by sha256 only. */
  readonly sha256?: string;
  readonly notStored?: boolean;
  /** A String output: the real runtime's text was not recorded, only that it is one. */
  readonly text?: boolean;
}

export interface HostCase {
  readonly model: string;
  readonly data?: string;
  readonly method: string;
  readonly inputsDir: string;
  readonly expectedDir: string;
  readonly outputs: readonly ExpectedOutput[];
  readonly tolerance: Tolerance | null;
}

const work = mkdtempSync(join(tmpdir(), 'etb-cases-'));
const builds = new Map<string, Promise<HostBuild>>();
let counter = 0;
afterAll(() => rmSync(work, { recursive: true, force: true }));

function hostBuild(model: string, data: string | undefined): Promise<HostBuild> {
  const key = `${model}\0${data ?? ''}`;
  let pending = builds.get(key);
  if (!pending) {
    pending = loadModel(model, data).then((m) => buildHost(m, join(work, `build-${counter++}`), { cflags: SANITIZE }));
    builds.set(key, pending);
  }
  return pending;
}

/** Returns the list of mismatches (empty when every output agrees). */
export async function runHostCase(c: HostCase): Promise<string[]> {
  const build = await hostBuild(c.model, c.data);
  const { outputs } = await runHost(build, c.method, c.inputsDir, join(work, `out-${counter++}`));
  const problems: string[] = [];
  if (outputs.length !== c.outputs.length) problems.push(`${outputs.length} outputs, expected ${c.outputs.length}`);
  c.outputs.forEach((o, i) => {
    const actual = outputs[i];
    if (!actual) return;
    if (o.text) {
      if (actual.length === 0) problems.push(`output ${i}: empty string`);
      return;
    }
    if (o.notStored) {
      const digest = createHash('sha256').update(actual).digest('hex');
      if (digest !== o.sha256) problems.push(`output ${i}: sha256 ${digest}, expected ${o.sha256}`);
      return;
    }
    const mismatch = compareOutput(actual, readFileSync(join(c.expectedDir, `${i}.bin`)), o.dtype, c.tolerance);
    if (mismatch) problems.push(`output ${i}: ${mismatch}`);
  });
  return problems;
}
