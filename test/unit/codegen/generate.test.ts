// The generator on small programs made by the test-only builder (nothing from ../shared): the C
// it writes is deterministic, readable and stable (snapshots), and what it computes on the host
// equals what the program means, computed here independently. Covers control flow (JumpFalse,
// Move, Free), several methods, constant methods and scalar inputs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { analyse } from '../../../src/analysis/analyse.js';
import { generate } from '../../../src/codegen/generate.js';
import { readModelFile } from '../../../src/pte/read.js';
import { buildHost, runHost, type LoadedModel } from '../../../src/pipeline.js';
import { buildPte, call, f32, floats, int, type PteSpec } from '../../fixtures/pte-builder.js';
import { SANITIZE } from '../../helpers/host-case.js';

const work = mkdtempSync(join(tmpdir(), 'etb-codegen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function load(name: string, spec: PteSpec): LoadedModel {
  const file = readModelFile(buildPte(spec), { fileName: `${name}.pte` });
  if (file.kind !== 'program') throw new Error('expected a program');
  return { path: `${name}.pte`, name, sha256: '0'.repeat(64), program: file.program, bundled: null };
}

const generateC = (model: LoadedModel): string =>
  generate(analyse(model.program), { etbuildVersion: 'test', modelName: model.name, sha256: model.sha256 })
    .files.find((f) => f.path === 'model/etb_model.c')?.contents ?? '';

async function run(model: LoadedModel, method: string, inputs: readonly Uint8Array[]): Promise<readonly Uint8Array[]> {
  const dir = join(work, `${model.name}-${method}-${Math.random().toString(36).slice(2)}`);
  const build = await buildHost(model, join(dir, 'build'), { cflags: SANITIZE });
  mkdirSync(join(dir, 'in'), { recursive: true });
  inputs.forEach((bytes, i) => writeFileSync(join(dir, 'in', `${i}.bin`), bytes));
  return (await runHost(build, method, join(dir, 'in'), join(dir, 'out'))).outputs;
}

const asFloats = (bytes: Uint8Array | undefined): number[] => [...new Float32Array(new Uint8Array(bytes ?? []).buffer)];

// y = x * w + b with a row vector b broadcast over rows; w is a constant.
const affine: PteSpec = {
  methods: [{
    name: 'forward',
    values: [
      f32([2, 3], { planned: { offset: 0 } }),
      f32([2, 3], { constant: floats([1, 2, 3, 4, 5, 6]) }),
      f32([3], { constant: floats([0.5, -1, 2]) }),
      f32([2, 3], { planned: { offset: 32 } }),
      int(1),
      f32([2, 3], { planned: { offset: 64 } }),
    ],
    inputs: [0],
    outputs: [5],
    instructions: [call('aten::mul.out', [0, 1, 3, 3]), call('aten::add.out', [3, 2, 4, 5, 5])],
  }],
};

// forward(x, flag): flag ? x * 2 : x + 1 (JumpFalse, an unconditional jump through a false
// constant, a Move of a tensor and a Free); scale(): a constant method returning a Double.
const branching: PteSpec = {
  methods: [
    {
      name: 'forward',
      values: [
        f32([4], { planned: { offset: 0 } }),         // 0 x
        { kind: 'Bool', value: false },               // 1 flag (input)
        f32([], { constant: floats([2]) }),          // 2 two
        f32([], { constant: floats([1]) }),          // 3 one
        int(1),                                       // 4 alpha
        f32([4], { planned: { offset: 16 } }),        // 5 result
        { kind: 'Bool', value: false },               // 6 always false: a goto
        f32([4], { planned: { offset: 32 } }),        // 7 copy of the result
      ],
      inputs: [0, 1],
      outputs: [7],
      instructions: [
        { kind: 'JumpFalseCall', cond: 1, destination: 3 },
        call('aten::mul.out', [0, 2, 5, 5]),
        { kind: 'JumpFalseCall', cond: 6, destination: 4 },
        call('aten::add.out', [0, 3, 4, 5, 5]),
        { kind: 'MoveCall', from: 5, to: 7 },
        { kind: 'FreeCall', value: 5 },
      ],
    },
    { name: 'scale', values: [{ kind: 'Double', value: 0.125 }], inputs: [], outputs: [0] },
  ],
};

describe('generated C', () => {
  test('is deterministic and matches its snapshot', async () => {
    const first = generateC(load('affine', affine));
    expect(generateC(load('affine', affine))).toBe(first);
    await expect(first).toMatchFileSnapshot('snapshots/affine.etb_model.c');
    await expect(generateC(load('branching', branching))).toMatchFileSnapshot('snapshots/branching.etb_model.c');
  });

  test('computes a broadcast multiply-add as defined', async () => {
    const x = [0.25, -2, 3, 1e-3, 7, -0.5];
    const [y] = await run(load('affine', affine), 'forward', [floats(x)]);
    const w = [1, 2, 3, 4, 5, 6];
    const b = [0.5, -1, 2];
    const expected = x.map((v, i) => Math.fround(Math.fround(v * (w[i] ?? 0)) + (b[i % 3] ?? 0)));
    expect(asFloats(y)).toEqual(expected);
  });

  test('follows JumpFalse, Move and Free for both branches', async () => {
    const model = load('branching', branching);
    const x = [1.5, -2, 0, 10];
    const [taken] = await run(model, 'forward', [floats(x), Uint8Array.of(1)]);
    expect(asFloats(taken)).toEqual(x.map((v) => v * 2));
    const [skipped] = await run(model, 'forward', [floats(x), Uint8Array.of(0)]);
    expect(asFloats(skipped)).toEqual(x.map((v) => v + 1));
  });

  test('runs a constant method that returns a Double', async () => {
    const [value] = await run(load('branching', branching), 'scale', []);
    expect(new DataView(new Uint8Array(value ?? []).buffer).getFloat64(0, true)).toBe(0.125);
  });

  test('the build folder holds everything to rebuild the runner', () => {
    const project = generate(analyse(load('affine', affine).program), { etbuildVersion: 'test', modelName: 'affine', sha256: '0' });
    const paths = project.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['model/etb_model.c', 'model/etb_config.h', 'runtime/kernels/op_add.c', 'runtime/kernels/op_mul.c']));
    // Only the kernels the program uses come along.
    expect(paths.filter((p) => p.startsWith('runtime/kernels/') && p.endsWith('.c')).sort()).toEqual(['runtime/kernels/op_add.c', 'runtime/kernels/op_mul.c']);
    void readFileSync;
  });
});
