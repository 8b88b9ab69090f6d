// Convolution (1-D and 2-D, grouped, plain or transposed). Everything about the geometry is
// settled here: the output size is checked against the program's out tensor, a 1-D convolution
// becomes a 2-D one of height 1 (as the portable kernel unsqueezes it), and padding turns into
// per-row and per-column tables of the kernel taps that land inside the input, so the kernel
// never tests a coordinate.
import type { ScalarTypeName, TensorValue } from '../../pte/model.js';
import { cType } from '../ctypes.js';
import { stridesOf } from './broadcast.js';
import { accumulatorType, requireSameDtype, shapeText } from './linalg.js';
import type { Lowering, LoweringContext } from './types.js';
import { variantSuffix } from './variants.js';

/** `val_at` of the portable kernels: one item stands for every dimension, none for the default. */
export function paramAt(list: readonly number[], i: number, fallback: number): number {
  if (list.length === 1) return list[0] ?? fallback;
  return list.length > 1 ? (list[i] ?? fallback) : fallback;
}

/** Output length of a sliding window along one dimension, with C++'s truncating division. */
export function slidingOutputSize(
  inSize: number, kernel: number, pad: number, stride: number, dilation: number, ceilMode: boolean,
): number {
  const numerator = inSize + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let size = Math.trunc(numerator / stride) + 1;
  // The last window must start inside the input or its left padding.
  if (ceilMode && (size - 1) * stride >= inSize + pad) size--;
  return size;
}

/**
 * For positions 0..count-1 of one tensor, the kernel taps t in [first, end) whose partner
 * position `pos * stride - pad + t * dilation` lies in [0, limit). Flat pairs.
 */
export function tapTable(count: number, limit: number, stride: number, pad: number, dilation: number, kernel: number): number[] {
  const table: number[] = [];
  for (let pos = 0; pos < count; pos++) {
    const base = pos * stride - pad;
    const first = Math.max(0, Math.ceil(-base / dilation));
    const end = Math.min(kernel, Math.floor((limit - 1 - base) / dilation) + 1);
    table.push(Math.min(first, kernel), Math.max(end, Math.min(first, kernel)));
  }
  return table;
}

/** Sizes and element strides of a rank-3 or rank-4 tensor as [N, C, H, W] (a 1-D tensor gets H = 1). */
export function asNchw(t: TensorValue): { sizes: number[]; strides: number[] } {
  const strides = stridesOf(t);
  if (t.sizes.length === 3) {
    return { sizes: [t.sizes[0] ?? 1, t.sizes[1] ?? 1, 1, t.sizes[2] ?? 1], strides: [strides[0] ?? 0, strides[1] ?? 0, 0, strides[2] ?? 0] };
  }
  return { sizes: [...t.sizes], strides };
}

function checkParams(ctx: LoweringContext, name: string, list: readonly number[], spatial: number, min: number): void {
  if (list.length !== 1 && list.length !== spatial) {
    ctx.fail('ETB2140', `${ctx.opName}: ${name} must have 1 or ${spatial} items, got [${list.join(', ')}]`);
  }
  if (list.some((v) => v < min)) ctx.fail('ETB2140', `${ctx.opName}: ${name} items must be at least ${min}, got [${list.join(', ')}]`);
}

const convolution: Lowering = {
  ops: ['aten::convolution.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx, ['input', 'weight', 'out']);
    const input = ctx.tensor('input');
    const weight = ctx.tensor('weight');
    const out = ctx.tensor('out');
    const rank = input.sizes.length;
    if ((rank !== 3 && rank !== 4) || weight.sizes.length !== rank || out.sizes.length !== rank) {
      ctx.fail('ETB2140', `${ctx.opName}: input, weight and out must all be 3-D or all 4-D, got ${shapeText(input)}, ${shapeText(weight)}, ${shapeText(out)}`);
    }
    const spatial = rank - 2;
    const transposed = ctx.number('transposed') !== 0;
    const groups = ctx.number('groups');
    const stride = ctx.list('stride');
    const padding = ctx.list('padding');
    const dilation = ctx.list('dilation');
    const outputPadding = ctx.list('output_padding');
    checkParams(ctx, 'stride', stride, spatial, 1);
    checkParams(ctx, 'padding', padding, spatial, 0);
    checkParams(ctx, 'dilation', dilation, spatial, 1);
    if (transposed) checkParams(ctx, 'output_padding', outputPadding, spatial, 0);

    const inChannels = input.sizes[1] ?? 0;
    const w0 = weight.sizes[0] ?? 0;
    const w1 = weight.sizes[1] ?? 0;
    if (groups < 1 || w0 % groups !== 0) ctx.fail('ETB2140', `${ctx.opName}: weight ${shapeText(weight)} does not split into ${groups} groups`);
    if (transposed ? inChannels !== w0 : inChannels !== groups * w1) {
      ctx.fail('ETB2140', `${ctx.opName}: input ${shapeText(input)} does not match weight ${shapeText(weight)} with ${groups} groups`);
    }
    const outChannels = transposed ? groups * w1 : w0;
    // [height, width] parameters; a 1-D convolution is a 2-D one of unit height, whose height
    // parameter is `unitHeight`.
    const pick = (list: readonly number[], fallback: number, unitHeight: number): [number, number] =>
      spatial === 1 ? [unitHeight, paramAt(list, 0, fallback)] : [paramAt(list, 0, fallback), paramAt(list, 1, fallback)];
    const [strideH, strideW] = pick(stride, 1, 1);
    const [padH, padW] = pick(padding, 0, 0);
    const [dilH, dilW] = pick(dilation, 1, 1);
    const [outPadH, outPadW] = transposed ? pick(outputPadding, 0, 0) : [0, 0];

    const inN = asNchw(input);
    const wN = asNchw(weight);
    const outN = asNchw(out);
    const [batch = 0, , inH = 0, inW = 0] = inN.sizes;
    const [, , kH = 0, kW = 0] = wN.sizes;
    const expectedH = transposed ? (inH - 1) * strideH - 2 * padH + dilH * (kH - 1) + outPadH + 1 : slidingOutputSize(inH, kH, padH, strideH, dilH, false);
    const expectedW = transposed ? (inW - 1) * strideW - 2 * padW + dilW * (kW - 1) + outPadW + 1 : slidingOutputSize(inW, kW, padW, strideW, dilW, false);
    const expected = rank === 3 ? [batch, outChannels, expectedW] : [batch, outChannels, expectedH, expectedW];
    if (expectedH <= 0 || expectedW <= 0 || out.sizes.some((s, i) => s !== expected[i])) {
      ctx.fail('ETB2140', `${ctx.opName}: out has shape ${shapeText(out)}, the arguments give [${expected.join(', ')}]`);
    }
    const [, , outH = 0, outW = 0] = outN.sizes;

    let biasDtype: ScalarTypeName = dtype;
    if (!ctx.isNull('bias')) {
      const bias = ctx.tensor('bias');
      if (bias.sizes.length !== 1 || bias.sizes[0] !== outChannels) {
        ctx.fail('ETB2140', `${ctx.opName}: bias has shape ${shapeText(bias)}, expected [${outChannels}]`);
      }
      biasDtype = bias.dtype;
    }

    // Plain: a row table per output row over the input; transposed: per input row over the output.
    const rows = transposed ? tapTable(inH, outH, strideH, padH, dilH, kH) : tapTable(outH, inH, strideH, padH, dilH, kH);
    const cols = transposed ? tapTable(inW, outW, strideW, padW, dilW, kW) : tapTable(outW, inW, strideW, padW, dilW, kW);
    const inPerGroup = inChannels / groups;
    const outPerGroup = outChannels / groups;
    const fields = [batch, groups, inPerGroup, outPerGroup, inH, inW, outH, outW, strideH, strideW, padH, padW, dilH, dilW];
    const rowsName = ctx.constArray('int32_t', rows);
    const colsName = ctx.constArray('int32_t', cols);
    const plan = ctx.declare('conv', (name) =>
      `static const etb_conv2d_plan ${name} = { ${fields.join(', ')}, { ${inN.strides.join(', ')} }, { ${wN.strides.join(', ')} }, { ${outN.strides.join(', ')} }, ${rowsName}, ${colsName} };`);

    const family = transposed ? 'etb_op_convolution_transposed_out' : 'etb_op_convolution_out';
    const fn = ctx.use(family, variantSuffix([dtype, biasDtype]), [cType(dtype).c, accumulatorType(dtype), cType(biasDtype).c]);
    return `${fn}(${ctx.tensorRef('input')}, ${ctx.tensorRef('weight')}, ${ctx.tensorRef('bias')}, ${ctx.tensorRef('out')}, &${plan})`;
  },
};

export const convLowerings: readonly Lowering[] = [convolution];
