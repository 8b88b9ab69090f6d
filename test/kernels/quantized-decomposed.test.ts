// quantized_decomposed::quantize_per_tensor / dequantize_per_tensor have no golden data (the
// reference build did not register them), so these programs are checked against the operators'
// definitions computed here: q = clamp(zero_point + round_half_to_even(x * (1.0f / (float)scale)),
// quant_min, quant_max) in float32 arithmetic, and x = (q - zero_point) * (float)scale in float32.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import { SCALAR_TYPES, type ScalarTypeName } from '../../src/pte/model.js';
import { buildProgram, MethodBuilder, type Nd, type ProgramRun } from './programs.js';

const f32 = Math.fround;

function roundHalfToEven(v: number): number {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The definition, with float32 rounding after every float operation (double input: product in double). */
function quantize(values: readonly number[], input: 'FLOAT' | 'DOUBLE', scale: number, zp: number, qmin: number, qmax: number): number[] {
  const inv = f32(1 / f32(scale));
  return values.map((x) => {
    const scaled = f32(input === 'FLOAT' ? f32(inv * x) : inv * x);
    const q = f32(zp + roundHalfToEven(scaled));
    return Math.min(Math.max(q, qmin), qmax);
  });
}

function dequantize(values: readonly number[], scale: number, zp: number): number[] {
  return values.map((q) => f32(f32(q - zp) * f32(scale)));
}

const dtypeArg = (d: ScalarTypeName): number => SCALAR_TYPES[d];

describe('quantized_decomposed quantize/dequantize on the host (ASan/UBSan)', () => {
  const m = new MethodBuilder();
  const expected: number[][] = [];
  let program: ProgramRun & { done(): void };

  const quant = (overload: 'out' | 'Tensor_out', x: Nd, scale: number, zp: number, qmin: number, qmax: number, out: ScalarTypeName): void => {
    const input = m.input(x);
    const o = m.output(out, x.sizes);
    const params = overload === 'out'
      ? [m.double(scale), m.int(zp)]
      : [m.constant({ dtype: 'DOUBLE', sizes: [1], values: [scale] }), m.constant({ dtype: 'LONG', sizes: [1], values: [zp] })];
    m.call(`quantized_decomposed::quantize_per_tensor.${overload}`, [input, ...params, m.int(qmin), m.int(qmax), m.int(dtypeArg(out)), o, o]);
    expected.push(quantize(x.values, x.dtype === 'DOUBLE' ? 'DOUBLE' : 'FLOAT', scale, zp, qmin, qmax));
  };
  const dequant = (overload: 'out' | 'Tensor_out', q: Nd, scale: number, zp: number, out: 'FLOAT' | 'DOUBLE', outDtypeArg: boolean): void => {
    const input = m.input(q);
    const o = m.output(out, q.sizes);
    const params = overload === 'out'
      ? [m.double(scale), m.int(zp)]
      : [m.constant({ dtype: 'DOUBLE', sizes: [1], values: [scale] }), m.constant({ dtype: 'LONG', sizes: [1], values: [zp] })];
    const outDtype = outDtypeArg ? m.int(dtypeArg(out)) : m.none();
    m.call(`quantized_decomposed::dequantize_per_tensor.${overload}`, [input, ...params, m.int(-1000), m.int(1000), m.int(dtypeArg(q.dtype)), outDtype, o, o]);
    expected.push(dequantize(q.values, scale, zp));
  };

  // Exact ties at scale 0.5 (x * 2 = k + 0.5) round to the even neighbour; far values clamp.
  const ties = [-2.25, -1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 1.75, 2.25, 100, -100, 0, 63.75, -64.25, 3.3];
  quant('out', { dtype: 'FLOAT', sizes: [4, 4], values: ties.map(f32) }, 0.5, -3, -128, 127, 'CHAR');
  // A scale with no exact float, a narrow range, uint8.
  const ramp = Array.from({ length: 24 }, (_, i) => f32(Math.sin(0.37 * i) * 1.3));
  quant('out', { dtype: 'FLOAT', sizes: [2, 3, 4], values: ramp }, 1 / 255, 7, 10, 200, 'BYTE');
  // float64 input (product in double), int16 output.
  quant('out', { dtype: 'DOUBLE', sizes: [6], values: [1e-4, -0.00015, 3.14159, -2.5e3, 1e9, 0.0000501] }, 0.0001, 12, -32768, 32767, 'SHORT');
  // int32 output with the full range: values beyond it clamp, no undefined conversion.
  quant('out', { dtype: 'FLOAT', sizes: [4], values: [1e20, -1e20, 123456.5, -0.5].map(f32) }, 1, 0, -2147483648, 2147483647, 'INT');
  // .Tensor_out: scale and zero point from one-element tensors.
  quant('Tensor_out', { dtype: 'FLOAT', sizes: [8], values: ramp.slice(0, 8) }, 0.02, -128, -128, 127, 'CHAR');

  const q8: Nd = { dtype: 'CHAR', sizes: [2, 5], values: Array.from({ length: 10 }, (_, i) => i * 27 - 128) };
  dequant('out', q8, 0.0235, -5, 'FLOAT', false);
  const u8: Nd = { dtype: 'BYTE', sizes: [6], values: [0, 1, 127, 128, 254, 255] };
  dequant('out', u8, 1 / 255, 128, 'DOUBLE', true);
  const q16: Nd = { dtype: 'SHORT', sizes: [5], values: [-32768, -1, 0, 1, 32767] };
  dequant('Tensor_out', q16, 3.0517578125e-5, 3, 'FLOAT', false);
  const q32: Nd = { dtype: 'INT', sizes: [3], values: [-2000000000, 5, 2000000000] };
  dequant('out', q32, 1e-6, -7, 'FLOAT', false);

  // The kernel must reject nothing at run time that the build accepted; what the reference
  // kernel rejects (a dtype argument that disagrees with out) fails the build instead.
  const mismatch = new MethodBuilder('dtype_mismatch');
  {
    const o = mismatch.output('CHAR', [2]);
    mismatch.call('quantized_decomposed::quantize_per_tensor.out', [
      mismatch.input({ dtype: 'FLOAT', sizes: [2], values: [0, 1] }), mismatch.double(0.1), mismatch.int(0),
      mismatch.int(-128), mismatch.int(127), mismatch.int(dtypeArg('BYTE')), o, o,
    ]);
  }

  beforeAll(async () => {
    program = await buildProgram([m]);
  }, 120_000);
  afterAll(() => program?.done());

  test('every output matches the definition', async () => {
    const outputs = await program.run(m);
    expect(outputs.length).toBe(expected.length);
    outputs.forEach((values, i) => expect({ output: i, values }).toEqual({ output: i, values: expected[i] }));
  });

  test('a dtype argument that disagrees with out fails the build', async () => {
    const error = await buildProgram([mismatch]).then((p) => { p.done(); return null; }, (e: unknown) => e);
    expect(error).toBeInstanceOf(EtbError);
    expect((error as EtbError).code).toBe('ETB2142');
    expect((error as EtbError).message).toMatch(/out is CHAR but dtype says BYTE/);
  });
});
