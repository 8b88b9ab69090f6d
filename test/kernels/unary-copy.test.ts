// Unary math, activations, clamps, softmax, creation and copy operators on dtypes, layouts and
// arguments the op-conformance cases do not cover (integers at their extremes, NaN and signed
// zeros, channels-last tensors, double tensors, dtype conversions in both directions...), checked
// against results computed here from each operator's definition in the portable kernels.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import type { ScalarTypeName } from '../../src/pte/model.js';
import { buildProgram, get, MethodBuilder, nd, type Nd, type ProgramRun } from './programs.js';

const CHANNELS_LAST = [0, 2, 3, 1];
const f32 = Math.fround;

/** erf by its Taylor series: accurate to ~1e-9 absolute on |z| <= 4.3, all the tests need. */
function erf(z: number): number {
  let term = z;
  let sum = z;
  for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= (-z * z) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

const geluNone = (x: number): number => (x === -Infinity ? 0 : x === Infinity ? x : 0.5 * x * (1 + erf(x / Math.SQRT2)));
const geluTanh = (x: number): number =>
  (x === -Infinity ? 0 : x === Infinity ? x : 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));

/** Softmax (or log-softmax) of `a` along `dim`, in double. */
function softmaxAlong(a: Nd, dim: number, log: boolean): number[] {
  return nd(a.dtype, a.sizes, (c) => {
    const lane = Array.from({ length: a.sizes[dim] ?? 1 }, (_, k) => get(a, c.map((x, d) => (d === dim ? k : x))));
    const max = Math.max(...lane);
    const sum = lane.reduce((s, v) => s + Math.exp(v - max), 0);
    const x = get(a, c);
    return log ? x - max - Math.log(sum) : Math.exp(x - max) / sum;
  }).values as number[];
}

/** Values spread over about [-2, 10], rounded to the dtype when it is float. */
const ramp = (dtype: 'FLOAT' | 'DOUBLE', sizes: number[], dimOrder?: number[]): Nd =>
  nd(dtype, sizes, (c) => {
    const v = c.reduce((a, x) => a * 3 + x, 0) * 0.37 - 2.1;
    return dtype === 'FLOAT' ? f32(v) : v;
  }, dimOrder);

interface FloatCheck {
  readonly output: number;
  readonly expected: readonly number[];
  readonly rtol: number;
  readonly atol: number;
}

describe('unary, softmax, creation and copy operators on the host (ASan/UBSan)', () => {
  const m = new MethodBuilder();
  const exact: { output: number; expected: readonly number[] }[] = [];
  const close: FloatCheck[] = [];
  let outputs = 0;
  let program: ProgramRun & { done(): void };

  const string = (value: string): number => {
    m.values.push({ kind: 'String', value });
    return m.values.length - 1;
  };
  /** Calls `op` on `args` (self first) into a new output; returns the output's position. */
  const unary = (op: string, input: Nd, args: number[], out: ScalarTypeName, outSizes = input.sizes, outOrder?: readonly number[]): number => {
    const x = m.input(input);
    const o = m.output(out, outSizes, outOrder);
    m.call(op, [x, ...args, o, o]);
    return outputs++;
  };
  const expectExact = (output: number, expected: readonly number[]): void => { exact.push({ output, expected }); };
  const expectFloat = (output: number, expected: readonly number[], dtype: 'FLOAT' | 'DOUBLE'): void => {
    close.push(dtype === 'FLOAT'
      ? { output, expected: expected.map(f32), rtol: 1e-5, atol: 1e-6 }
      : { output, expected, rtol: 1e-12, atol: 1e-9 });
  };

  // abs / neg / relu keep their dtype: the most negative integer maps to itself, -0.0 and NaN pass.
  const i8 = { dtype: 'CHAR' as const, sizes: [5], values: [-128, -5, 0, 7, 127] };
  expectExact(unary('aten::abs.out', i8, [], 'CHAR'), [-128, 5, 0, 7, 127]);
  const i32 = { dtype: 'INT' as const, sizes: [4], values: [-2147483648, -3, 0, 2147483647] };
  expectExact(unary('aten::neg.out', i32, [], 'INT'), [-2147483648, 3, -0, -2147483647].map((v) => v | 0));
  const signed = { dtype: 'FLOAT' as const, sizes: [5], values: [-0, -1.5, NaN, 0, 2.25] };
  expectExact(unary('aten::relu.out', signed, [], 'FLOAT'), [-0, 0, NaN, 0, 2.25]);
  expectExact(unary('aten::abs.out', signed, [], 'FLOAT'), [-0, 1.5, NaN, 0, 2.25]);
  const u8 = { dtype: 'BYTE' as const, sizes: [3], values: [0, 1, 255] };
  expectExact(unary('aten::neg.out', u8, [], 'BYTE'), [0, 255, 1]);
  expectExact(unary('aten::relu.out', u8, [], 'BYTE'), [0, 1, 255]);
  const i64 = { dtype: 'LONG' as const, sizes: [2, 2], values: [-7, 0, 5, -1] };
  expectExact(unary('aten::relu.out', i64, [], 'LONG'), [0, 0, 5, 0]);

  // hardtanh with Int bounds on int32; clamp on int8 (compute int8) with one bound.
  const i32b = { dtype: 'INT' as const, sizes: [6], values: [-100, -3, 0, 2, 9, 100] };
  expectExact(unary('aten::hardtanh.out', i32b, [m.int(-3), m.int(8)], 'INT'), [-3, -3, 0, 2, 8, 8]);
  const i8b = { dtype: 'CHAR' as const, sizes: [4], values: [-128, -1, 50, 127] };
  expectExact(unary('aten::clamp.out', i8b, [m.none(), m.int(40)], 'CHAR'), [-128, -1, 40, 40]);
  // clamp of int32 with a Double bound promotes to float: the output is float.
  expectExact(unary('aten::clamp.out', i32b, [m.double(-2.5), m.int(3)], 'FLOAT'), [-2.5, -2.5, 0, 2, 3, 3]);
  // clamp keeps NaN, and -0.0 at a 0 bound (std::max returns its first operand on ties).
  const nanf = { dtype: 'FLOAT' as const, sizes: [4], values: [NaN, -0, -4, 4] };
  expectExact(unary('aten::clamp.out', nanf, [m.double(0), m.double(1)], 'FLOAT'), [NaN, -0, 0, 1]);
  // clamp of a bool tensor with an Int bound computes in int64.
  const flags = { dtype: 'BOOL' as const, sizes: [3], values: [0, 1, 1] };
  expectExact(unary('aten::clamp.out', flags, [m.int(1), m.none()], 'LONG'), [1, 1, 1]);

  // clamp.Tensor_out: int32 self, float bounds of shapes [3] and [2, 1] broadcast to [2, 3].
  {
    const self = nd('INT', [2, 3], ([i = 0, j = 0]) => i * 6 - 4 + j * 3);
    const lo = { dtype: 'FLOAT' as const, sizes: [3], values: [-1.5, 0, 0.5] };
    const hi = { dtype: 'FLOAT' as const, sizes: [2, 1], values: [2, 4.5] };
    const x = m.input(self);
    const o = m.output('FLOAT', [2, 3]);
    m.call('aten::clamp.Tensor_out', [x, m.input(lo), m.input(hi), o, o]);
    expectExact(outputs++, nd('FLOAT', [2, 3], ([i = 0, j = 0]) =>
      Math.min(Math.max(get(self, [i, j]), get(lo, [j])), get(hi, [i, 0]))).values);
    // Only a max tensor, int64 throughout.
    const self64 = { dtype: 'LONG' as const, sizes: [4], values: [-9, 3, 8, 20] };
    const cap = { dtype: 'LONG' as const, sizes: [1], values: [7] };
    const o2 = m.output('LONG', [4]);
    m.call('aten::clamp.Tensor_out', [m.input(self64), m.none(), m.input(cap), o2, o2]);
    expectExact(outputs++, [-9, 3, 7, 7]);
  }

  // Float math on other dtypes: int64 -> float, bool -> float, double -> double.
  const longs = { dtype: 'LONG' as const, sizes: [5], values: [-3, -1, 0, 2, 9] };
  expectFloat(unary('aten::exp.out', longs, [], 'FLOAT'), longs.values.map(Math.exp), 'FLOAT');
  expectFloat(unary('aten::sigmoid.out', longs, [], 'FLOAT'), longs.values.map((v) => 1 / (1 + Math.exp(-v))), 'FLOAT');
  expectFloat(unary('aten::sqrt.out', flags, [], 'FLOAT'), flags.values.map(Math.sqrt), 'FLOAT');
  const positive = nd('FLOAT', [2, 3], ([i = 0, j = 0]) => f32(0.3 + i * 2.7 + j * 1.1));
  expectFloat(unary('aten::rsqrt.out', positive, [], 'FLOAT'), positive.values.map((v) => 1 / Math.sqrt(v)), 'FLOAT');
  expectFloat(unary('aten::log.out', positive, [], 'FLOAT'), positive.values.map(Math.log), 'FLOAT');
  const doubles = ramp('DOUBLE', [3, 4]);
  expectFloat(unary('aten::sin.out', doubles, [], 'DOUBLE'), doubles.values.map(Math.sin), 'DOUBLE');
  expectFloat(unary('aten::cos.out', doubles, [], 'DOUBLE'), doubles.values.map(Math.cos), 'DOUBLE');
  expectFloat(unary('aten::tanh.out', doubles, [], 'DOUBLE'), doubles.values.map(Math.tanh), 'DOUBLE');
  expectFloat(unary('aten::sigmoid.out', doubles, [], 'DOUBLE'), doubles.values.map((v) => 1 / (1 + Math.exp(-v))), 'DOUBLE');
  // A channels-last float tensor through exp keeps its layout.
  const cl = ramp('FLOAT', [1, 3, 2, 2], CHANNELS_LAST);
  expectFloat(unary('aten::exp.out', cl, [], 'FLOAT', cl.sizes, CHANNELS_LAST), cl.values.map(Math.exp), 'FLOAT');

  // Activations: gelu (both approximations, infinities, float and double), leaky_relu, elu.
  const wide = { dtype: 'FLOAT' as const, sizes: [10], values: [-Infinity, -5, -3.25, -1, -0.1, 0, 0.4, 2, 4.75, Infinity].map(f32) };
  expectFloat(unary('aten::gelu.out', wide, [string('none')], 'FLOAT'), wide.values.map(geluNone), 'FLOAT');
  expectFloat(unary('aten::gelu.out', wide, [string('tanh')], 'FLOAT'), wide.values.map(geluTanh), 'FLOAT');
  expectFloat(unary('aten::gelu.out', doubles, [string('none')], 'DOUBLE'), doubles.values.map(geluNone), 'DOUBLE');
  const finite = ramp('FLOAT', [2, 5]);
  expectFloat(unary('aten::leaky_relu.out', finite, [m.double(0.2)], 'FLOAT'), finite.values.map((v) => (v >= 0 ? v : v * f32(0.2))), 'FLOAT');
  expectFloat(unary('aten::elu.out', finite, [m.double(1.5), m.int(2), m.double(0.5)], 'FLOAT'),
    finite.values.map((v) => (v <= 0 ? Math.expm1(v * 0.5) * 3 : v * 2)), 'FLOAT');

  // softmax over the channels of a channels-last tensor; log_softmax of double along dim 0; softmax along dim -2.
  const clSoft = ramp('FLOAT', [2, 3, 2, 2], CHANNELS_LAST);
  expectFloat(unary('aten::_softmax.out', clSoft, [m.int(1), m.bool(false)], 'FLOAT', clSoft.sizes, CHANNELS_LAST), softmaxAlong(clSoft, 1, false), 'FLOAT');
  const d3 = ramp('DOUBLE', [3, 2, 4]);
  expectFloat(unary('aten::_log_softmax.out', d3, [m.int(0), m.bool(false)], 'DOUBLE'), softmaxAlong(d3, 0, true), 'DOUBLE');
  const f3 = ramp('FLOAT', [2, 5, 3]);
  expectFloat(unary('aten::_softmax.out', f3, [m.int(-2), m.bool(false)], 'FLOAT'), softmaxAlong(f3, 1, false), 'FLOAT');

  // Creation: Scalars convert as static_cast does (floats truncate toward zero, non-zero is true).
  expectExact(unary('aten::full_like.out', i32b, [m.double(-3.7), m.none()], 'CHAR', [6]), Array(6).fill(-3));
  expectExact(unary('aten::full_like.out', i8, [m.int(2), m.int(0)], 'BOOL'), Array(5).fill(1));
  {
    const full = m.output('DOUBLE', [2, 3]);
    m.call('aten::full.out', [m.ints([2, 3]), m.int(-4), full, full]);
    expectExact(outputs++, Array(6).fill(-4));
    const scalar = m.output('FLOAT', []);
    m.call('aten::scalar_tensor.out', [m.double(0.1), scalar, scalar]);
    expectExact(outputs++, [f32(0.1)]);
    const zeros = m.output('SHORT', [3, 2]);
    m.call('aten::zeros.out', [m.ints([3, 2]), zeros, zeros]);
    expectExact(outputs++, Array(6).fill(0));
    const ones = m.output('BYTE', [4]);
    m.call('aten::ones.out', [m.ints([4]), ones, ones]);
    expectExact(outputs++, Array(4).fill(1));
  }

  // Copies: dtype conversions in both directions, and layout changes (with and without conversion).
  const mixed = { dtype: 'FLOAT' as const, sizes: [2, 3], values: [-2.75, -0.5, 0, 0.25, 3.99, 100.5] };
  const blocking = m.bool(false);
  expectExact(unary('dim_order_ops::_to_dim_order_copy.out', mixed, [blocking, m.none()], 'BOOL'), [1, 1, 0, 1, 1, 1]);
  expectExact(unary('dim_order_ops::_to_dim_order_copy.out', mixed, [blocking, m.ints([0, 1])], 'CHAR'), [-2, 0, 0, 0, 3, 100]);
  expectExact(unary('dim_order_ops::_to_dim_order_copy.out', flags, [blocking, m.none()], 'FLOAT'), [0, 1, 1]);
  expectExact(unary('dim_order_ops::_to_dim_order_copy.out', longs, [blocking, m.ints([0])], 'DOUBLE'), longs.values);
  const clCopy = ramp('FLOAT', [2, 3, 2, 4], CHANNELS_LAST);
  expectExact(unary('dim_order_ops::_to_dim_order_copy.out', clCopy, [blocking, m.ints([0, 1, 2, 3])], 'INT', clCopy.sizes),
    clCopy.values.map((v) => Math.trunc(v) + 0));
  const bytes = nd('BYTE', [1, 4, 3, 2], (c) => c.reduce((a, x) => a * 7 + x, 0) % 256);
  expectExact(unary('dim_order_ops::_clone_dim_order.out', bytes, [blocking, m.ints(CHANNELS_LAST)], 'BYTE', bytes.sizes, CHANNELS_LAST), bytes.values);
  expectExact(unary('aten::clone.out', clCopy, [m.none()], 'FLOAT', clCopy.sizes, CHANNELS_LAST), clCopy.values);
  expectExact(unary('aten::alias_copy.out', i64, [], 'LONG'), i64.values);
  expectExact(unary('aten::_to_copy.out', i32b, [blocking, m.none()], 'FLOAT'), i32b.values);

  beforeAll(async () => {
    program = await buildProgram([m]);
  }, 120_000);
  afterAll(() => program?.done());

  test('integer, bool, data-movement and clamp outputs match the definition exactly', async () => {
    const results = await program.run(m);
    expect(results.length).toBe(outputs);
    for (const { output, expected } of exact) {
      expect({ output, values: results[output] }).toEqual({ output, values: expected });
    }
  });

  test('floating-point outputs match the definition within tolerance', async () => {
    const results = await program.run(m);
    for (const { output, expected, rtol, atol } of close) {
      const values = results[output] ?? [];
      expect(values.length).toBe(expected.length);
      const wrong = values.flatMap((v, i) => {
        const want = expected[i] ?? NaN;
        const ok = v === want || Math.abs(v - want) <= atol + rtol * Math.abs(want);
        return ok ? [] : [`[${i}] got ${v}, expected ${want}`];
      });
      expect({ output, wrong }).toEqual({ output, wrong: [] });
    }
  });
});

describe('arguments the kernels cannot honour fail the build with a named error', () => {
  async function buildError(build: (m: MethodBuilder) => void): Promise<EtbError> {
    const m = new MethodBuilder();
    build(m);
    const error = await buildProgram([m]).then((p) => { p.done(); return null; }, (e: unknown) => e);
    if (!(error instanceof EtbError)) throw new Error(`expected an EtbError, got ${String(error)}`);
    return error;
  }
  const floats = { dtype: 'FLOAT' as const, sizes: [4], values: [1, 2, 3, 4] };

  test('gelu with an unknown approximation', async () => {
    const error = await buildError((m) => {
      const x = m.input(floats);
      const approximate = m.values.push({ kind: 'String', value: 'fast' }) - 1;
      const o = m.output('FLOAT', [4]);
      m.call('aten::gelu.out', [x, approximate, o, o]);
    });
    expect(error.message).toContain("'fast'");
    expect(error.code).toBe('ETB2130');
  });

  test('clamp without either bound', async () => {
    const error = await buildError((m) => {
      const o = m.output('FLOAT', [4]);
      m.call('aten::clamp.out', [m.input(floats), m.none(), m.none(), o, o]);
    });
    expect(error.code).toBe('ETB2130');
  });

  test('a fill value that an int8 tensor cannot hold', async () => {
    const error = await buildError((m) => {
      const o = m.output('CHAR', [4]);
      m.call('aten::full_like.out', [m.input(floats), m.int(1000), m.none(), o, o]);
    });
    expect(error.code).toBe('ETB2132');
    expect(error.message).toContain('1000');
  });

  test('a float math function writing an integer tensor', async () => {
    const error = await buildError((m) => {
      const o = m.output('INT', [4]);
      m.call('aten::exp.out', [m.input(floats), o, o]);
    });
    expect(error.code).toBe('ETB2131');
  });
});
