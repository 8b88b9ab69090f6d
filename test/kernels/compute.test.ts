// Matrix products, convolution, pooling, resampling, reductions and batch norm on shapes,
// dtypes, layouts and arguments the op-conformance cases do not cover (grouped and dilated
// convolutions, transposed ones, 1-D ones, channels-last tensors, ceil mode, integer dtypes that
// wrap, NaN and ties in argmax and amax...), checked against straightforward implementations of
// each operator's definition written here: in double for floats (within 1e-5), exactly for
// integers, indices and copies.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import type { ScalarTypeName } from '../../src/pte/model.js';
import { buildProgram, coordsOf, flatOf, MethodBuilder, numel, type ProgramRun } from './programs.js';

const CHANNELS_LAST = [0, 2, 3, 1];
const floats = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => Math.fround(Math.sin(0.37 * i + seed)));
const ints = (n: number, seed: number, modulo: number, offset: number): number[] => Array.from({ length: n }, (_, i) => ((7 * i + 3 * seed) % modulo) + offset);
/** Two's complement wrap-around to `bits` bits. */
const wrap = (v: number, bits: number): number => Number(BigInt.asIntN(bits, BigInt(v)));

// ---- references, from the operators' definitions ----

function matmul(a: readonly number[], b: readonly number[], m: number, n: number, p: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += (a[i * n + k] ?? 0) * (b[k * p + j] ?? 0);
    out.push(s);
  }
  return out;
}

interface ConvArgs {
  readonly x: readonly number[]; readonly xs: readonly [number, number, number, number];
  readonly w: readonly number[]; readonly ws: readonly [number, number, number, number];
  readonly bias: readonly number[] | null;
  readonly stride: readonly [number, number]; readonly pad: readonly [number, number]; readonly dil: readonly [number, number];
  readonly groups: number; readonly out: readonly [number, number];
}

/** out[n][o][y][x] = bias[o] + sum over the group's channels and taps inside the input. */
function conv2d(a: ConvArgs): number[] {
  const [N, C, H, W] = a.xs;
  const [O, I, KH, KW] = a.ws;
  const [OH, OW] = a.out;
  const out: number[] = [];
  for (let n = 0; n < N; n++) for (let o = 0; o < O; o++) for (let y = 0; y < OH; y++) for (let x = 0; x < OW; x++) {
    const g = Math.floor(o / (O / a.groups));
    let s = a.bias ? (a.bias[o] ?? 0) : 0;
    for (let i = 0; i < I; i++) for (let ky = 0; ky < KH; ky++) for (let kx = 0; kx < KW; kx++) {
      const iy = y * a.stride[0] - a.pad[0] + ky * a.dil[0];
      const ix = x * a.stride[1] - a.pad[1] + kx * a.dil[1];
      if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
      s += (a.x[flatOf([n, g * I + i, iy, ix], [N, C, H, W])] ?? 0) * (a.w[flatOf([o, i, ky, kx], [O, I, KH, KW])] ?? 0);
    }
    out.push(s);
  }
  return out;
}

/** Transposed: every input element adds x * w to the outputs its taps reach. w is [C, O/groups, KH, KW]. */
function convTranspose2d(a: ConvArgs): number[] {
  const [N, C, H, W] = a.xs;
  const [, OG, KH, KW] = a.ws;
  const O = OG * a.groups;
  const [OH, OW] = a.out;
  const out = Array.from({ length: N * O * OH * OW }, (_, i) => (a.bias ? (a.bias[coordsOf(i, [N, O, OH, OW])[1] ?? 0] ?? 0) : 0));
  for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const g = Math.floor(c / (C / a.groups));
    for (let og = 0; og < OG; og++) for (let ky = 0; ky < KH; ky++) for (let kx = 0; kx < KW; kx++) {
      const oy = y * a.stride[0] - a.pad[0] + ky * a.dil[0];
      const ox = x * a.stride[1] - a.pad[1] + kx * a.dil[1];
      if (oy < 0 || oy >= OH || ox < 0 || ox >= OW) continue;
      const o = flatOf([n, g * OG + og, oy, ox], [N, O, OH, OW]);
      out[o] = (out[o] ?? 0) + (a.x[flatOf([n, c, y, x], [N, C, H, W])] ?? 0) * (a.w[flatOf([c, og, ky, kx], [C, OG, KH, KW])] ?? 0);
    }
  }
  return out;
}

interface PoolArgs {
  readonly planes: number; readonly h: number; readonly w: number;
  readonly k: readonly [number, number]; readonly stride: readonly [number, number]; readonly pad: readonly [number, number];
  readonly dil: readonly [number, number]; readonly out: readonly [number, number];
}

/** Average of a window clipped to the input; divided by divisor, else by the window's size
 * clipped to the padded input (count_include_pad) or to the input. */
function avgPool(x: readonly number[], a: PoolArgs, includePad: boolean, divisor: number | null, integer: boolean): number[] {
  const out: number[] = [];
  for (let p = 0; p < a.planes; p++) for (let oy = 0; oy < a.out[0]; oy++) for (let ox = 0; ox < a.out[1]; ox++) {
    const y0 = oy * a.stride[0] - a.pad[0];
    const x0 = ox * a.stride[1] - a.pad[1];
    const y1 = Math.min(y0 + a.k[0], a.h + a.pad[0]);
    const x1 = Math.min(x0 + a.k[1], a.w + a.pad[1]);
    const padded = (y1 - y0) * (x1 - x0);
    const [cy0, cx0, cy1, cx1] = [Math.max(y0, 0), Math.max(x0, 0), Math.min(y1, a.h), Math.min(x1, a.w)];
    let s = 0;
    for (let y = cy0; y < cy1; y++) for (let xx = cx0; xx < cx1; xx++) s += x[p * a.h * a.w + y * a.w + xx] ?? 0;
    const d = divisor ?? (includePad ? padded : (cy1 - cy0) * (cx1 - cx0));
    out.push(integer ? Math.trunc(s / d) : s / d);
  }
  return out;
}

/** Maximum over the dilated taps inside the input; the first of equal maxima; its index y * W + x. */
function maxPool(x: readonly number[], a: PoolArgs): { values: number[]; indices: number[] } {
  const values: number[] = [];
  const indices: number[] = [];
  for (let p = 0; p < a.planes; p++) for (let oy = 0; oy < a.out[0]; oy++) for (let ox = 0; ox < a.out[1]; ox++) {
    let best = -Infinity;
    let bestIndex = -1;
    for (let ky = 0; ky < a.k[0]; ky++) for (let kx = 0; kx < a.k[1]; kx++) {
      const y = oy * a.stride[0] - a.pad[0] + ky * a.dil[0];
      const xx = ox * a.stride[1] - a.pad[1] + kx * a.dil[1];
      if (y < 0 || y >= a.h || xx < 0 || xx >= a.w) continue;
      const v = x[p * a.h * a.w + y * a.w + xx] ?? 0;
      if (bestIndex < 0 || v > best) { best = v; bestIndex = y * a.w + xx; }
    }
    values.push(best);
    indices.push(bestIndex);
  }
  return { values, indices };
}

function adaptiveAvgPool(x: readonly number[], planes: number, h: number, w: number, oh: number, ow: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < planes; p++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
    const [y0, y1] = [Math.floor((oy * h) / oh), Math.ceil(((oy + 1) * h) / oh)];
    const [x0, x1] = [Math.floor((ox * w) / ow), Math.ceil(((ox + 1) * w) / ow)];
    let s = 0;
    for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) s += x[p * h * w + y * w + xx] ?? 0;
    out.push(s / ((y1 - y0) * (x1 - x0)));
  }
  return out;
}

/** Nearest source index as the portable kernel defines it: floor(o * scale) in float32. */
const nearest = (o: number, scale: number, size: number): number => Math.min(Math.floor(Math.fround(o * Math.fround(scale))), size - 1);

/** Reduces `dims` (all when null) of a row-major tensor with `combine`, in row-major order. */
function reduce(x: readonly number[], sizes: readonly number[], dims: readonly number[] | null, keepdim: boolean,
  combine: (acc: number | null, v: number) => number): { sizes: number[]; values: number[] } {
  const rank = sizes.length;
  const reduced = new Set((dims ?? sizes.map((_, d) => d)).map((d) => (d < 0 ? d + rank : d)));
  const keptSizes = sizes.map((s, d) => (reduced.has(d) ? 1 : s));
  const acc = new Map<number, number>();
  for (let i = 0; i < x.length; i++) {
    const key = flatOf(coordsOf(i, sizes).map((v, d) => (reduced.has(d) ? 0 : v)), keptSizes);
    acc.set(key, combine(acc.get(key) ?? null, x[i] ?? 0));
  }
  const outSizes = keepdim ? keptSizes : sizes.filter((_, d) => !reduced.has(d));
  return { sizes: outSizes, values: Array.from({ length: numel(keptSizes) }, (_, k) => acc.get(k) ?? 0) };
}

// ---- the program ----

interface Check {
  readonly name: string;
  readonly output: number;
  readonly expected: readonly number[];
  /** Absolute and relative tolerance for floats; 0 means exactly these values. */
  readonly tolerance: number;
}

const m = new MethodBuilder();
const checks: Check[] = [];
const F = 1e-5;
let outputs = 0;

const input = (dtype: ScalarTypeName, sizes: readonly number[], values: readonly number[], dimOrder?: readonly number[]): number =>
  m.input(dimOrder ? { dtype, sizes, dimOrder, values } : { dtype, sizes, values });
const constant = (dtype: ScalarTypeName, sizes: readonly number[], values: readonly number[]): number => m.constant({ dtype, sizes, values });
const doubles = (items: readonly number[]): number => {
  m.values.push({ kind: 'DoubleList', items });
  return m.values.length - 1;
};
/** A method output checked against `expected` (logical order). */
function out(name: string, dtype: ScalarTypeName, sizes: readonly number[], expected: readonly number[], tolerance: number, dimOrder?: readonly number[]): number {
  const index = m.output(dtype, sizes, dimOrder);
  checks.push({ name, output: outputs++, expected, tolerance });
  return index;
}

{ // mm: float, int32 and int8 (wrapping), widths that are and are not multiples of 4
  const x = floats(5 * 9, 1);
  const y = floats(9 * 6, 2);
  const r = out('mm f32 5x9 . 9x6', 'FLOAT', [5, 6], matmul(x, y, 5, 9, 6), F);
  m.call('aten::mm.out', [input('FLOAT', [5, 9], x), constant('FLOAT', [9, 6], y), r, r]);
  const xi = ints(3 * 5, 1, 21, -10);
  const yi = ints(5 * 7, 2, 17, -8);
  const ri = out('mm i32 3x5 . 5x7', 'INT', [3, 7], matmul(xi, yi, 3, 5, 7), 0);
  m.call('aten::mm.out', [input('INT', [3, 5], xi), input('INT', [5, 7], yi), ri, ri]);
  const x8 = ints(2 * 6, 3, 201, -100);
  const y8 = ints(6 * 5, 4, 201, -100);
  const r8 = out('mm i8 wraps', 'CHAR', [2, 5], matmul(x8, y8, 2, 6, 5).map((v) => wrap(v, 8)), 0);
  m.call('aten::mm.out', [input('CHAR', [2, 6], x8), input('CHAR', [6, 5], y8), r8, r8]);
}

{ // bmm in double
  const x = floats(2 * 3 * 4, 3);
  const y = floats(2 * 4 * 6, 4);
  const expected = [...matmul(x.slice(0, 12), y.slice(0, 24), 3, 4, 6), ...matmul(x.slice(12), y.slice(24), 3, 4, 6)];
  const r = out('bmm f64 2x3x4 . 2x4x6', 'DOUBLE', [2, 3, 6], expected, F);
  m.call('aten::bmm.out', [input('DOUBLE', [2, 3, 4], x), input('DOUBLE', [2, 4, 6], y), r, r]);
}

{ // addmm: a column bias broadcast along rows with an Int alpha; a 0-dim int64 bias
  const self = floats(4, 5);
  const x = floats(4 * 3, 6);
  const y = floats(3 * 6, 7);
  const expected = matmul(x, y, 4, 3, 6).map((v, i) => v * 3 + (self[Math.floor(i / 6)] ?? 0) * 0.5);
  const r = out('addmm f32 column bias', 'FLOAT', [4, 6], expected, F);
  m.call('aten::addmm.out', [constant('FLOAT', [4, 1], self), input('FLOAT', [4, 3], x), input('FLOAT', [3, 6], y), m.double(0.5), m.int(3), r, r]);
  const xi = ints(2 * 3, 1, 9, -4);
  const yi = ints(3 * 5, 2, 9, -4);
  const ri = out('addmm i64 0-dim bias', 'LONG', [2, 5], matmul(xi, yi, 2, 3, 5).map((v) => v * -1 + 7 * 2), 0);
  m.call('aten::addmm.out', [constant('LONG', [], [7]), input('LONG', [2, 3], xi), input('LONG', [3, 5], yi), m.int(2), m.int(-1), ri, ri]);
}

function conv(name: string, a: ConvArgs, transposed: boolean, dtype: ScalarTypeName, layout: 'nchw' | 'nhwc' | '1d',
  outputPadding: readonly number[] = [0, 0]): void {
  const spatial = layout === '1d' ? 1 : 2;
  const shape = (s: readonly number[]): number[] => (layout === '1d' ? [s[0] ?? 0, s[1] ?? 0, s[3] ?? 0] : [...s]);
  const order = layout === 'nhwc' ? CHANNELS_LAST : undefined;
  const outChannels = transposed ? a.ws[1] * a.groups : a.ws[0];
  const values = transposed ? convTranspose2d(a) : conv2d(a);
  const r = out(name, dtype, shape([a.xs[0], outChannels, a.out[0], a.out[1]]), values, dtype === 'INT' ? 0 : F, order);
  const param = (p: readonly [number, number]): number[] => (spatial === 1 ? [p[1]] : [...p]);
  m.call('aten::convolution.out', [
    input(dtype, shape(a.xs), a.x, order),
    constant(dtype, shape(a.ws), a.w),
    a.bias ? constant(dtype, [a.bias.length], a.bias) : m.none(),
    m.ints(param(a.stride)), m.ints(param(a.pad)), m.ints(param(a.dil)), m.bool(transposed),
    m.ints(outputPadding.slice(0, spatial)), m.int(a.groups), r, r,
  ]);
}

conv('conv2d nhwc groups 2, stride 2x1, padding 1x2, dilation 1x2, batch 2', {
  x: floats(2 * 4 * 7 * 9, 1), xs: [2, 4, 7, 9], w: floats(6 * 2 * 3 * 2, 2).map((v) => Math.fround(v * 0.3)), ws: [6, 2, 3, 2],
  bias: floats(6, 3), stride: [2, 1], pad: [1, 2], dil: [1, 2], groups: 2, out: [4, 11],
}, false, 'FLOAT', 'nhwc');
conv('conv1d stride 2, padding 2, dilation 3, no bias', {
  x: floats(3 * 20, 4), xs: [1, 3, 1, 20], w: floats(5 * 3 * 4, 5), ws: [5, 3, 1, 4],
  bias: null, stride: [1, 2], pad: [0, 2], dil: [1, 3], groups: 1, out: [1, 8],
}, false, 'FLOAT', '1d');
conv('conv transposed groups 2, stride 2x3, padding 1x0, dilation 1x2, output padding 1x2', {
  x: floats(4 * 3 * 4, 6), xs: [1, 4, 3, 4], w: floats(4 * 3 * 3 * 2, 7), ws: [4, 3, 3, 2],
  bias: floats(6, 8), stride: [2, 3], pad: [1, 0], dil: [1, 2], groups: 2, out: [6, 14],
}, true, 'FLOAT', 'nchw', [1, 2]);
conv('conv1d transposed stride 2', {
  x: floats(2 * 5, 9), xs: [1, 2, 1, 5], w: floats(2 * 3 * 3, 10), ws: [2, 3, 1, 3],
  bias: null, stride: [1, 2], pad: [0, 1], dil: [1, 1], groups: 1, out: [1, 9],
}, true, 'FLOAT', '1d');
conv('conv2d int32 depthwise', {
  x: ints(3 * 5 * 5, 1, 11, -5), xs: [1, 3, 5, 5], w: ints(3 * 9, 2, 7, -3), ws: [3, 1, 3, 3],
  bias: [5, -6, 7], stride: [1, 1], pad: [1, 1], dil: [1, 1], groups: 3, out: [5, 5],
}, false, 'INT', 'nchw');

{ // avg_pool2d: 3-D input with ceil mode and padding not counted; int64 with divisor; double counting padding
  const x = floats(3 * 7 * 6, 11);
  const a: PoolArgs = { planes: 3, h: 7, w: 6, k: [3, 2], stride: [2, 2], pad: [1, 1], dil: [1, 1], out: [4, 4] };
  const r = out('avg_pool2d 3-D ceil mode, padding not counted', 'FLOAT', [3, 4, 4], avgPool(x, a, false, null, false), F);
  m.call('aten::avg_pool2d.out', [input('FLOAT', [3, 7, 6], x), m.ints([3, 2]), m.ints([2]), m.ints([1, 1]), m.bool(true), m.bool(false), m.none(), r, r]);
  const xi = ints(2 * 5 * 5, 2, 50, -20);
  const ai: PoolArgs = { planes: 2, h: 5, w: 5, k: [2, 2], stride: [2, 2], pad: [0, 0], dil: [1, 1], out: [2, 2] };
  const ri = out('avg_pool2d int64 divisor_override 3', 'LONG', [1, 2, 2, 2], avgPool(xi, ai, true, 3, true), 0);
  m.call('aten::avg_pool2d.out', [input('LONG', [1, 2, 5, 5], xi), m.ints([2]), m.ints([]), m.ints([0]), m.bool(false), m.bool(true), m.int(3), ri, ri]);
  const xd = floats(36, 12);
  const ad: PoolArgs = { planes: 1, h: 6, w: 6, k: [3, 3], stride: [2, 2], pad: [1, 1], dil: [1, 1], out: [4, 4] };
  const rd = out('avg_pool2d f64 ceil mode, padding counted', 'DOUBLE', [1, 1, 4, 4], avgPool(xd, ad, true, null, false), F);
  m.call('aten::avg_pool2d.out', [input('DOUBLE', [1, 1, 6, 6], xd), m.ints([3]), m.ints([2, 2]), m.ints([1]), m.bool(true), m.bool(true), m.none(), rd, rd]);
}

{ // max_pool2d_with_indices: channels-last with dilation; int32 with ties (the first maximum wins), ceil mode
  const x = floats(3 * 8 * 7, 13);
  const a: PoolArgs = { planes: 3, h: 8, w: 7, k: [3, 2], stride: [2, 2], pad: [1, 1], dil: [2, 1], out: [3, 4] };
  const { values, indices } = maxPool(x, a);
  const r = out('max_pool2d nhwc dilation 2x1', 'FLOAT', [1, 3, 3, 4], values, 0, CHANNELS_LAST);
  const ri = out('max_pool2d nhwc dilation 2x1 indices', 'LONG', [1, 3, 3, 4], indices, 0, CHANNELS_LAST);
  m.call('aten::max_pool2d_with_indices.out', [input('FLOAT', [1, 3, 8, 7], x, CHANNELS_LAST), m.ints([3, 2]), m.ints([2, 2]),
    m.ints([1, 1]), m.ints([2, 1]), m.bool(false), r, ri, m.tensors([r, ri])]);
  const xi = ints(2 * 7 * 7, 3, 3, 0);
  const ai: PoolArgs = { planes: 2, h: 7, w: 7, k: [2, 2], stride: [2, 2], pad: [0, 0], dil: [1, 1], out: [4, 4] };
  const ties = maxPool(xi, ai);
  const rt = out('max_pool2d int32 ties, ceil mode', 'INT', [2, 4, 4], ties.values, 0);
  const rti = out('max_pool2d int32 ties, ceil mode indices', 'LONG', [2, 4, 4], ties.indices, 0);
  m.call('aten::max_pool2d_with_indices.out', [input('INT', [2, 7, 7], xi), m.ints([2]), m.ints([2]), m.ints([0]), m.ints([1]), m.bool(true),
    rt, rti, m.tensors([rt, rti])]);
}

{ // _adaptive_avg_pool2d: windows that overlap, 3-D and double
  const x = floats(2 * 9 * 7, 14);
  const r = out('adaptive_avg_pool2d 3-D 9x7 to 4x3', 'FLOAT', [2, 4, 3], adaptiveAvgPool(x, 2, 9, 7, 4, 3), F);
  m.call('aten::_adaptive_avg_pool2d.out', [input('FLOAT', [2, 9, 7], x), m.ints([4, 3]), r, r]);
  const xd = floats(2 * 5 * 11, 15);
  const rd = out('adaptive_avg_pool2d f64 5x11 to 3x4', 'DOUBLE', [1, 2, 3, 4], adaptiveAvgPool(xd, 2, 5, 11, 3, 4), F);
  m.call('aten::_adaptive_avg_pool2d.out', [input('DOUBLE', [1, 2, 5, 11], xd), m.ints([3, 4]), rd, rd]);
}

{ // upsample_nearest2d: channels-last with a fractional scale; uint8 shrinking rows
  const x = floats(2 * 3 * 5, 16);
  const expected: number[] = [];
  for (let c = 0; c < 2; c++) for (let y = 0; y < 6; y++) for (let xx = 0; xx < 7; xx++) {
    expected.push(x[c * 15 + nearest(y, 1 / 2, 3) * 5 + nearest(xx, 1 / 1.5, 5)] ?? 0);
  }
  const r = out('upsample_nearest2d nhwc scales 2 x 1.5', 'FLOAT', [1, 2, 6, 7], expected, 0, CHANNELS_LAST);
  m.call('aten::upsample_nearest2d.vec_out', [input('FLOAT', [1, 2, 3, 5], x, CHANNELS_LAST), m.none(), doubles([2, 1.5]), r, r]);
  const xu = ints(16, 5, 256, 0);
  const expectedU: number[] = [];
  for (let y = 0; y < 3; y++) for (let xx = 0; xx < 6; xx++) expectedU.push(xu[nearest(y, 4 / 3, 4) * 4 + nearest(xx, 4 / 6, 4)] ?? 0);
  const ru = out('upsample_nearest2d uint8 4x4 to 3x6', 'BYTE', [1, 1, 3, 6], expectedU, 0);
  m.call('aten::upsample_nearest2d.vec_out', [input('BYTE', [1, 1, 4, 4], xu), m.ints([3, 6]), m.none(), ru, ru]);
}

const add = (acc: number | null, v: number): number => (acc ?? 0) + v;

{ // sum: several dims with keepdim; int8 into int64 over everything; bool counts; int32 last dim
  const x = floats(2 * 3 * 4 * 5, 17);
  const s = reduce(x, [2, 3, 4, 5], [0, 2], true, add);
  const r = out('sum f32 dims [0, 2] keepdim', 'FLOAT', s.sizes, s.values, F);
  m.call('aten::sum.IntList_out', [input('FLOAT', [2, 3, 4, 5], x), m.ints([0, 2]), m.bool(true), m.none(), r, r]);
  const x8 = ints(24, 6, 256, -128);
  const r8 = out('sum int8 -> int64, all', 'LONG', [], reduce(x8, [4, 6], null, false, add).values, 0);
  m.call('aten::sum.IntList_out', [input('CHAR', [4, 6], x8), m.none(), m.bool(false), m.int(4), r8, r8]);
  const xb = ints(12, 7, 3, 0).map((v) => (v === 0 ? 1 : 0));
  const sb = reduce(xb, [3, 4], [1], false, add);
  const rb = out('sum bool -> int64 dim 1', 'LONG', sb.sizes, sb.values, 0);
  m.call('aten::sum.IntList_out', [input('BOOL', [3, 4], xb), m.ints([1]), m.bool(false), m.int(4), rb, rb]);
  const xi = ints(15, 8, 1000, -500);
  const si = reduce(xi, [3, 5], [-1], false, add);
  const ri = out('sum int32 last dim', 'INT', si.sizes, si.values, 0);
  m.call('aten::sum.IntList_out', [input('INT', [3, 5], xi), m.ints([-1]), m.bool(false), m.none(), ri, ri]);
}

{ // mean: outer and inner dims; int32 input with dtype float; double over everything
  const x = floats(24, 18);
  const s = reduce(x, [2, 3, 4], [0, -1], false, add);
  const r = out('mean f32 dims [0, -1]', 'FLOAT', s.sizes, s.values.map((v) => v / 8), F);
  m.call('aten::mean.out', [input('FLOAT', [2, 3, 4], x), m.ints([0, -1]), m.bool(false), m.none(), r, r]);
  const xi = ints(12, 9, 100, -50);
  const si = reduce(xi, [3, 4], [1], true, add);
  const ri = out('mean int32 -> float keepdim', 'FLOAT', si.sizes, si.values.map((v) => v / 4), F);
  m.call('aten::mean.out', [input('INT', [3, 4], xi), m.ints([1]), m.bool(true), m.int(6), ri, ri]);
  const xd = floats(5, 19);
  const rd = out('mean f64 all', 'DOUBLE', [], [xd.reduce((a, v) => a + v, 0) / 5], F);
  m.call('aten::mean.out', [input('DOUBLE', [5], xd), m.ints([]), m.bool(false), m.none(), rd, rd]);
}

{ // argmax: the middle dim with ties and a NaN (the first NaN wins, ties keep the first); int8 flattened with keepdim
  const x = floats(3 * 4 * 5, 20).map((v) => Math.round(v * 2) / 2);
  x[1 * 20 + 2 * 5 + 3] = NaN;
  const expected: number[] = [];
  for (let i = 0; i < 3; i++) for (let k = 0; k < 5; k++) {
    let best = 0;
    for (let j = 1; j < 4; j++) {
      const v = x[i * 20 + j * 5 + k] ?? 0;
      const lead = x[i * 20 + best * 5 + k] ?? 0;
      if (!Number.isNaN(lead) && (Number.isNaN(v) || v > lead)) best = j;
    }
    expected.push(best);
  }
  const r = out('argmax f32 dim 1 ties and NaN', 'LONG', [3, 5], expected, 0);
  m.call('aten::argmax.out', [input('FLOAT', [3, 4, 5], x), m.int(1), m.bool(false), r, r]);
  const x8 = ints(6, 10, 9, -4);
  const r8 = out('argmax int8 flattened keepdim', 'LONG', [1, 1], [x8.indexOf(Math.max(...x8))], 0);
  m.call('aten::argmax.out', [input('CHAR', [2, 3], x8), m.none(), m.bool(true), r8, r8]);
}

{ // amax / amin: NaN propagates; int16 over everything
  const x = floats(4 * 5 * 3, 21);
  x[2 * 15 + 1 * 3 + 1] = NaN;
  const max = (acc: number | null, v: number): number => (acc === null || Number.isNaN(v) || v > acc ? v : acc);
  const s = reduce(x, [4, 5, 3], [0, 2], true, max);
  const r = out('amax f32 dims [0, 2] keepdim, NaN', 'FLOAT', s.sizes, s.values, 0);
  m.call('aten::amax.out', [input('FLOAT', [4, 5, 3], x), m.ints([0, 2]), m.bool(true), r, r]);
  const xi = ints(12, 11, 600, -300);
  const ri = out('amin int16 all', 'SHORT', [], [Math.min(...xi)], 0);
  m.call('aten::amin.out', [input('SHORT', [3, 4], xi), m.ints([]), m.bool(false), ri, ri]);
}

{ // batch norm: double with weight and bias; float rank 2 with only a bias
  const C = 3;
  const mean = [0.1, -0.2, 0.3];
  const variance = [0.5, 1.5, 2.5];
  const weight = [1.5, -0.5, 2];
  const bias = [0.25, 0, -1];
  const x = floats(2 * C * 2 * 2, 22);
  const expected = x.map((v, i) => {
    const c = Math.floor(i / 4) % C;
    return ((v - (mean[c] ?? 0)) / Math.sqrt((variance[c] ?? 0) + 1e-3)) * (weight[c] ?? 0) + (bias[c] ?? 0);
  });
  const r = out('batch_norm f64 rank 4', 'DOUBLE', [2, C, 2, 2], expected, F);
  // save_mean and save_invstd come out empty; they are method outputs only to give them storage.
  const [m1, m2] = [m.output('DOUBLE', [0]), m.output('DOUBLE', [0])];
  outputs += 2;
  m.call('aten::_native_batch_norm_legit_no_training.out', [input('DOUBLE', [2, C, 2, 2], x),
    constant('DOUBLE', [C], weight), constant('DOUBLE', [C], bias), constant('DOUBLE', [C], mean), constant('DOUBLE', [C], variance),
    m.double(0.1), m.double(1e-3), r, m1, m2, m.tensors([r, m1, m2])]);
  const x2 = floats(4 * C, 23);
  const expected2 = x2.map((v, i) => (v - (mean[i % C] ?? 0)) / Math.sqrt((variance[i % C] ?? 0) + 1e-5) + (bias[i % C] ?? 0));
  const r2 = out('batch_norm f32 rank 2, bias only', 'FLOAT', [4, C], expected2, F);
  const [n1, n2] = [m.output('FLOAT', [0]), m.output('FLOAT', [0])];
  outputs += 2;
  m.call('aten::_native_batch_norm_legit_no_training.out', [input('FLOAT', [4, C], x2), m.none(),
    constant('FLOAT', [C], bias), constant('FLOAT', [C], mean), constant('FLOAT', [C], variance),
    m.double(0.1), m.double(1e-5), r2, n1, n2, m.tensors([r2, n1, n2])]);
}

// ---- build once, run once, compare every output ----

function mismatch(c: Check, got: readonly number[]): string | null {
  if (got.length !== c.expected.length) return `${got.length} elements, expected ${c.expected.length}`;
  for (let i = 0; i < got.length; i++) {
    const [x, y] = [got[i] ?? 0, c.expected[i] ?? 0];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    const ok = c.tolerance === 0 ? x === y : Math.abs(x - y) <= c.tolerance + c.tolerance * Math.abs(y);
    if (!ok) return `element ${i}: ${x}, expected ${y}`;
  }
  return null;
}

describe('compute kernels on the host (ASan/UBSan)', () => {
  let program: (ProgramRun & { done(): void }) | undefined;
  let results: number[][] = [];
  beforeAll(async () => {
    program = await buildProgram([m]);
    results = await program.run(m);
  });
  afterAll(() => program?.done());

  test.each(checks.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const got = results[c.output];
    expect(got, 'output missing').toBeDefined();
    expect(mismatch(c, got ?? [])).toBeNull();
  });
});

// ---- what the kernels cannot do, or what the runtime would reject, fails the build ----

/** The error a one-call program fails to build with. */
async function buildError(setup: (b: MethodBuilder) => void): Promise<EtbError> {
  const b = new MethodBuilder();
  setup(b);
  try {
    (await buildProgram([b])).done();
  } catch (error) {
    if (error instanceof EtbError) return error;
    throw error;
  }
  throw new Error('the program built, but it should not');
}

describe('compute operators refuse at build time', () => {
  test('a convolution whose out shape does not follow from its arguments', async () => {
    const error = await buildError((b) => {
      const o = b.output('FLOAT', [1, 2, 4, 4]);
      b.call('aten::convolution.out', [b.input({ dtype: 'FLOAT', sizes: [1, 1, 5, 5], values: floats(25, 1) }),
        b.constant({ dtype: 'FLOAT', sizes: [2, 1, 3, 3], values: floats(18, 2) }), b.none(), b.ints([1, 1]), b.ints([1, 1]),
        b.ints([1, 1]), b.bool(false), b.ints([0, 0]), b.int(1), o, o]);
    });
    expect(error.code).toBe('ETB2140');
    expect(error.message).toContain('[1, 2, 5, 5]');
    expect(error.location?.instruction).toBe(0);
  });

  test('pooling padding above half the kernel', async () => {
    const error = await buildError((b) => {
      const o = b.output('FLOAT', [1, 1, 4, 4]);
      b.call('aten::avg_pool2d.out', [b.input({ dtype: 'FLOAT', sizes: [1, 1, 4, 4], values: floats(16, 1) }), b.ints([2]), b.ints([1]),
        b.ints([2]), b.bool(false), b.bool(true), b.none(), o, o]);
    });
    expect(error.code).toBe('ETB2140');
    expect(error.message).toMatch(/half the kernel/);
  });

  // Taps at -1 and 2 of a 2-wide input: the portable kernel would write 0 with index 0.
  test('a max-pooling window whose dilated taps all fall outside the input', async () => {
    const error = await buildError((b) => {
      const [o, i] = [b.output('FLOAT', [1, 1, 1, 1]), b.output('LONG', [1, 1, 1, 1])];
      b.call('aten::max_pool2d_with_indices.out', [b.input({ dtype: 'FLOAT', sizes: [1, 1, 2, 2], values: [1, 2, 3, 4] }), b.ints([2]), b.ints([1]),
        b.ints([1]), b.ints([3]), b.bool(false), o, i, b.tensors([o, i])]);
    });
    expect(error.code).toBe('ETB2140');
    expect(error.message).toMatch(/entirely outside the input/);
  });

  test('average pooling of a channels-last tensor (the portable kernel rejects it too)', async () => {
    const error = await buildError((b) => {
      const o = b.output('FLOAT', [1, 2, 2, 2], CHANNELS_LAST);
      b.call('aten::avg_pool2d.out', [b.input({ dtype: 'FLOAT', sizes: [1, 2, 4, 4], dimOrder: CHANNELS_LAST, values: floats(32, 1) }),
        b.ints([2]), b.ints([2]), b.ints([0]), b.bool(false), b.bool(true), b.none(), o, o]);
    });
    expect(error.code).toBe('ETB2141');
  });

  test('the mean of an integer tensor without a floating dtype', async () => {
    const error = await buildError((b) => {
      const o = b.output('INT', [2]);
      b.call('aten::mean.out', [b.input({ dtype: 'INT', sizes: [2, 3], values: [1, 2, 3, 4, 5, 6] }), b.ints([1]), b.bool(false), b.none(), o, o]);
    });
    expect(error.code).toBe('ETB2142');
  });
});
