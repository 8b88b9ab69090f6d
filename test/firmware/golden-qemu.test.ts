// Every golden case that runs on the host also runs as firmware under QEMU and matches the real
// runtime the same way: on stm32f4 (netduinoplus2) every input set, and on a Cortex-M3 without FPU,
// a Cortex-M7 and a Cortex-M33 each program's default input set. Programs too large for a board
// are refused before linking with the numbers (ETB2201).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareOutput } from '../../src/core/compare.js';
import { EtbError } from '../../src/core/errors.js';
import { build, qemuExecutor, readInputFiles } from '../../src/pipeline.js';
import { hostGoldenCases, type GoldenCase } from '../host/golden-cases.js';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';

const work = mkdtempSync(join(tmpdir(), 'etb-qemu-golden-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const builds = new Map<string, Promise<string | EtbError>>();
function firmware(model: string, data: string | undefined, board: string): Promise<string | EtbError> {
  const key = `${model}|${board}`;
  let pending = builds.get(key);
  if (!pending) {
    const outDir = join(work, `${model}-${board}`);
    pending = build({ modelPath: sharedPath('pte-corpus', model), board, outDir, ...(data ? { dataPath: sharedPath('pte-corpus', data) } : {}) })
      .then((o) => o.dir, (e: unknown) => { if (e instanceof EtbError && e.code === 'ETB2201') return e; throw e; });
    builds.set(key, pending);
  }
  return pending;
}

const isDefaultSet = (folder: string, method: string): boolean =>
  folder.split('@').length === (method === 'forward' ? 1 : 2);

const matrix = [
  ...hostGoldenCases.map((c) => ({ board: 'stm32f4', c })),
  ...['mps2-an385', 'mps2-an500', 'mps2-an505'].flatMap((board) =>
    hostGoldenCases.filter((c) => isDefaultSet(c.folder, c.method)).map((c) => ({ board, c }))),
];

describe.skipIf(!sharedAvailable).concurrent('golden corpus cases as firmware under QEMU', () => {
  test.each(matrix.map(({ board, c }) => [`${board} ${c.folder}`, board, c] as const))('%s', async (_name, board, c) => {
    const dir = sharedPath('golden', c.folder);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as GoldenCase;
    const built = await firmware(c.model_file, spec.external_data_file, board);
    if (built instanceof EtbError) {
      // Refused before linking: the message gives needed versus available memory.
      expect(built.message).toMatch(/needs|exceed|fit/i);
      expect(spec.outputs.some((o) => o.not_stored) || built.message.length > 0).toBe(true);
      return;
    }
    // Methods without inputs (constant methods) have no inputs folder.
    const inputs = existsSync(join(dir, 'inputs')) ? readInputFiles(join(dir, 'inputs')) : [];
    const outputs = await qemuExecutor(built)(c.method, inputs);
    expect(outputs.length).toBe(spec.outputs.length);
    const problems = spec.outputs.flatMap((o, i) => {
      const actual = outputs[i];
      if (!actual) return [`output ${i} missing`];
      if (o.tag === 'String') return actual.length > 0 ? [] : [`output ${i}: empty string`];
      const problem = compareOutput(actual, readFileSync(join(dir, 'outputs', `${i}.bin`)), o.dtype, { rtol: 1e-5, atol: 1e-5 });
      return problem ? [`output ${i}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });
});
