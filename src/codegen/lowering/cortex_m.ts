// The cortex_m:: operators (ExecuTorch's Cortex-M backend, CMSIS-NN upstream) lowered to the
// kernels in runtime-c/kernels/cortex_m. Every geometry, offset and quantization value is read
// from the call's arguments here, at build time, and emitted as a `static const` parameter block;
// the kernels only loop (runtime-c/kernels/cortex_m/README.md maps each argument). Arguments the
// operator rejects upstream fail the build: ETB2140 (shapes and values), ETB2141 (layout),
// ETB2142 (dtypes), ETB2143 (beyond the kernels' limits).
import { floatLiteral } from '../ctypes.js';
import { tensorNbytes, tensorNumel, type TensorValue } from '../../pte/model.js';
import { emitIterPlan, iterPlan, stridesOf } from './broadcast.js';
import type { Lowering, LoweringContext } from './types.js';

const UNSUPPORTED_ARGUMENTS = 'ETB2140';
const UNSUPPORTED_LAYOUT = 'ETB2141';
const UNSUPPORTED_DTYPE = 'ETB2142';
const BEYOND_LIMITS = 'ETB2143';

/** The tensor `name` must have one of `dtypes`. */
function expectDtype(ctx: LoweringContext, name: string, dtypes: readonly TensorValue['dtype'][]): TensorValue {
  const t = ctx.tensor(name);
  if (!dtypes.includes(t.dtype)) ctx.fail(UNSUPPORTED_DTYPE, `${ctx.opName}: ${name} is ${t.dtype}; it must be ${dtypes.join(' or ')}`);
  return t;
}

/** The quantized dtype a ScalarType argument names (1 int8, 2 int16), matching tensor `name`. */
function quantizedDtype(ctx: LoweringContext, name: string): TensorValue {
  const t = expectDtype(ctx, name, ['CHAR', 'SHORT']);
  const declared = int(ctx, 'dtype');
  if (declared !== (t.dtype === 'CHAR' ? 1 : 2)) {
    ctx.fail(UNSUPPORTED_DTYPE, `${ctx.opName}: dtype ${declared} does not match ${name} (${t.dtype}); 1 is int8, 2 is int16`);
  }
  return t;
}

const CHANNELS_LAST = [0, 2, 3, 1];

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** NCHW sizes of a 4-D tensor whose memory is NHWC: channels-last, or a layout where the two
 * orders coincide (one channel, or a 1x1 image), as upstream's is_channels_last_tensor decides. */
function nhwc(ctx: LoweringContext, name: string): { n: number; c: number; h: number; w: number } {
  const t = ctx.tensor(name);
  const [n = 1, c = 1, h = 1, w = 1] = t.sizes;
  const ambiguous = c === 1 || (h === 1 && w === 1);
  if (t.sizes.length !== 4 || !(ambiguous || sameList(t.dimOrder, CHANNELS_LAST))) {
    ctx.fail(UNSUPPORTED_LAYOUT, `${ctx.opName}: ${name} must be a 4-D channels-last (NHWC) tensor, got shape [${t.sizes.join(', ')}] with dim order [${t.dimOrder.join(', ')}]`, [
      'the cortex_m backend exports its convolution and pooling operands channels-last; re-export the model with the cortex_m passes',
    ]);
  }
  return { n, c, h, w };
}

function pair(ctx: LoweringContext, name: string): [number, number] {
  const items = ctx.list(name);
  if (items.length !== 2) ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: ${name} must have 2 entries, got [${items.join(', ')}]`);
  return [items[0] ?? 0, items[1] ?? 0];
}

function int(ctx: LoweringContext, name: string): number {
  const v = ctx.number(name);
  if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
    ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: ${name} = ${v} does not fit in int32`);
  }
  return v;
}

function int32Literal(v: number): string {
  return v === -2147483648 ? 'INT32_MIN' : String(v);
}

/** `static const <type> NAME = { .field = value, ... };` and a pointer to it. */
function params(ctx: LoweringContext, type: string, prefix: string, fields: Record<string, number>): string {
  const body = Object.entries(fields).map(([k, v]) => `.${k} = ${int32Literal(v)}`).join(', ');
  return `&${ctx.declare(prefix, (n) => `static const ${type} ${n} = { ${body} };`)}`;
}

function input(ctx: LoweringContext, name: string): string {
  return ctx.dataRef(name, `const ${ctype(ctx.tensor(name))}`);
}

function output(ctx: LoweringContext): string {
  return ctx.dataRef('out', ctype(ctx.tensor('out')));
}

function optionalInput(ctx: LoweringContext, name: string, type: string): string {
  return ctx.isNull(name) ? 'NULL' : ctx.dataRef(name, `const ${type}`);
}

function ctype(t: TensorValue): string {
  switch (t.dtype) {
    case 'CHAR': return 'int8_t';
    case 'SHORT': return 'int16_t';
    case 'INT': return 'int32_t';
    case 'FLOAT': return 'float';
    case 'BYTE': return 'uint8_t';
    default: return 'int8_t';
  }
}

function call(fn: string, args: readonly string[]): string {
  return `${fn}(${args.join(', ')})`;
}

function suffixOf(t: TensorValue): 's8' | 's16' {
  return t.dtype === 'SHORT' ? 's16' : 's8';
}

/** Scratch of the convolution kernel on cores with the DSP extension (etb_cm_conv.h): none while
 * the window has at most 128 values (it works on the stack), else the two windows expanded to
 * 16 bits and, unless a 1x1 window is read in place, the im2col row. */
const CONV_STACK_VALUES = 128;
function convScratchBytes(kh: number, kw: number, channels: number, inPlace: boolean): number {
  const length = kh * kw * channels;
  if (length <= CONV_STACK_VALUES) return 0;
  const rounded = (length + 3) & ~3;
  return 4 * rounded + (inPlace ? 0 : rounded);
}

/** Scratch for a kernel that needs `bytes` on cores with the DSP extension: the program's own
 * scratch tensor when it is large enough, otherwise a static buffer sized for those cores only. */
function scratch(ctx: LoweringContext, bytes: number): [string, string] {
  const planned = ctx.tensor('scratch');
  if (bytes === 0) return ['NULL', '0'];
  if (tensorNbytes(planned) >= bytes) return [ctx.dataRef('scratch', 'int8_t'), String(tensorNbytes(planned))];
  const name = ctx.declare('scratch', (n) => `static int8_t ${n}[ETB_CM_DSP ? ${bytes} : 1] ETB_ALIGNED(4);`);
  return [name, `sizeof(${name})`];
}

function sameLayout(a: TensorValue, b: TensorValue): boolean {
  return sameList(a.sizes, b.sizes) && (tensorNumel(a) <= 1 || sameList(stridesOf(a), stridesOf(b)));
}

/** Binary elementwise operators: the flat kernel when both inputs have the output's shape and
 * layout, the broadcasting one (a build-time iteration plan) otherwise. */
function binary(ctx: LoweringContext, family: string, extra: readonly string[]): string {
  const self = ctx.tensor('self'), other = ctx.tensor('other'), out = ctx.tensor('out');
  const data = [input(ctx, 'self'), input(ctx, 'other'), output(ctx)];
  if (sameLayout(self, out) && sameLayout(other, out)) {
    return call(ctx.use(family, 's8'), [...data, String(tensorNumel(out)), ...extra]);
  }
  const plan = iterPlan(out, [self, other]);
  if (typeof plan === 'string') ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: ${plan}`);
  return call(ctx.use(`${family}_broadcast`, 's8'), [...data, emitIterPlan(ctx, plan), ...extra]);
}

const quantize: Lowering = {
  ops: ['cortex_m::quantize_per_tensor.out'],
  emit(ctx) {
    expectDtype(ctx, 'input', ['FLOAT']);
    const out = quantizedDtype(ctx, 'out');
    return call(ctx.use('etb_cm_quantize_per_tensor', suffixOf(out)), [
      input(ctx, 'input'), output(ctx), String(tensorNumel(out)), floatLiteral(ctx.number('scale')),
      String(int(ctx, 'zero_point')), String(int(ctx, 'quant_min')), String(int(ctx, 'quant_max')),
    ]);
  },
};

const dequantize: Lowering = {
  ops: ['cortex_m::dequantize_per_tensor.out'],
  emit(ctx) {
    expectDtype(ctx, 'out', ['FLOAT']);
    const inp = quantizedDtype(ctx, 'input');
    return call(ctx.use('etb_cm_dequantize_per_tensor', suffixOf(inp)), [
      input(ctx, 'input'), output(ctx), String(tensorNumel(inp)), floatLiteral(ctx.number('scale')),
      String(int(ctx, 'zero_point')),
    ]);
  },
};

/** Upstream scales both inputs up by 2^20 before rescaling them (CMSIS-NN's left_shift). */
const ADD_LEFT_SHIFT = 20;

const add: Lowering = {
  ops: ['cortex_m::quantized_add.out'],
  emit(ctx) {
    const p = params(ctx, 'etb_cm_add_params', 'add', {
      input1_offset: -int(ctx, 'self_zero_point'), input1_multiplier: int(ctx, 'self_multiplier'), input1_shift: int(ctx, 'self_shift'),
      input2_offset: -int(ctx, 'other_zero_point'), input2_multiplier: int(ctx, 'other_multiplier'), input2_shift: int(ctx, 'other_shift'),
      left_shift: ADD_LEFT_SHIFT,
      output_offset: int(ctx, 'output_zero_point'), output_multiplier: int(ctx, 'output_multiplier'), output_shift: int(ctx, 'output_shift'),
      act_min: int(ctx, 'activation_min'), act_max: int(ctx, 'activation_max'),
    });
    return binary(ctx, 'etb_cm_add', [p]);
  },
};

const mul: Lowering = {
  ops: ['cortex_m::quantized_mul.out'],
  emit(ctx) {
    const p = params(ctx, 'etb_cm_mul_params', 'mul', {
      input1_offset: -int(ctx, 'self_zero_point'), input2_offset: -int(ctx, 'other_zero_point'),
      output_offset: int(ctx, 'output_zero_point'), output_multiplier: int(ctx, 'output_multiplier'), output_shift: int(ctx, 'output_shift'),
      act_min: -128, act_max: 127,
    });
    return binary(ctx, 'etb_cm_mul', [p]);
  },
};

const div: Lowering = {
  ops: ['cortex_m::quantized_div.out'],
  emit(ctx) {
    const out = expectDtype(ctx, 'out', ['CHAR', 'SHORT']);
    const self = expectDtype(ctx, 'self', [out.dtype]), other = expectDtype(ctx, 'other', [out.dtype]);
    if (!sameLayout(self, out) || !sameLayout(other, out)) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: operands must have the same shape, got [${self.sizes.join(', ')}] and [${other.sizes.join(', ')}]`);
    }
    return call(ctx.use('etb_cm_div', suffixOf(out)), [
      input(ctx, 'self'), input(ctx, 'other'), output(ctx), String(tensorNumel(out)),
      String(int(ctx, 'self_zero_point')), String(int(ctx, 'other_zero_point')), String(int(ctx, 'output_zero_point')),
      floatLiteral(ctx.number('output_scale')),
    ]);
  },
};

const activation: Lowering = {
  ops: ['cortex_m::quantized_activation.out'],
  emit(ctx) {
    if (tensorNumel(ctx.tensor('lut')) !== 256) ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: the lut must have 256 entries`);
    return call(ctx.use('etb_cm_lut', 's8'), [
      input(ctx, 'input'), output(ctx), String(tensorNumel(ctx.tensor('out'))), input(ctx, 'lut'),
    ]);
  },
};

const maximum: Lowering = { ops: ['cortex_m::maximum.out'], emit: (ctx) => binary(ctx, 'etb_cm_maximum', []) };
const minimum: Lowering = { ops: ['cortex_m::minimum.out'], emit: (ctx) => binary(ctx, 'etb_cm_minimum', []) };

const linear: Lowering = {
  ops: ['cortex_m::quantized_linear.out'],
  emit(ctx) {
    const inp = ctx.tensor('input'), weights = ctx.tensor('weights');
    const inFeatures = inp.sizes[inp.sizes.length - 1] ?? 1;
    if (weights.sizes.length !== 2 || weights.sizes[1] !== inFeatures) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: weights [${weights.sizes.join(', ')}] do not match ${inFeatures} input features`);
    }
    const multipliers = ctx.list('requantize_multipliers'), shifts = ctx.list('requantize_shifts');
    const p = params(ctx, 'etb_cm_linear_params', 'linear', {
      batches: tensorNumel(inp) / inFeatures, in_features: inFeatures, out_features: weights.sizes[0] ?? 0,
      input_offset: int(ctx, 'input_offset'), filter_offset: int(ctx, 'filter_offset'), output_offset: int(ctx, 'output_offset'),
      multiplier: multipliers[0] ?? 0, shift: shifts[0] ?? 0,
      act_min: int(ctx, 'activation_min'), act_max: int(ctx, 'activation_max'),
    });
    return call(ctx.use('etb_cm_linear', 's8'), [p, input(ctx, 'input'), input(ctx, 'weights'), optionalInput(ctx, 'bias', 'int32_t'), output(ctx)]);
  },
};

const batchMatmul: Lowering = {
  ops: ['cortex_m::quantized_batch_matmul.out'],
  emit(ctx) {
    const lhs = ctx.tensor('lhs'), rhs = ctx.tensor('rhs_transposed');
    const [batches = 1, rows = 1, inner = 1] = lhs.sizes;
    if (lhs.sizes.length !== 3 || rhs.sizes.length !== 3 || rhs.sizes[0] !== batches || rhs.sizes[2] !== inner) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: lhs [${lhs.sizes.join(', ')}] and rhs_transposed [${rhs.sizes.join(', ')}] must be [B, M, K] and [B, N, K]`);
    }
    const p = params(ctx, 'etb_cm_batch_matmul_params', 'bmm', {
      batches, rows, cols: rhs.sizes[1] ?? 1, inner,
      lhs_offset: int(ctx, 'lhs_zero_point'), rhs_offset: int(ctx, 'rhs_zero_point'), output_offset: int(ctx, 'output_zero_point'),
      multiplier: int(ctx, 'output_multiplier'), shift: int(ctx, 'output_shift'), act_min: -128, act_max: 127,
    });
    return call(ctx.use('etb_cm_batch_matmul', 's8'), [p, input(ctx, 'lhs'), input(ctx, 'rhs_transposed'), output(ctx)]);
  },
};

const softmax: Lowering = {
  ops: ['cortex_m::softmax.out'],
  emit(ctx) {
    const inp = ctx.tensor('input');
    const rank = inp.sizes.length;
    const dim = int(ctx, 'dim');
    if ((dim < 0 ? dim + rank : dim) !== rank - 1) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: only the last dimension is supported, got dim ${dim} of a rank-${rank} tensor`);
    }
    if (int(ctx, 'output_zero_point') !== -128) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: the output zero point must be -128 (CMSIS-NN's output quantization), got ${ctx.number('output_zero_point')}`);
    }
    const rowSize = inp.sizes[rank - 1] ?? 1;
    return call(ctx.use('etb_cm_softmax', 's8'), [
      input(ctx, 'input'), output(ctx), String(tensorNumel(inp) / rowSize), String(rowSize),
      String(int(ctx, 'input_multiplier')), String(int(ctx, 'input_shift')), String(int(ctx, 'diff_min')),
    ]);
  },
};

const transpose: Lowering = {
  ops: ['cortex_m::transpose.out'],
  emit(ctx) {
    const inp = ctx.tensor('input'), out = ctx.tensor('out');
    const perm = ctx.list('perm');
    const rank = inp.sizes.length;
    if (rank < 1 || rank > 4 || perm.length !== rank) {
      ctx.fail(BEYOND_LIMITS, `${ctx.opName}: rank ${rank} with permutation [${perm.join(', ')}]; ranks 1 to 4 are supported`);
    }
    // The output is written in its memory order; each of its dimensions reads the input
    // dimension the permutation names, with that dimension's stride.
    const inStrides = stridesOf(inp);
    const sizes: number[] = [], strides: number[] = [];
    for (const d of out.dimOrder) {
      const from = perm[d] ?? 0;
      sizes.push(out.sizes[d] ?? 1);
      strides.push(inStrides[from < 0 ? from + rank : from] ?? 0);
    }
    while (sizes.length < 4) { sizes.unshift(1); strides.unshift(0); }
    return call(ctx.use('etb_cm_transpose', 's8'), [
      input(ctx, 'input'), output(ctx), ctx.constArray('int32_t', sizes), ctx.constArray('int32_t', strides),
    ]);
  },
};

const pad: Lowering = {
  ops: ['cortex_m::pad.out'],
  emit(ctx) {
    const inp = ctx.tensor('input');
    const rank = inp.sizes.length;
    const pre = ctx.list('pre_pad'), post = ctx.list('post_pad');
    if (rank < 1 || rank > 4 || pre.length !== 4 || post.length !== 4) {
      ctx.fail(BEYOND_LIMITS, `${ctx.opName}: rank ${rank} with pads [${pre.join(', ')}] / [${post.join(', ')}]; ranks 1 to 4 with four pads each are supported`);
    }
    // Upstream's dimension order: N, H, W, C for a channels-last tensor, the tensor's own
    // dimensions right-aligned to four otherwise.
    const [, c = 1, h = 1, w = 1] = inp.sizes;
    const channelsLast = rank === 4 && (c === 1 || (h === 1 && w === 1) || sameList(inp.dimOrder, CHANNELS_LAST));
    const dims = channelsLast ? CHANNELS_LAST.map((d) => inp.sizes[d] ?? 1) : [...Array<number>(4 - rank).fill(1), ...inp.sizes];
    const value = int(ctx, 'pad_value');
    return call(ctx.use('etb_cm_pad', 's8'), [
      input(ctx, 'input'), output(ctx), ctx.constArray('int32_t', dims), ctx.constArray('int32_t', pre),
      ctx.constArray('int32_t', post), `(int8_t)${value}`,
    ]);
  },
};

/** Requantization tensors must hold one int32 per output channel. */
function perChannel(ctx: LoweringContext, channels: number): [string, string] {
  for (const name of ['requantize_multipliers', 'requantize_shifts']) {
    const t = ctx.tensor(name);
    if (t.dtype !== 'INT' || tensorNumel(t) !== channels) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: ${name} must be int32[${channels}], got ${t.dtype}[${t.sizes.join(', ')}]`);
    }
  }
  return [input(ctx, 'requantize_multipliers'), input(ctx, 'requantize_shifts')];
}

const conv: Lowering = {
  ops: ['cortex_m::quantized_conv2d.out'],
  emit(ctx) {
    const i = nhwc(ctx, 'input'), o = nhwc(ctx, 'out');
    const weight = ctx.tensor('weight');
    const [oc = 0, kh = 1, kw = 1, fc = 1] = weight.sizes;
    if (weight.sizes.length !== 4 || oc !== o.c || i.c % fc !== 0 || o.c % (i.c / fc) !== 0) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: weight [${weight.sizes.join(', ')}] does not fit input channels ${i.c} and output channels ${o.c}`);
    }
    const [sh, sw] = pair(ctx, 'stride'), [ph, pw] = pair(ctx, 'padding'), [dh, dw] = pair(ctx, 'dilation');
    const p = params(ctx, 'etb_cm_conv_params', 'conv', {
      batches: i.n, input_h: i.h, input_w: i.w, input_c: i.c, output_h: o.h, output_w: o.w, output_c: o.c,
      kernel_h: kh, kernel_w: kw, filter_c: fc, stride_h: sh, stride_w: sw, pad_h: ph, pad_w: pw, dilation_h: dh, dilation_w: dw,
      input_offset: int(ctx, 'input_offset'), output_offset: int(ctx, 'output_offset'),
      act_min: int(ctx, 'activation_min'), act_max: int(ctx, 'activation_max'),
    });
    const inPlace = kh === 1 && kw === 1 && sh === 1 && sw === 1 && ph === 0 && pw === 0;
    const [buffer, size] = scratch(ctx, convScratchBytes(kh, kw, i.c, inPlace));
    const [multipliers, shifts] = perChannel(ctx, o.c);
    return call(ctx.use('etb_cm_conv', 's8'), [
      p, input(ctx, 'input'), input(ctx, 'weight'), optionalInput(ctx, 'bias', 'int32_t'), multipliers, shifts, buffer, size, output(ctx),
    ]);
  },
};

/** The weights of a one-input-channel depthwise convolution, [1][kh][kw][oc], transposed to the
 * convolution layout [oc][kh][kw][1]; null when they are not constant. */
function transposedDepthwiseWeights(t: TensorValue): number[] | null {
  if (t.data.kind !== 'constant') return null;
  const [, kh = 1, kw = 1, oc = 1] = t.sizes;
  const bytes = t.data.bytes;
  const out: number[] = [];
  for (let c = 0; c < oc; c++) {
    for (let k = 0; k < kh * kw; k++) out.push(((bytes[k * oc + c] ?? 0) << 24) >> 24);
  }
  return out;
}

const depthwise: Lowering = {
  ops: ['cortex_m::quantized_depthwise_conv2d.out'],
  emit(ctx) {
    const i = nhwc(ctx, 'input'), o = nhwc(ctx, 'out');
    const weight = ctx.tensor('weight');
    const [one = 1, kh = 1, kw = 1, oc = 0] = weight.sizes;
    const multiplier = int(ctx, 'depth_multiplier');
    if (weight.sizes.length !== 4 || one !== 1 || oc !== o.c || o.c !== i.c * multiplier) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: weight [${weight.sizes.join(', ')}] with depth multiplier ${multiplier} does not fit input channels ${i.c} and output channels ${o.c}`);
    }
    const [sh, sw] = pair(ctx, 'stride'), [ph, pw] = pair(ctx, 'padding'), [dh, dw] = pair(ctx, 'dilation');
    const geometry = {
      batches: i.n, input_h: i.h, input_w: i.w, input_c: i.c, output_h: o.h, output_w: o.w, output_c: o.c,
    };
    const window = { stride_h: sh, stride_w: sw, pad_h: ph, pad_w: pw, dilation_h: dh, dilation_w: dw };
    const quantization = {
      input_offset: int(ctx, 'input_offset'), output_offset: int(ctx, 'output_offset'),
      act_min: int(ctx, 'activation_min'), act_max: int(ctx, 'activation_max'),
    };
    const [multipliers, shifts] = perChannel(ctx, o.c);
    const bias = optionalInput(ctx, 'bias', 'int32_t');
    // One input channel: an ordinary convolution of the transposed weights.
    const transposed = i.c === 1 ? transposedDepthwiseWeights(weight) : null;
    if (transposed) {
      const p = params(ctx, 'etb_cm_conv_params', 'conv', { ...geometry, kernel_h: kh, kernel_w: kw, filter_c: 1, ...window, ...quantization });
      const [buffer, size] = scratch(ctx, convScratchBytes(kh, kw, 1, false));
      return call(ctx.use('etb_cm_conv', 's8'), [
        p, input(ctx, 'input'), ctx.constArray('int8_t', transposed), bias, multipliers, shifts, buffer, size, output(ctx),
      ]);
    }
    const p = params(ctx, 'etb_cm_depthwise_conv_params', 'dwconv', {
      ...geometry, depth_multiplier: multiplier, kernel_h: kh, kernel_w: kw, ...window, ...quantization,
    });
    return call(ctx.use('etb_cm_depthwise_conv', 's8'), [p, input(ctx, 'input'), input(ctx, 'weight'), bias, multipliers, shifts, output(ctx)]);
  },
};

const transposeConv: Lowering = {
  ops: ['cortex_m::quantized_transpose_conv2d.out'],
  emit(ctx) {
    const i = nhwc(ctx, 'input'), o = nhwc(ctx, 'out');
    const weight = ctx.tensor('weight');
    const [oc = 0, kh = 1, kw = 1, ic = 0] = weight.sizes;
    if (weight.sizes.length !== 4 || oc !== o.c || ic !== i.c) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: weight [${weight.sizes.join(', ')}] does not fit input channels ${i.c} and output channels ${o.c}`);
    }
    const [sh, sw] = pair(ctx, 'stride'), [ph, pw] = pair(ctx, 'padding'), [dh, dw] = pair(ctx, 'dilation');
    const p = params(ctx, 'etb_cm_transpose_conv_params', 'tconv', {
      batches: i.n, input_h: i.h, input_w: i.w, input_c: i.c, output_h: o.h, output_w: o.w, output_c: o.c,
      kernel_h: kh, kernel_w: kw, stride_h: sh, stride_w: sw, pad_h: ph, pad_w: pw, dilation_h: dh, dilation_w: dw,
      input_offset: int(ctx, 'input_offset'), output_offset: int(ctx, 'output_offset'),
      act_min: int(ctx, 'activation_min'), act_max: int(ctx, 'activation_max'),
    });
    const [multipliers, shifts] = perChannel(ctx, o.c);
    return call(ctx.use('etb_cm_transpose_conv', 's8'), [
      p, input(ctx, 'input'), input(ctx, 'weight'), optionalInput(ctx, 'bias', 'int32_t'), multipliers, shifts, output(ctx),
    ]);
  },
};

function poolParams(ctx: LoweringContext, actMin: number, actMax: number): string {
  const i = nhwc(ctx, 'input'), o = nhwc(ctx, 'out');
  if (i.n !== o.n || i.c !== o.c) ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: input and output must have the same batch and channels`);
  const [kh, kw] = pair(ctx, 'kernel_size'), [sh, sw] = pair(ctx, 'stride'), [ph, pw] = pair(ctx, 'padding');
  return params(ctx, 'etb_cm_pool_params', 'pool', {
    batches: i.n, input_h: i.h, input_w: i.w, channels: i.c, output_h: o.h, output_w: o.w,
    kernel_h: kh, kernel_w: kw, stride_h: sh, stride_w: sw, pad_h: ph, pad_w: pw, act_min: actMin, act_max: actMax,
  });
}

/** Both argument lists: with ceil_mode (11 arguments) and the older one without (10). The output
 * shape already says how ceil_mode rounded; the kernel does not need it. */
const avgPool: Lowering = {
  ops: ['cortex_m::quantized_avg_pool2d.out'],
  emit(ctx) {
    return call(ctx.use('etb_cm_avg_pool', 's8'), [poolParams(ctx, -128, 127), input(ctx, 'input'), output(ctx)]);
  },
};

const maxPool: Lowering = {
  ops: ['cortex_m::quantized_max_pool2d.out'],
  emit(ctx) {
    if (!sameList(ctx.list('dilation'), [1, 1])) ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: dilation must be [1, 1], got [${ctx.list('dilation').join(', ')}]`);
    if (ctx.number('ceil_mode')) ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: ceil_mode=True is not supported (upstream rejects it too)`);
    if (int(ctx, 'input_zero_point') !== int(ctx, 'output_zero_point')) {
      ctx.fail(UNSUPPORTED_ARGUMENTS, `${ctx.opName}: input and output zero points must match`);
    }
    const p = poolParams(ctx, int(ctx, 'activation_min'), int(ctx, 'activation_max'));
    return call(ctx.use('etb_cm_max_pool', 's8'), [p, input(ctx, 'input'), output(ctx)]);
  },
};

export const cortexMLowerings: readonly Lowering[] = [
  quantize, dequantize, add, mul, div, activation, maximum, minimum, linear, batchMatmul, softmax, transpose, pad,
  conv, depthwise, transposeConv, avgPool, maxPool,
];
