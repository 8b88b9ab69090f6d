// Elementwise calls that the ExecuTorch runtime refuses (its portable kernels check the dtypes
// and arguments before computing) fail etbuild's build with a named error at the instruction,
// instead of building firmware that would compute something else. Each case takes a real
// op-conformance program and changes one thing the runtime checks.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { generate } from '../../src/codegen/generate.js';
import { EtbError } from '../../src/core/errors.js';
import { loadModel } from '../../src/pipeline.js';
import type { Program, Value } from '../../src/pte/model.js';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';

/** The case's program with value `index` of method forward replaced. */
async function programWith(folder: string, index: number, change: (v: Value) => Value): Promise<Program> {
  const { program } = await loadModel(join(sharedPath('op-conformance', folder), 'model.pte'));
  const methods = program.methods.map((m) => ({ ...m, values: m.values.map((v, i) => (i === index ? change(v) : v)) }));
  return { ...program, methods };
}

function generateError(program: Program): EtbError {
  try {
    generate(analyse(program), { etbuildVersion: 'test', modelName: 'case', sha256: '0'.repeat(64) });
  } catch (error) {
    if (error instanceof EtbError) return error;
    throw error;
  }
  throw new Error('the program generated, but it should not');
}

const withDtype = (dtype: 'INT') => (v: Value): Value => (v.kind === 'Tensor' ? { ...v, dtype } : v);

describe.skipIf(!sharedAvailable)('elementwise calls the runtime refuses', () => {
  test('the unchanged programs generate', async () => {
    for (const folder of ['aten.mul.out__promote_i32_f32', 'aten.add.Scalar_out__i32_d1.5_to_f32', 'aten.div.out_mode__f32_floor']) {
      const program = await programWith(folder, -1, (v) => v);
      expect(() => generate(analyse(program), { etbuildVersion: 'test', modelName: 'case', sha256: '0'.repeat(64) })).not.toThrow();
    }
  });

  test('an int32 * float32 product into an int32 out (float does not cast to int)', async () => {
    const error = generateError(await programWith('aten.mul.out__promote_i32_f32', 2, withDtype('INT')));
    expect(error.code).toBe('ETB2130');
    expect(error.message).toMatch(/aten::mul\.out.*FLOAT.*INT/);
    expect(error.location).toMatchObject({ method: 'forward', instruction: 0 });
  });

  test('int32 + 1.5 into an int32 out (the Scalar overload needs out to be the promoted float)', async () => {
    const error = generateError(await programWith('aten.add.Scalar_out__i32_d1.5_to_f32', 3, withDtype('INT')));
    expect(error.code).toBe('ETB2130');
    expect(error.message).toMatch(/aten::add\.Scalar_out.*FLOAT.*INT/);
  });

  test('a rounding mode other than trunc or floor', async () => {
    const program = await programWith('aten.div.out_mode__f32_floor', 2, (v) => (v.kind === 'String' ? { ...v, value: 'round' } : v));
    const error = generateError(program);
    expect(error.code).toBe('ETB2131');
    expect(error.message).toContain('rounding_mode');
  });
});
