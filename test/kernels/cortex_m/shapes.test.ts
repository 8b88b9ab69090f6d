// Shapes the op-conformance cases do not reach, for every path of the convolution, depthwise and
// linear kernels, checked against the operators' definitions written here in TypeScript: windows
// past the 128 values the DSP path keeps on the stack (scratch from the caller), windows that are
// not a multiple of four, odd pixel and channel counts, strided and grouped convolutions, depthwise
// kernels past the 32-tap table, channel counts that are not a multiple of four, a filter offset.
// Host (plain C, sanitizers) and Cortex-M4 under QEMU (DSP path).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MACHINES, runOnHost, runOnQemu, started } from './support/toolchain.js';

function requantize(value: number, multiplier: number, shift: number): number {
  const left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
  const shifted = BigInt.asIntN(32, BigInt(value) << BigInt(left));
  const high = BigInt.asIntN(32, (shifted * BigInt(multiplier) + (1n << 30n)) >> 31n);
  if (right === 0) return Number(high);
  const divisor = 1n << BigInt(right), half = divisor / 2n;
  return Number(high >= 0n ? (high + half) / divisor : -((-high + half) / divisor));
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const int8 = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => ((37 * i + 13 * seed) % 251) - 125);
const MULTIPLIERS = [1394466047, 1174412329, 1498433968, 1223181777, 2003849016, 1631175951];

interface Conv {
  readonly name: string;
  readonly n: number; readonly h: number; readonly w: number; readonly c: number;
  readonly oc: number; readonly kh: number; readonly kw: number; readonly groups: number;
  readonly stride: number; readonly pad: number; readonly dilation: number;
  readonly inputOffset: number; readonly outputOffset: number; readonly actMin: number; readonly actMax: number;
  readonly shift: number; readonly bias: boolean;
}

const CONVS: readonly Conv[] = [
  // 3x3x20 = 180 window values: past the stack, the caller's scratch
  { name: 'conv_big_window', n: 1, h: 5, w: 4, c: 20, oc: 5, kh: 3, kw: 3, groups: 1, stride: 1, pad: 1, dilation: 1, inputOffset: 128, outputOffset: -128, actMin: -128, actMax: 127, shift: -10, bias: true },
  // 1x1, 150 channels, in place, odd pixel count and odd channel count
  { name: 'conv_1x1_wide', n: 1, h: 3, w: 3, c: 150, oc: 7, kh: 1, kw: 1, groups: 1, stride: 1, pad: 0, dilation: 1, inputOffset: 3, outputOffset: 5, actMin: -128, actMax: 127, shift: -11, bias: true },
  // 1x1 with stride 2 (not in place), window 6: not a multiple of four, left shift
  { name: 'conv_1x1_s2', n: 2, h: 5, w: 5, c: 6, oc: 3, kh: 1, kw: 1, groups: 1, stride: 2, pad: 0, dilation: 1, inputOffset: -7, outputOffset: 0, actMin: -128, actMax: 127, shift: 1, bias: false },
  // 2x3 kernel, dilation 2, narrowed activation range
  { name: 'conv_dilated_clamp', n: 1, h: 7, w: 8, c: 3, oc: 4, kh: 2, kw: 3, groups: 1, stride: 1, pad: 2, dilation: 2, inputOffset: 128, outputOffset: -20, actMin: -20, actMax: 90, shift: -8, bias: true },
  // grouped: 8 input channels in 2 groups (the plain path on every core)
  { name: 'conv_grouped', n: 1, h: 4, w: 4, c: 8, oc: 6, kh: 3, kw: 3, groups: 2, stride: 1, pad: 1, dilation: 1, inputOffset: 10, outputOffset: 2, actMin: -128, actMax: 127, shift: -9, bias: true },
  // one pixel: the plain path
  { name: 'conv_one_pixel', n: 1, h: 3, w: 3, c: 4, oc: 5, kh: 3, kw: 3, groups: 1, stride: 1, pad: 0, dilation: 1, inputOffset: 128, outputOffset: -128, actMin: -128, actMax: 127, shift: -8, bias: true },
];

function convOut(t: Conv): { oh: number; ow: number } {
  const span = (k: number) => t.dilation * (k - 1) + 1;
  return { oh: Math.floor((t.h + 2 * t.pad - span(t.kh)) / t.stride) + 1, ow: Math.floor((t.w + 2 * t.pad - span(t.kw)) / t.stride) + 1 };
}

function convData(t: Conv) {
  const fc = t.c / t.groups;
  return {
    input: int8(t.n * t.h * t.w * t.c, 1),
    weights: int8(t.oc * t.kh * t.kw * fc, 2),
    bias: Array.from({ length: t.oc }, (_, i) => 97 * i - 300),
    multipliers: Array.from({ length: t.oc }, (_, i) => MULTIPLIERS[i % MULTIPLIERS.length] ?? 1 << 30),
    shifts: Array.from({ length: t.oc }, (_, i) => t.shift - (i % 2)),
  };
}

/** The definition, scatter-free and index by index: NHWC input, OHWI weights. */
function expectedConv(t: Conv): number[] {
  const { oh, ow } = convOut(t);
  const { input, weights, bias, multipliers, shifts } = convData(t);
  const fc = t.c / t.groups, perGroup = t.oc / t.groups, out: number[] = [];
  for (let b = 0; b < t.n; b++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) for (let oc = 0; oc < t.oc; oc++) {
    let acc = t.bias ? bias[oc] ?? 0 : 0;
    const g = Math.floor(oc / perGroup);
    for (let ky = 0; ky < t.kh; ky++) for (let kx = 0; kx < t.kw; kx++) {
      const iy = oy * t.stride - t.pad + ky * t.dilation, ix = ox * t.stride - t.pad + kx * t.dilation;
      if (iy < 0 || iy >= t.h || ix < 0 || ix >= t.w) continue;
      for (let ic = 0; ic < fc; ic++) {
        const x = input[((b * t.h + iy) * t.w + ix) * t.c + g * fc + ic] ?? 0;
        acc += (x + t.inputOffset) * (weights[((oc * t.kh + ky) * t.kw + kx) * fc + ic] ?? 0);
      }
    }
    out.push(clamp(requantize(acc, multipliers[oc] ?? 0, shifts[oc] ?? 0) + t.outputOffset, t.actMin, t.actMax));
  }
  return out;
}

interface Depthwise {
  readonly name: string;
  readonly h: number; readonly w: number; readonly c: number; readonly multiplier: number; readonly k: number;
  readonly stride: number; readonly pad: number; readonly inputOffset: number; readonly outputOffset: number;
}

const DEPTHWISES: readonly Depthwise[] = [
  // 7x7 = 49 taps: past the tap table, the reference path
  { name: 'dw_7x7', h: 8, w: 7, c: 4, multiplier: 1, k: 7, stride: 1, pad: 3, inputOffset: 128, outputOffset: -128 },
  // 6 channels: one group of four and two left over
  { name: 'dw_6_channels', h: 5, w: 6, c: 6, multiplier: 1, k: 3, stride: 2, pad: 1, inputOffset: -1, outputOffset: 4 },
  // a multiplier of 3 on three input channels
  { name: 'dw_multiplier_3', h: 4, w: 5, c: 3, multiplier: 3, k: 3, stride: 1, pad: 1, inputOffset: 128, outputOffset: -128 },
];

function dwData(t: Depthwise) {
  const oc = t.c * t.multiplier;
  return {
    input: int8(t.h * t.w * t.c, 3),
    weights: int8(t.k * t.k * oc, 4),
    bias: Array.from({ length: oc }, (_, i) => 51 * i - 200),
    multipliers: Array.from({ length: oc }, (_, i) => MULTIPLIERS[i % MULTIPLIERS.length] ?? 1 << 30),
    shifts: Array.from({ length: oc }, (_, i) => -8 - (i % 2)),
  };
}

function dwOut(t: Depthwise): { oh: number; ow: number } {
  return { oh: Math.floor((t.h + 2 * t.pad - t.k) / t.stride) + 1, ow: Math.floor((t.w + 2 * t.pad - t.k) / t.stride) + 1 };
}

function expectedDepthwise(t: Depthwise): number[] {
  const { oh, ow } = dwOut(t);
  const { input, weights, bias, multipliers, shifts } = dwData(t);
  const oc = t.c * t.multiplier, out: number[] = [];
  for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) for (let o = 0; o < oc; o++) {
    let acc = bias[o] ?? 0;
    const ic = Math.floor(o / t.multiplier);
    for (let ky = 0; ky < t.k; ky++) for (let kx = 0; kx < t.k; kx++) {
      const iy = oy * t.stride - t.pad + ky, ix = ox * t.stride - t.pad + kx;
      if (iy < 0 || iy >= t.h || ix < 0 || ix >= t.w) continue;
      acc += ((input[(iy * t.w + ix) * t.c + ic] ?? 0) + t.inputOffset) * (weights[(ky * t.k + kx) * oc + o] ?? 0);
    }
    out.push(clamp(requantize(acc, multipliers[o] ?? 0, shifts[o] ?? 0) + t.outputOffset, -128, 127));
  }
  return out;
}

// linear with a filter offset and an odd number of input features and outputs
const LINEAR = { batches: 3, inFeatures: 37, outFeatures: 5, inputOffset: 128, filterOffset: -3, outputOffset: 7, multiplier: 1500406475, shift: -10 };
const linearInput = int8(LINEAR.batches * LINEAR.inFeatures, 5), linearWeights = int8(LINEAR.outFeatures * LINEAR.inFeatures, 6);
const linearBias = Array.from({ length: LINEAR.outFeatures }, (_, i) => 400 * i - 900);

function expectedLinear(): number[] {
  const out: number[] = [];
  for (let b = 0; b < LINEAR.batches; b++) for (let n = 0; n < LINEAR.outFeatures; n++) {
    let acc = linearBias[n] ?? 0;
    for (let k = 0; k < LINEAR.inFeatures; k++) {
      acc += ((linearInput[b * LINEAR.inFeatures + k] ?? 0) + LINEAR.inputOffset) * ((linearWeights[n * LINEAR.inFeatures + k] ?? 0) + LINEAR.filterOffset);
    }
    out.push(clamp(requantize(acc, LINEAR.multiplier, LINEAR.shift) + LINEAR.outputOffset, -128, 127));
  }
  return out;
}

const arr = (type: string, name: string, values: readonly number[]): string => `static const ${type} ${name}[] = { ${values.join(', ')} };`;

function convSource(t: Conv): string {
  const { oh, ow } = convOut(t);
  const d = convData(t);
  const count = t.n * oh * ow * t.oc;
  const window = t.kh * t.kw * t.c;
  const scratch = 5 * ((window + 3) & ~3);
  return [
    arr('int8_t', `${t.name}_in`, d.input), arr('int8_t', `${t.name}_w`, d.weights),
    ...(t.bias ? [arr('int32_t', `${t.name}_b`, d.bias)] : []),
    arr('int32_t', `${t.name}_m`, d.multipliers), arr('int32_t', `${t.name}_s`, d.shifts),
    `static const etb_cm_conv_params ${t.name}_p = { .batches = ${t.n}, .input_h = ${t.h}, .input_w = ${t.w}, .input_c = ${t.c},`,
    `  .output_h = ${oh}, .output_w = ${ow}, .output_c = ${t.oc}, .kernel_h = ${t.kh}, .kernel_w = ${t.kw}, .filter_c = ${t.c / t.groups},`,
    `  .stride_h = ${t.stride}, .stride_w = ${t.stride}, .pad_h = ${t.pad}, .pad_w = ${t.pad}, .dilation_h = ${t.dilation},`,
    `  .dilation_w = ${t.dilation}, .input_offset = ${t.inputOffset}, .output_offset = ${t.outputOffset}, .act_min = ${t.actMin}, .act_max = ${t.actMax} };`,
    `static void run_${t.name}(void) {`,
    `  static int8_t scratch[${scratch}] __attribute__((aligned(4)));`,
    `  static int8_t out[${count}];`,
    `  if (etb_cm_conv_s8(&${t.name}_p, ${t.name}_in, ${t.name}_w, ${t.bias ? `${t.name}_b` : 'NULL'}, ${t.name}_m, ${t.name}_s, scratch, sizeof scratch, out) == ETB_OK)`,
    `    print_bytes("${t.name}", out, ${count});`,
    '}',
  ].join('\n');
}

function dwSource(t: Depthwise): string {
  const { oh, ow } = dwOut(t);
  const d = dwData(t);
  const oc = t.c * t.multiplier, count = oh * ow * oc;
  return [
    arr('int8_t', `${t.name}_in`, d.input), arr('int8_t', `${t.name}_w`, d.weights), arr('int32_t', `${t.name}_b`, d.bias),
    arr('int32_t', `${t.name}_m`, d.multipliers), arr('int32_t', `${t.name}_s`, d.shifts),
    `static const etb_cm_depthwise_conv_params ${t.name}_p = { .batches = 1, .input_h = ${t.h}, .input_w = ${t.w}, .input_c = ${t.c},`,
    `  .output_h = ${oh}, .output_w = ${ow}, .output_c = ${oc}, .depth_multiplier = ${t.multiplier}, .kernel_h = ${t.k}, .kernel_w = ${t.k},`,
    `  .stride_h = ${t.stride}, .stride_w = ${t.stride}, .pad_h = ${t.pad}, .pad_w = ${t.pad}, .dilation_h = 1, .dilation_w = 1,`,
    `  .input_offset = ${t.inputOffset}, .output_offset = ${t.outputOffset}, .act_min = -128, .act_max = 127 };`,
    `static void run_${t.name}(void) {`,
    `  static int8_t out[${count}];`,
    `  if (etb_cm_depthwise_conv_s8(&${t.name}_p, ${t.name}_in, ${t.name}_w, ${t.name}_b, ${t.name}_m, ${t.name}_s, out) == ETB_OK)`,
    `    print_bytes("${t.name}", out, ${count});`,
    '}',
  ].join('\n');
}

function linearSource(): string {
  const L = LINEAR, count = L.batches * L.outFeatures;
  return [
    arr('int8_t', 'linear_in', linearInput), arr('int8_t', 'linear_w', linearWeights), arr('int32_t', 'linear_b', linearBias),
    `static const etb_cm_linear_params linear_p = { .batches = ${L.batches}, .in_features = ${L.inFeatures}, .out_features = ${L.outFeatures},`,
    `  .input_offset = ${L.inputOffset}, .filter_offset = ${L.filterOffset}, .output_offset = ${L.outputOffset}, .multiplier = ${L.multiplier},`,
    `  .shift = ${L.shift}, .act_min = -128, .act_max = 127 };`,
    'static void run_linear(void) {',
    `  int8_t out[${count}];`,
    `  if (etb_cm_linear_s8(&linear_p, linear_in, linear_w, linear_b, out) == ETB_OK) print_bytes("linear", out, ${count});`,
    '}',
  ].join('\n');
}

const SOURCE = [
  '#include <stdint.h>',
  '#include "platform.h"',
  '#include "op_quantized_conv2d.h"',
  '#include "op_quantized_depthwise_conv2d.h"',
  '#include "op_quantized_linear.h"',
  String.raw`
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
}`,
  ...CONVS.map(convSource),
  ...DEPTHWISES.map(dwSource),
  linearSource(),
  'int main(void) {',
  ...CONVS.map((t) => `  run_${t.name}();`),
  ...DEPTHWISES.map((t) => `  run_${t.name}();`),
  '  run_linear();',
  '  return 0;',
  '}',
].join('\n');

function outputs(text: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const m of text.matchAll(/^OUT (\S+) ([0-9a-f]*)$/gm)) {
    found.set(m[1] ?? '', ((m[2] ?? '').match(/../g) ?? []).map((b) => (parseInt(b, 16) << 24) >> 24));
  }
  return found;
}

describe('kernel paths beyond the conformance shapes', () => {
  const work = mkdtempSync(join(tmpdir(), 'etb-shapes-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const uses = ['etb_cm_conv_s8', 'etb_cm_depthwise_conv_s8', 'etb_cm_linear_s8'];
  const runs = {
    host: started(runOnHost(work, SOURCE, { uses })),
    m4: started(runOnQemu(work, SOURCE, MACHINES.m4, { uses })),
  };

  for (const target of ['host', 'm4'] as const) {
    it.each(CONVS)(`${target}: convolution $name`, async (t) => {
      expect(outputs((await runs[target]).output).get(t.name)).toEqual(expectedConv(t));
    });
    it.each(DEPTHWISES)(`${target}: depthwise $name`, async (t) => {
      expect(outputs((await runs[target]).output).get(t.name)).toEqual(expectedDepthwise(t));
    });
    it(`${target}: linear with a filter offset`, async () => {
      expect(outputs((await runs[target]).output).get('linear')).toEqual(expectedLinear());
    });
  }
});
