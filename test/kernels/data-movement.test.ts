// Shape, copy and indexing operators on shapes, dtypes, layouts and arguments the op-conformance
// cases do not cover (channels-last tensors, empty inputs, several outputs, broadcast index
// tensors, negative indices...), checked against results computed here from each operator's
// definition. Out-of-range index values must stop the method with ETB_INDEX_OUT_OF_RANGE, under
// ASan/UBSan, without touching memory they should not.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import { buildProgram, coordsOf, get, MethodBuilder, nd, numel, type Nd, type ProgramRun } from './programs.js';

const CHANNELS_LAST = [0, 2, 3, 1];

const floats = (sizes: number[], dimOrder?: number[]): Nd => nd('FLOAT', sizes, (c) => c.reduce((a, x, i) => a * 7 + x + i * 0.25, 0.5), dimOrder);
const ints = (dtype: 'LONG' | 'INT' | 'SHORT' | 'CHAR', sizes: number[]): Nd => nd(dtype, sizes, (c) => c.reduce((a, x) => a * 5 + x, 0) * 3 - 40);
const index = (dtype: 'LONG' | 'INT', sizes: number[], values: number[]): Nd => ({ dtype, sizes, values });

// --- the operators' definitions, by coordinates --------------------------------------------------

function make(dtype: Nd['dtype'], sizes: number[], at: (c: number[]) => number): number[] {
  return nd(dtype, sizes, at).values as number[];
}

const permute = (a: Nd, dims: number[]): number[] =>
  make(a.dtype, dims.map((d) => a.sizes[d] ?? 1), (c) => {
    const src = new Array<number>(c.length).fill(0);
    dims.forEach((d, i) => { src[d] = c[i] ?? 0; });
    return get(a, src);
  });

/** Python's slice: the indices range(start, end, step) picks out of [0, length). */
function sliceIndices(length: number, start: number | null, end: number | null, step: number): number[] {
  const norm = (v: number): number => Math.min(Math.max(v < 0 ? v + length : v, 0), length);
  const picked: number[] = [];
  for (let i = norm(start ?? 0); i < norm(end ?? length); i += step) picked.push(i);
  return picked;
}

function alongDim(a: Nd, dim: number, picks: number[]): number[] {
  return make(a.dtype, a.sizes.map((s, i) => (i === dim ? picks.length : s)), (c) =>
    get(a, c.map((x, i) => (i === dim ? (picks[x] ?? -1) : x))));
}

describe('shape and indexing operators on the host (ASan/UBSan)', () => {
  const m = new MethodBuilder();
  const expected: number[][] = [];
  let program: ProgramRun & { done(): void };

  // permute_copy of a channels-last input into a contiguous output (NCHW -> NHWC as data).
  const cl = floats([2, 3, 2, 4], CHANNELS_LAST);
  {
    const x = m.input(cl);
    const out = m.output('FLOAT', [2, 2, 4, 3]);
    m.call('aten::permute_copy.out', [x, m.ints([0, -2, 3, 1]), out, out]);
    expected.push(permute(cl, [0, 2, 3, 1]));
  }
  // transpose_copy of int16 with negative dims.
  const t16 = ints('SHORT', [2, 3, 4]);
  {
    const x = m.input(t16);
    const out = m.output('SHORT', [4, 3, 2]);
    m.call('aten::transpose_copy.int_out', [x, m.int(-1), m.int(0), out, out]);
    expected.push(permute(t16, [2, 1, 0]));
  }
  // slice_copy of int8 with a negative start, an over-range end and step 3.
  const s8 = ints('CHAR', [3, 11]);
  {
    const x = m.input(s8);
    const picks = sliceIndices(11, -10, 100, 3);
    const out = m.output('CHAR', [3, picks.length]);
    m.call('aten::slice_copy.Tensor_out', [x, m.int(1), m.int(-10), m.int(100), m.int(3), out, out]);
    expected.push(alongDim(s8, 1, picks));
  }
  // slice_copy that selects nothing (start past end).
  {
    const x = m.input(s8);
    const out = m.output('CHAR', [0, 11]);
    m.call('aten::slice_copy.Tensor_out', [x, m.int(0), m.int(2), m.int(-2), m.int(1), out, out]);
    expected.push([]);
  }
  // select_copy from a channels-last tensor along the channels.
  {
    const x = m.input(cl);
    const out = m.output('FLOAT', [2, 2, 4]);
    m.call('aten::select_copy.int_out', [x, m.int(1), m.int(-2), out, out]);
    expected.push(make('FLOAT', [2, 2, 4], (c) => get(cl, [c[0] ?? 0, 1, c[1] ?? 0, c[2] ?? 0])));
  }
  // expand_copy of bool with a -1 and a new leading dimension.
  const flags = nd('BOOL', [3, 1], (c) => ((c[0] ?? 0) % 2));
  {
    const x = m.input(flags);
    const out = m.output('BOOL', [2, 3, 4]);
    m.call('aten::expand_copy.out', [x, m.ints([2, -1, 4]), m.bool(false), out, out]);
    expected.push(make('BOOL', [2, 3, 4], (c) => get(flags, [c[1] ?? 0, 0])));
  }
  // repeat with an added leading dimension.
  const small = floats([2, 3]);
  {
    const x = m.input(small);
    const out = m.output('FLOAT', [2, 2, 6]);
    m.call('aten::repeat.out', [x, m.ints([2, 1, 2]), out, out]);
    expected.push(make('FLOAT', [2, 2, 6], (c) => get(small, [(c[1] ?? 0) % 2, (c[2] ?? 0) % 3])));
  }
  // cat of int64 along dim 0, with an empty 1-D tensor that takes no part.
  const c0 = ints('LONG', [2, 3]);
  const c1 = ints('LONG', [1, 3]);
  {
    const empty = m.input({ dtype: 'LONG', sizes: [0], values: [] });
    const a = m.input(c0);
    const b = m.input(c1);
    const out = m.output('LONG', [3, 3]);
    m.call('aten::cat.out', [m.tensors([a, empty, b]), m.int(0), out, out]);
    expected.push([...c0.values, ...c1.values]);
  }
  // cat of channels-last tensors along the channels.
  const cl2 = floats([2, 1, 2, 4], CHANNELS_LAST);
  {
    const a = m.input(cl);
    const b = m.input(cl2);
    const out = m.output('FLOAT', [2, 4, 2, 4], CHANNELS_LAST);
    m.call('aten::cat.out', [m.tensors([a, b]), m.int(-3), out, out]);
    expected.push(make('FLOAT', [2, 4, 2, 4], (c) => ((c[1] ?? 0) < 3 ? get(cl, c) : get(cl2, [c[0] ?? 0, 0, c[2] ?? 0, c[3] ?? 0]))));
  }
  // constant_pad_nd of int32 with an Int value and padding on two dimensions.
  const p32 = ints('INT', [2, 3]);
  {
    const x = m.input(p32);
    const out = m.output('INT', [4, 4]);
    m.call('aten::constant_pad_nd.out', [x, m.ints([0, 1, 2, 0]), m.int(7), out, out]);
    expected.push(make('INT', [4, 4], ([i = 0, j = 0]) => (i >= 2 && j < 3 ? get(p32, [i - 2, j]) : 7)));
  }
  // split_copy into chunks of 2 (the last one shorter) along dim 0.
  const sp = floats([5, 2]);
  {
    const x = m.input(sp);
    const outs = [m.output('FLOAT', [2, 2]), m.output('FLOAT', [2, 2]), m.output('FLOAT', [1, 2])];
    const list = m.tensors(outs);
    m.call('aten::split_copy.Tensor_out', [x, m.int(2), m.int(0), list, list]);
    expected.push(sp.values.slice(0, 4) as number[], sp.values.slice(4, 8) as number[], sp.values.slice(8) as number[]);
  }
  // split_with_sizes_copy along the last dimension.
  const sw = ints('INT', [3, 4]);
  {
    const x = m.input(sw);
    const outs = [m.output('INT', [3, 1]), m.output('INT', [3, 3])];
    const list = m.tensors(outs);
    m.call('aten::split_with_sizes_copy.out', [x, m.ints([1, 3]), m.int(-1), list, list]);
    expected.push(alongDim(sw, 1, [0]), alongDim(sw, 1, [1, 2, 3]));
  }
  // unbind_copy along dim 1.
  const ub = floats([3, 2]);
  {
    const x = m.input(ub);
    const outs = [m.output('FLOAT', [3]), m.output('FLOAT', [3])];
    const list = m.tensors(outs);
    m.call('aten::unbind_copy.int_out', [x, m.int(1), list, list]);
    expected.push([0, 1, 2].map((i) => get(ub, [i, 0])), [0, 1, 2].map((i) => get(ub, [i, 1])));
  }
  // view_copy, squeeze and unsqueeze of float64.
  const f64 = nd('DOUBLE', [2, 1, 6], (c) => (c[2] ?? 0) * 1e-3 + (c[0] ?? 0));
  {
    const x = m.input(f64);
    const view = m.output('DOUBLE', [3, 4]);
    m.call('aten::view_copy.out', [x, m.ints([3, -1]), view, view]);
    const squeezed = m.output('DOUBLE', [2, 6]);
    m.call('aten::squeeze_copy.dims_out', [x, m.ints([1, -3]), squeezed, squeezed]);
    const unsqueezed = m.output('DOUBLE', [2, 1, 6, 1]);
    m.call('aten::unsqueeze_copy.out', [x, m.int(3), unsqueezed, unsqueezed]);
    expected.push(f64.values as number[], f64.values as number[], f64.values as number[]);
  }
  // gather along dim 0 of a [3, 4] tensor with a smaller [2, 3] index.
  const g = floats([3, 4]);
  const gi = index('LONG', [2, 3], [2, 0, 1, 1, 2, 0]);
  {
    const x = m.input(g);
    const idx = m.input(gi);
    const out = m.output('FLOAT', [2, 3]);
    m.call('aten::gather.out', [x, m.int(0), idx, m.bool(false), out, out]);
    expected.push(make('FLOAT', [2, 3], ([i = 0, j = 0]) => get(g, [get(gi, [i, j]), j])));
  }
  // scatter.value_out and scatter.src_out along dim 1.
  const sc = ints('INT', [2, 4]);
  const si = index('LONG', [2, 2], [3, 0, 1, 1]);
  const src = ints('INT', [2, 3]);
  {
    const x = m.input(sc);
    const idx = m.input(si);
    const s = m.input(src);
    const byValue = m.output('INT', [2, 4]);
    m.call('aten::scatter.value_out', [x, m.int(1), idx, m.int(-9), byValue, byValue]);
    const bySrc = m.output('INT', [2, 4]);
    m.call('aten::scatter.src_out', [x, m.int(1), idx, s, bySrc, bySrc]);
    const scatter = (value: (i: number, j: number) => number): number[] => {
      const out = [...sc.values];
      for (let k = 0; k < numel(si.sizes); k++) {
        const [i = 0, j = 0] = coordsOf(k, si.sizes);
        out[i * 4 + get(si, [i, j])] = value(i, j);
      }
      return out;
    };
    expected.push(scatter(() => -9), scatter((i, j) => get(src, [i, j])));
  }
  // index_select with an int32 index along dim 1 of a channels-last tensor.
  const isIdx = index('INT', [3], [1, 0, 1]);
  {
    const x = m.input(cl);
    const idx = m.input(isIdx);
    const out = m.output('FLOAT', [2, 3, 2, 4]);
    m.call('aten::index_select.out', [x, m.int(1), idx, out, out]);
    expected.push(alongDim(cl, 1, isIdx.values as number[]));
  }
  // index.Tensor: one int32 index with negative values on dim 1.
  const adv = floats([2, 4, 3]);
  const one = index('INT', [2, 2], [-1, 0, 2, -4]);
  {
    const x = m.input(adv);
    const idx = m.input(one);
    const none = m.none();
    const out = m.output('FLOAT', [2, 2, 2, 3]);
    m.call('aten::index.Tensor_out', [x, m.optionalTensors([none, idx]), out, out]);
    expected.push(make('FLOAT', [2, 2, 2, 3], ([a = 0, i = 0, j = 0, b = 0]) => get(adv, [a, (get(one, [i, j]) + 4) % 4, b])));
  }
  // index.Tensor: two non-adjacent int64 indices (dims 0 and 2): their shape leads the output.
  const adv3 = floats([3, 4, 5]);
  const i0 = index('LONG', [2], [2, 0]);
  const i2 = index('LONG', [2], [4, -5]);
  {
    const x = m.input(adv3);
    const a = m.input(i0);
    const b = m.input(i2);
    const out = m.output('FLOAT', [2, 4]);
    m.call('aten::index.Tensor_out', [x, m.optionalTensors([a, -1, b]), out, out]);
    expected.push(make('FLOAT', [2, 4], ([k = 0, j = 0]) => get(adv3, [get(i0, [k]), j, (get(i2, [k]) + 5) % 5])));
  }
  // index.Tensor: two adjacent indices that broadcast ([2, 1] with [3]) on dims 1 and 2.
  const adv4 = ints('LONG', [2, 3, 4]);
  const j1 = index('LONG', [2, 1], [2, 0]);
  const j2 = index('LONG', [3], [3, 1, 0]);
  {
    const x = m.input(adv4);
    const a = m.input(j1);
    const b = m.input(j2);
    const out = m.output('LONG', [2, 2, 3]);
    m.call('aten::index.Tensor_out', [x, m.optionalTensors([m.none(), a, b]), out, out]);
    expected.push(make('LONG', [2, 2, 3], ([n = 0, p = 0, q = 0]) => get(adv4, [n, get(j1, [p, 0]), get(j2, [q])])));
  }

  // Methods whose index values are out of range: each must fail with the kernel's status.
  const bad = (name: string, build: (b: MethodBuilder) => void): MethodBuilder => {
    const b = new MethodBuilder(name);
    build(b);
    return b;
  };
  const failing = [
    bad('gather_past_end', (b) => {
      const out = b.output('FLOAT', [2, 3]);
      b.call('aten::gather.out', [b.input(g), b.int(0), b.input(index('LONG', [2, 3], [0, 1, 3, 0, 0, 0])), b.bool(false), out, out]);
    }),
    bad('gather_negative', (b) => {
      const out = b.output('FLOAT', [2, 3]);
      b.call('aten::gather.out', [b.input(g), b.int(0), b.input(index('LONG', [2, 3], [0, 1, 2, 0, -1, 0])), b.bool(false), out, out]);
    }),
    bad('index_select_past_end', (b) => {
      const out = b.output('FLOAT', [2, 3, 2, 4]);
      b.call('aten::index_select.out', [b.input(cl), b.int(1), b.input(index('INT', [3], [0, 3, 1])), out, out]);
    }),
    bad('index_tensor_before_start', (b) => {
      const out = b.output('FLOAT', [2, 2, 2, 3]);
      b.call('aten::index.Tensor_out', [b.input(adv), b.optionalTensors([b.none(), b.input(index('INT', [2, 2], [0, -5, 1, 1]))]), out, out]);
    }),
    bad('scatter_past_end', (b) => {
      const out = b.output('INT', [2, 4]);
      b.call('aten::scatter.value_out', [b.input(sc), b.int(1), b.input(index('LONG', [2, 2], [0, 4, 1, 1])), b.int(1), out, out]);
    }),
  ];

  beforeAll(async () => {
    program = await buildProgram([m, ...failing]);
  }, 120_000);
  afterAll(() => program?.done());

  test('every output matches the definition', async () => {
    const outputs = await program.run(m);
    expect(outputs.length).toBe(expected.length);
    outputs.forEach((values, i) => expect({ output: i, values }).toEqual({ output: i, values: expected[i] }));
  });

  test.each(failing.map((f) => f.name))('%s stops with ETB_INDEX_OUT_OF_RANGE', async (name) => {
    const method = failing.find((f) => f.name === name);
    if (!method) throw new Error(name);
    const error = await program.run(method).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(EtbError);
    expect((error as EtbError).code).toBe('ETB2120');
    expect((error as EtbError).message).toMatch(/index out of range/);
  });
});
