// The two places where the real runtime does not follow the operator's definition (index.json
// `rejected`: no golden exists), checked against an independent implementation of the definition
// written here in TypeScript:
//   - cortex_m::maximum / minimum broadcasting a [1, C, 1, 1] operand against [1, C, H, W];
//   - cortex_m::quantized_transpose_conv2d with a padding that is not a multiple of the stride
//     on CMSIS-NN's direct path (few input channels).
// The kernels run on the host (plain C, sanitizers) and on a Cortex-M4 under QEMU.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { iterPlan } from '../../../src/codegen/lowering/broadcast.js';
import type { TensorValue } from '../../../src/pte/model.js';
import { MACHINES, runOnHost, runOnQemu, started } from './support/toolchain.js';

/** CMSIS-NN's requantization from its definition, in exact integer arithmetic. */
function requantize(value: number, multiplier: number, shift: number): number {
  const left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
  const shifted = BigInt.asIntN(32, BigInt(value) << BigInt(left));
  const high = BigInt.asIntN(32, (shifted * BigInt(multiplier) + (1n << 30n)) >> 31n);
  if (right === 0) return Number(high);
  const divisor = 1n << BigInt(right), half = divisor / 2n;
  return Number(high >= 0n ? (high + half) / divisor : -((-high + half) / divisor));
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const int8 = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => ((37 * i + seed) % 256) - 128);

function tensor(sizes: number[], dimOrder: number[]): TensorValue {
  return { kind: 'Tensor', dtype: 'CHAR', sizes, dimOrder } as unknown as TensorValue;
}

function cArray(type: string, name: string, values: readonly number[]): string {
  return `static const ${type} ${name}[] = { ${values.join(', ')} };`;
}

const PRINT = String.raw`
static void print_bytes(const char *name, const int8_t *data, int32_t n) {
  static const char digits[] = "0123456789abcdef";
  char text[3] = {0, 0, 0};
  etb_test_print("OUT ");
  etb_test_print(name);
  etb_test_print(" ");
  for (int32_t i = 0; i < n; i++) {
    text[0] = digits[(uint8_t)data[i] >> 4];
    text[1] = digits[(uint8_t)data[i] & 15];
    etb_test_print(text);
  }
  etb_test_print("\n");
}
`;

// --- maximum / minimum broadcasting [1, C, 1, 1] -------------------------------------------------
const C = 4, H = 3, W = 2;
const big = int8(C * H * W, 11); // [1, C, H, W] channels-last: memory order (h, w, c)
const small = int8(C, 101); // [1, C, 1, 1]

function expectedMinMax(pick: (a: number, b: number) => number): number[] {
  const out: number[] = [];
  for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) {
    out.push(pick(big[(h * W + w) * C + c] ?? 0, small[c] ?? 0));
  }
  return out;
}

/** The iteration plan the lowering builds (operand 0 the output); minimum takes the operands the
 * other way round, so its plan swaps their stride rows. */
function minMaxSource(): string {
  const plan = iterPlan(tensor([1, C, H, W], [0, 2, 3, 1]), [tensor([1, C, H, W], [0, 2, 3, 1]), tensor([1, C, 1, 1], [0, 2, 3, 1])]);
  if (typeof plan === 'string') throw new Error(plan);
  return [
    cArray('int8_t', 'big', big), cArray('int8_t', 'small', small),
    cArray('int32_t', 'plan_sizes', plan.sizes),
    ...plan.strides.map((row, k) => cArray('int32_t', `plan_strides${k}`, row)),
    `static const etb_broadcast plan = { ${plan.sizes.length}, 0, plan_sizes, { plan_strides0, plan_strides1, plan_strides2 } };`,
    `static const etb_broadcast swapped = { ${plan.sizes.length}, 0, plan_sizes, { plan_strides0, plan_strides2, plan_strides1 } };`,
    'static void run_min_max(void) {',
    `  int8_t out[${C * H * W}];`,
    '  if (etb_cm_maximum_broadcast_s8(big, small, out, &plan) != ETB_OK) return;',
    `  print_bytes("maximum", out, ${C * H * W});`,
    '  if (etb_cm_minimum_broadcast_s8(small, big, out, &swapped) != ETB_OK) return;',
    `  print_bytes("minimum", out, ${C * H * W});`,
    '}',
  ].join('\n');
}

// --- transpose convolution, padding not a multiple of the stride -------------------------------
interface TransposeCase {
  readonly name: string;
  readonly inH: number; readonly inW: number; readonly inC: number; readonly outC: number;
  readonly k: number; readonly stride: number; readonly pad: number;
}

const TRANSPOSE_CASES: readonly TransposeCase[] = [
  { name: 'k3_s2_p1', inH: 3, inW: 3, inC: 4, outC: 3, k: 3, stride: 2, pad: 1 },
  { name: 'k4_s2_p1', inH: 3, inW: 2, inC: 2, outC: 2, k: 4, stride: 2, pad: 1 },
  { name: 'k3_s3_p2', inH: 2, inW: 3, inC: 3, outC: 2, k: 3, stride: 3, pad: 2 },
];
const INPUT_OFFSET = 7, OUTPUT_OFFSET = -3;
const MULTIPLIERS = [1394466047, 1174412329, 1498433968];
const SHIFTS = [-9, -8, -9];

function transposeTensors(t: TransposeCase) {
  const outH = (t.inH - 1) * t.stride - 2 * t.pad + t.k, outW = (t.inW - 1) * t.stride - 2 * t.pad + t.k;
  const input = int8(t.inH * t.inW * t.inC, 5);
  const weights = int8(t.outC * t.k * t.k * t.inC, 29); // [outC][k][k][inC]
  const bias = Array.from({ length: t.outC }, (_, i) => 300 * i - 250);
  return { outH, outW, input, weights, bias };
}

/** Scatter form of the definition: every input pixel and tap adds to the output it lands on. */
function expectedTranspose(t: TransposeCase): number[] {
  const { outH, outW, input, weights, bias } = transposeTensors(t);
  const acc = Array.from({ length: outH * outW * t.outC }, (_, i) => bias[i % t.outC] ?? 0);
  for (let iy = 0; iy < t.inH; iy++) for (let ix = 0; ix < t.inW; ix++) {
    for (let ky = 0; ky < t.k; ky++) for (let kx = 0; kx < t.k; kx++) {
      const oy = iy * t.stride - t.pad + ky, ox = ix * t.stride - t.pad + kx;
      if (oy < 0 || oy >= outH || ox < 0 || ox >= outW) continue;
      for (let oc = 0; oc < t.outC; oc++) for (let ic = 0; ic < t.inC; ic++) {
        const x = (input[(iy * t.inW + ix) * t.inC + ic] ?? 0) + INPUT_OFFSET;
        const w = weights[((oc * t.k + ky) * t.k + kx) * t.inC + ic] ?? 0;
        const at = (oy * outW + ox) * t.outC + oc;
        acc[at] = (acc[at] ?? 0) + x * w;
      }
    }
  }
  return acc.map((a, i) => clamp(requantize(a, MULTIPLIERS[i % t.outC] ?? 0, SHIFTS[i % t.outC] ?? 0) + OUTPUT_OFFSET, -128, 127));
}

function transposeSource(t: TransposeCase): string {
  const { outH, outW, input, weights, bias } = transposeTensors(t);
  const n = outH * outW * t.outC;
  return [
    cArray('int8_t', `${t.name}_input`, input), cArray('int8_t', `${t.name}_weights`, weights),
    cArray('int32_t', `${t.name}_bias`, bias), cArray('int32_t', `${t.name}_multipliers`, MULTIPLIERS.slice(0, t.outC)),
    cArray('int32_t', `${t.name}_shifts`, SHIFTS.slice(0, t.outC)),
    `static const etb_cm_transpose_conv_params ${t.name}_params = { .batches = 1, .input_h = ${t.inH}, .input_w = ${t.inW},`,
    `  .input_c = ${t.inC}, .output_h = ${outH}, .output_w = ${outW}, .output_c = ${t.outC}, .kernel_h = ${t.k}, .kernel_w = ${t.k},`,
    `  .stride_h = ${t.stride}, .stride_w = ${t.stride}, .pad_h = ${t.pad}, .pad_w = ${t.pad}, .dilation_h = 1, .dilation_w = 1,`,
    `  .input_offset = ${INPUT_OFFSET}, .output_offset = ${OUTPUT_OFFSET}, .act_min = -128, .act_max = 127 };`,
    `static void run_${t.name}(void) {`,
    `  int8_t out[${n}];`,
    `  if (etb_cm_transpose_conv_s8(&${t.name}_params, ${t.name}_input, ${t.name}_weights, ${t.name}_bias, ${t.name}_multipliers, ${t.name}_shifts, out) != ETB_OK) return;`,
    `  print_bytes("${t.name}", out, ${n});`,
    '}',
  ].join('\n');
}

const SOURCE = [
  '#include <stdint.h>',
  '#include "platform.h"',
  '#include "op_maximum.h"',
  '#include "op_minimum.h"',
  '#include "op_quantized_transpose_conv2d.h"',
  PRINT,
  minMaxSource(),
  ...TRANSPOSE_CASES.map(transposeSource),
  'int main(void) {',
  '  run_min_max();',
  ...TRANSPOSE_CASES.map((t) => `  run_${t.name}();`),
  '  return 0;',
  '}',
].join('\n');

function outputs(text: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const m of text.matchAll(/^OUT (\S+) ([0-9a-f]*)$/gm)) {
    const bytes = (m[2] ?? '').match(/../g) ?? [];
    found.set(m[1] ?? '', bytes.map((b) => (parseInt(b, 16) << 24) >> 24));
  }
  return found;
}

describe('what the operators mean where the real runtime is wrong', () => {
  const work = mkdtempSync(join(tmpdir(), 'etb-defects-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const uses = ['etb_cm_maximum_broadcast_s8', 'etb_cm_minimum_broadcast_s8', 'etb_cm_transpose_conv_s8'];
  const runs = {
    host: started(runOnHost(work, SOURCE, { uses })),
    m4: started(runOnQemu(work, SOURCE, MACHINES.m4, { uses })),
  };

  for (const target of ['host', 'm4'] as const) {
    it(`${target}: maximum and minimum broadcast a [1, C, 1, 1] operand over H and W`, async () => {
      const got = outputs((await runs[target]).output);
      expect(got.get('maximum')).toEqual(expectedMinMax(Math.max));
      expect(got.get('minimum')).toEqual(expectedMinMax(Math.min));
    });

    it.each(TRANSPOSE_CASES)(`${target}: transpose convolution $name`, async (t) => {
      const got = outputs((await runs[target]).output);
      expect(got.get(t.name)).toEqual(expectedTranspose(t));
    });
  }
});
