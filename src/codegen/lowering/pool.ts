// Pooling and resampling over the last two dimensions of [N, C, H, W] (or [C, H, W]) tensors:
// avg_pool2d, max_pool2d_with_indices, _adaptive_avg_pool2d and upsample_nearest2d. Window
// geometry (ceil mode, padding, what a window counts for its average, which source row a
// resampled row copies) is resolved here into small tables, with the portable kernels' integer
// and float arithmetic.
import type { ScalarTypeName, TensorValue } from '../../pte/model.js';
import { cType } from '../ctypes.js';
import { stridesOf } from './broadcast.js';
import { paramAt, slidingOutputSize, tapTable } from './conv.js';
import { accumulatorType, isDefaultDimOrder, requireSameDtype, shapeText } from './linalg.js';
import type { Lowering, LoweringContext } from './types.js';
import { variantSuffix } from './variants.js';

interface Planes {
  readonly batch: number;
  readonly channels: number;
  readonly h: number;
  readonly w: number;
  /** n, c, h, w element strides (n is 0 for a 3-D tensor). */
  readonly strides: readonly number[];
}

function planes(t: TensorValue): Planes {
  const s = stridesOf(t);
  if (t.sizes.length === 3) {
    return { batch: 1, channels: t.sizes[0] ?? 0, h: t.sizes[1] ?? 0, w: t.sizes[2] ?? 0, strides: [0, s[0] ?? 0, s[1] ?? 0, s[2] ?? 0] };
  }
  return { batch: t.sizes[0] ?? 0, channels: t.sizes[1] ?? 0, h: t.sizes[2] ?? 0, w: t.sizes[3] ?? 0, strides: s };
}

function requireRank3or4(ctx: LoweringContext, name: string, only4 = false): TensorValue {
  const t = ctx.tensor(name);
  if (t.sizes.length !== 4 && (only4 || t.sizes.length !== 3)) {
    ctx.fail('ETB2140', `${ctx.opName}: ${name} must be ${only4 ? '4-D' : '3-D or 4-D'}, got shape ${shapeText(t)}`);
  }
  return t;
}

function requireOutShape(ctx: LoweringContext, input: TensorValue, outH: number, outW: number): void {
  const out = ctx.tensor('out');
  const expected = [...input.sizes.slice(0, -2), outH, outW];
  if (outH <= 0 || outW <= 0 || out.sizes.length !== expected.length || out.sizes.some((s, i) => s !== expected[i])) {
    ctx.fail('ETB2140', `${ctx.opName}: out has shape ${shapeText(out)}, the arguments give [${expected.join(', ')}]`);
  }
}

function requireDefaultOrder(ctx: LoweringContext, t: TensorValue, name: string): void {
  if (!isDefaultDimOrder(t)) ctx.fail('ETB2141', `${ctx.opName} needs ${name} in the default (contiguous) dim order, got [${t.dimOrder.join(', ')}]`);
}

interface WindowArgs {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly ceilMode: boolean;
}

/** kernel_size, stride (empty: the kernel size), padding (at most half the kernel) and dilation. */
function windowArgs(ctx: LoweringContext, hasDilation: boolean): WindowArgs {
  const kernel = ctx.list('kernel_size');
  const stride = ctx.list('stride');
  const padding = ctx.list('padding');
  const dilation = hasDilation ? ctx.list('dilation') : [];
  const lengthOk = (list: readonly number[], allowEmpty: boolean): boolean =>
    list.length === 1 || list.length === 2 || (allowEmpty && list.length === 0);
  if (!lengthOk(kernel, false) || kernel.some((k) => k < 1)) ctx.fail('ETB2140', `${ctx.opName}: bad kernel_size [${kernel.join(', ')}]`);
  const k: [number, number] = [paramAt(kernel, 0, 1), paramAt(kernel, 1, 1)];
  if (!lengthOk(stride, true) || stride.some((s) => s < 1)) ctx.fail('ETB2140', `${ctx.opName}: bad stride [${stride.join(', ')}]`);
  if (!lengthOk(padding, false) || padding.some((p, i) => p < 0 || p > Math.floor(paramAt(kernel, i, 1) / 2))) {
    ctx.fail('ETB2140', `${ctx.opName}: padding [${padding.join(', ')}] must be between 0 and half the kernel size`);
  }
  if (!lengthOk(dilation, true) || dilation.some((d) => d < 1)) ctx.fail('ETB2140', `${ctx.opName}: bad dilation [${dilation.join(', ')}]`);
  return {
    kernel: k,
    stride: [paramAt(stride, 0, k[0]), paramAt(stride, 1, k[1])],
    padding: [paramAt(padding, 0, 0), paramAt(padding, 1, 0)],
    dilation: [paramAt(dilation, 0, 1), paramAt(dilation, 1, 1)],
    ceilMode: ctx.number('ceil_mode') !== 0,
  };
}

/**
 * Per output position along one dimension: the first and end tap inside the input, and the
 * count the window contributes to an average: its extent clipped to the padded input when the
 * padding counts, to the input otherwise (the portable kernel's pool_size and count).
 */
function windowTable(
  ctx: LoweringContext, outSize: number, inSize: number, kernel: number, stride: number, pad: number, dilation: number,
  includePad: boolean,
): number[] {
  const taps = tapTable(outSize, inSize, stride, pad, dilation, kernel);
  const table: number[] = [];
  for (let o = 0; o < outSize; o++) {
    const start = o * stride - pad;
    const end = Math.min(start + kernel, inSize + pad);
    const first = taps[2 * o] ?? 0;
    const last = taps[2 * o + 1] ?? 0;
    // The portable kernel leaves a window with nothing inside the input unwritten (or, with
    // dilation, writes 0): programs that reach that corner are refused rather than guessed.
    if (Math.max(start, 0) >= Math.min(end, inSize) || first >= last) {
      ctx.fail('ETB2140', `${ctx.opName}: output position ${o} has a window entirely outside the input`);
    }
    table.push(first, last, includePad ? end - start : Math.min(end, inSize) - Math.max(start, 0));
  }
  return table;
}

function emitPoolPlan(ctx: LoweringContext, input: Planes, out: Planes, a: WindowArgs, rows: number[], cols: number[]): string {
  const fields = [input.batch, input.channels, out.h, out.w, input.w, a.stride[0], a.stride[1], a.padding[0], a.padding[1], a.dilation[0], a.dilation[1]];
  const rowsName = ctx.constArray('int32_t', rows);
  const colsName = ctx.constArray('int32_t', cols);
  const name = ctx.declare('pool', (n) =>
    `static const etb_pool2d_plan ${n} = { ${fields.join(', ')}, { ${input.strides.join(', ')} }, { ${out.strides.join(', ')} }, ${rowsName}, ${colsName} };`);
  return `&${name}`;
}

const avgPool2d: Lowering = {
  ops: ['aten::avg_pool2d.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx, ['self', 'out']);
    const self = requireRank3or4(ctx, 'self');
    requireDefaultOrder(ctx, self, 'self');
    const a = windowArgs(ctx, false);
    const includePad = ctx.number('count_include_pad') !== 0;
    const divisor = ctx.isNull('divisor_override') ? 0 : ctx.number('divisor_override');
    if (!ctx.isNull('divisor_override') && divisor === 0) ctx.fail('ETB2140', `${ctx.opName}: divisor_override must not be 0`);
    const input = planes(self);
    const outH = slidingOutputSize(input.h, a.kernel[0], a.padding[0], a.stride[0], 1, a.ceilMode);
    const outW = slidingOutputSize(input.w, a.kernel[1], a.padding[1], a.stride[1], 1, a.ceilMode);
    requireOutShape(ctx, self, outH, outW);
    const out = planes(ctx.tensor('out'));
    const rows = windowTable(ctx, outH, input.h, a.kernel[0], a.stride[0], a.padding[0], 1, includePad);
    const cols = windowTable(ctx, outW, input.w, a.kernel[1], a.stride[1], a.padding[1], 1, includePad);
    const plan = emitPoolPlan(ctx, input, out, { ...a, dilation: [1, 1] }, rows, cols);
    const fn = ctx.use('etb_op_avg_pool2d_out', variantSuffix([dtype]), [cType(dtype).c, accumulatorType(dtype)]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${plan}, INT64_C(${divisor}))`;
  },
};

const maxPool2dWithIndices: Lowering = {
  ops: ['aten::max_pool2d_with_indices.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx, ['self', 'out']);
    const self = requireRank3or4(ctx, 'self');
    const indices = ctx.tensor('indices');
    if (indices.dtype !== 'LONG') ctx.fail('ETB2142', `${ctx.opName}: indices must be int64, got ${indices.dtype}`);
    const a = windowArgs(ctx, true);
    const input = planes(self);
    const outH = slidingOutputSize(input.h, a.kernel[0], a.padding[0], a.stride[0], a.dilation[0], a.ceilMode);
    const outW = slidingOutputSize(input.w, a.kernel[1], a.padding[1], a.stride[1], a.dilation[1], a.ceilMode);
    requireOutShape(ctx, self, outH, outW);
    const outTensor = ctx.tensor('out');
    if (indices.sizes.length !== outTensor.sizes.length || indices.sizes.some((s, i) => s !== outTensor.sizes[i])) {
      ctx.fail('ETB2140', `${ctx.opName}: indices has shape ${shapeText(indices)}, out ${shapeText(outTensor)}`);
    }
    const out = planes(outTensor);
    const rows = windowTable(ctx, outH, input.h, a.kernel[0], a.stride[0], a.padding[0], a.dilation[0], false);
    const cols = windowTable(ctx, outW, input.w, a.kernel[1], a.stride[1], a.padding[1], a.dilation[1], false);
    const plan = emitPoolPlan(ctx, input, out, a, rows, cols);
    const fn = ctx.use('etb_op_max_pool2d_with_indices_out', variantSuffix([dtype]), [cType(dtype).c]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${ctx.tensorRef('indices')}, ${plan})`;
  },
};

/** Adaptive windows: [floor(o * in / out), ceil((o + 1) * in / out)) in float, and their size. */
function adaptiveTable(outSize: number, inSize: number): number[] {
  const table: number[] = [];
  for (let o = 0; o < outSize; o++) {
    const start = Math.floor(Math.fround(Math.fround(o * inSize) / Math.fround(outSize)));
    const end = Math.ceil(Math.fround(Math.fround((o + 1) * inSize) / Math.fround(outSize)));
    table.push(start, end, end - start);
  }
  return table;
}

const adaptiveAvgPool2d: Lowering = {
  ops: ['aten::_adaptive_avg_pool2d.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx, ['self', 'out']);
    const self = requireRank3or4(ctx, 'self');
    requireDefaultOrder(ctx, self, 'self');
    const size = ctx.list('output_size');
    const [outH = 0, outW = 0] = size;
    if (size.length !== 2 || outH <= 0 || outW <= 0) ctx.fail('ETB2140', `${ctx.opName}: output_size must be two positive sizes, got [${size.join(', ')}]`);
    requireOutShape(ctx, self, outH, outW);
    const input = planes(self);
    const out = planes(ctx.tensor('out'));
    const plan = emitPoolPlan(ctx, input, out, { kernel: [1, 1], stride: [0, 0], padding: [0, 0], dilation: [1, 1], ceilMode: false },
      adaptiveTable(outH, input.h), adaptiveTable(outW, input.w));
    const fn = ctx.use('etb_op_adaptive_avg_pool2d_out', variantSuffix([dtype]), [cType(dtype).c]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${plan})`;
  },
};

/** Source index of each output position: min(floor(o * scale), in - 1), in float as upstream. */
function nearestSources(outSize: number, inSize: number, scale: number): number[] {
  const kernelScale = Math.fround(1 / scale);
  return Array.from({ length: outSize }, (_, o) => Math.min(Math.floor(Math.fround(Math.fround(o) * kernelScale)), inSize - 1));
}

const upsampleNearest2d: Lowering = {
  ops: ['aten::upsample_nearest2d.vec_out'],
  emit(ctx) {
    const dtype: ScalarTypeName = requireSameDtype(ctx, ['input', 'out']);
    const inputTensor = requireRank3or4(ctx, 'input', true);
    const input = planes(inputTensor);
    const hasSize = !ctx.isNull('output_size');
    if (hasSize === !ctx.isNull('scale_factors')) ctx.fail('ETB2140', `${ctx.opName}: exactly one of output_size and scale_factors must be given`);
    let outH: number;
    let outW: number;
    let scaleH: number;
    let scaleW: number;
    if (hasSize) {
      const size = ctx.list('output_size');
      if (size.length !== 2 || size.some((s) => s <= 0)) ctx.fail('ETB2140', `${ctx.opName}: output_size must be two positive sizes, got [${size.join(', ')}]`);
      [outH = 0, outW = 0] = size;
      scaleH = outH / input.h;
      scaleW = outW / input.w;
    } else {
      const scales = ctx.list('scale_factors');
      if (scales.length !== 2 || scales.some((s) => !(s > 0))) ctx.fail('ETB2140', `${ctx.opName}: scale_factors must be two positive numbers, got [${scales.join(', ')}]`);
      [scaleH = 1, scaleW = 1] = scales;
      outH = Math.trunc(input.h * scaleH);
      outW = Math.trunc(input.w * scaleW);
    }
    requireOutShape(ctx, inputTensor, outH, outW);
    const out = planes(ctx.tensor('out'));
    const rowOffsets = nearestSources(outH, input.h, scaleH).map((y) => y * (input.strides[2] ?? 0));
    const colOffsets = nearestSources(outW, input.w, scaleW).map((x) => x * (input.strides[3] ?? 0));
    const fields = [input.batch, input.channels, outH, outW];
    const rowsName = ctx.constArray('int32_t', rowOffsets);
    const colsName = ctx.constArray('int32_t', colOffsets);
    const plan = ctx.declare('upsample', (n) =>
      `static const etb_upsample_nearest2d_plan ${n} = { ${fields.join(', ')}, { ${input.strides[0]}, ${input.strides[1]} }, { ${out.strides.join(', ')} }, ${rowsName}, ${colsName} };`);
    const fn = ctx.use('etb_op_upsample_nearest2d_vec_out', variantSuffix([dtype]), [cType(dtype).c]);
    return `${fn}(${ctx.tensorRef('input')}, ${ctx.tensorRef('out')}, &${plan})`;
  },
};

export const poolLowerings: readonly Lowering[] = [avgPool2d, maxPool2dWithIndices, adaptiveAvgPool2d, upsampleNearest2d];
