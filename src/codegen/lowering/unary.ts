// Elementwise unary operators (math functions, activations, clamps) and softmax. Each follows its
// portable kernel's dtype rules: which dtypes it accepts, the dtype it computes in, how Scalar
// arguments convert; everything that can be is decided here and passed to the kernel as constants.
import { cType, isFloatDtype, isIntegralDtype, literalOf } from '../ctypes.js';
import type { ScalarTypeName, TensorValue } from '../../pte/model.js';
import { emitIterPlan, iterPlan, stridesOf } from './broadcast.js';
import { computeType, promoteTypes, promoteWithScalar, scalarDtype } from './dtypes.js';
import type { Lowering, LoweringContext } from './types.js';
import { variantSuffix } from './variants.js';

// ---- helpers shared with copy.ts -------------------------------------------------------------

const sameSizes = (a: TensorValue, b: TensorValue): boolean =>
  a.sizes.length === b.sizes.length && a.sizes.every((s, d) => s === b.sizes[d]);

/** Fails the build unless `name` and out have the same shape (the kernels never resize). */
export function requireSameShape(ctx: LoweringContext, name: string): void {
  const self = ctx.tensor(name);
  const out = ctx.tensor('out');
  if (!sameSizes(self, out)) {
    ctx.fail('ETB2133', `${ctx.opName}: out has shape [${out.sizes.join(', ')}], expected [${self.sizes.join(', ')}] like ${name}`);
  }
}

/** The iteration plan of a unary kernel over out (operand 0) and self (operand 1). */
function unaryPlan(ctx: LoweringContext): string {
  requireSameShape(ctx, 'self');
  const plan = iterPlan(ctx.tensor('out'), [ctx.tensor('self')]);
  if (typeof plan === 'string') return ctx.fail('ETB2112', plan);
  return emitIterPlan(ctx, plan);
}

const INTEGER_RANGES: Partial<Record<ScalarTypeName, readonly [number, number]>> = {
  BYTE: [0, 255], CHAR: [-128, 127], SHORT: [-32768, 32767], INT: [-2147483648, 2147483647],
  LONG: [-9223372036854775808, 9223372036854775807], UINT16: [0, 65535], UINT32: [0, 4294967295],
  UINT64: [0, 18446744073709551615],
};
const FLOAT_MAX = 3.4028234663852886e38;

/** A Scalar argument known at build time (null when a method input supplies it at run time). */
function buildTimeScalar(ctx: LoweringContext, name: string): { kind: 'Int' | 'Double' | 'Bool'; value: number } | null {
  const position = ctx.kernel.args.findIndex((a) => a.name === name);
  const index = ctx.args[position];
  if (index === undefined || ctx.method.inputs.includes(index)) return null;
  const v = ctx.value(name);
  if (v.kind === 'Int' || v.kind === 'Double') return { kind: v.kind, value: v.value };
  if (v.kind === 'Bool') return { kind: 'Bool', value: Number(v.value) };
  return null;
}

/**
 * Does converting the scalar to `dtype` overflow, by c10::overflows (the check behind the portable
 * kernels' check_overflow_scalar_cast)? Infinity and NaN fit a float type; a negative integer
 * "fits" an unsigned type down to -max (it wraps, as C++ arithmetic on uint8 does).
 */
function overflows(dtype: ScalarTypeName, kind: 'Int' | 'Double' | 'Bool', value: number): boolean {
  if (kind === 'Bool' || dtype === 'BOOL' || dtype === 'DOUBLE') return false;
  if (dtype === 'FLOAT') return Number.isFinite(value) && Math.abs(value) > FLOAT_MAX;
  const range = INTEGER_RANGES[dtype];
  if (!range) return false;
  if (kind === 'Double') return Number.isNaN(value) || value < range[0] || value > range[1];
  if (range[0] === 0) return value > range[1] || (value < 0 && -value > range[1]);
  return value < range[0] || value > range[1];
}

/**
 * A C expression for Scalar argument `name` converted to `dtype` as static_cast would convert it
 * (floats truncate toward zero into integers; negative integers wrap into unsigned types). When
 * `checkOverflow` is set, a value the dtype cannot hold fails the build, where the portable
 * kernel would fail at run time.
 */
export function scalarAs(ctx: LoweringContext, name: string, dtype: ScalarTypeName, checkOverflow = true): string {
  const known = buildTimeScalar(ctx, name);
  if (!known) return ctx.scalar(name, dtype);
  if (checkOverflow && overflows(dtype, known.kind, known.value)) {
    ctx.fail('ETB2132', `${ctx.opName}: ${name} = ${known.value} does not fit the ${dtype} tensor it applies to`);
  }
  if (!isIntegralDtype(dtype)) return literalOf(dtype, known.value);
  const whole = Math.trunc(known.value);
  // Wrapped into unsigned types by an explicit cast, as C converts (no -Woverflow on literals).
  const literal = literalOf(whole < 0 && INTEGER_RANGES[dtype]?.[0] === 0 ? 'LONG' : dtype, whole);
  return `((${cType(dtype).c})${literal})`;
}

const FLOATS: readonly ScalarTypeName[] = ['FLOAT', 'DOUBLE'];

function requireDtype(ctx: LoweringContext, name: string, allowed: readonly ScalarTypeName[], what: string): ScalarTypeName {
  const dtype = ctx.tensor(name).dtype;
  if (!allowed.includes(dtype)) ctx.fail('ETB2131', `${ctx.opName}: ${name} is ${dtype}, expected ${what}`);
  return dtype;
}

function requireSameDtype(ctx: LoweringContext): ScalarTypeName {
  const self = ctx.tensor('self').dtype;
  const out = ctx.tensor('out').dtype;
  if (self !== out) ctx.fail('ETB2131', `${ctx.opName}: out is ${out}, expected self's dtype ${self}`);
  return self;
}

const c = (d: ScalarTypeName): string => cType(d).c;

// ---- lowerings --------------------------------------------------------------------------------

/** exp, sqrt, tanh, sigmoid...: any real or bool input, float output, computed in float (double for double input). */
function floatMap(op: string, family: string): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const self = ctx.tensor('self').dtype;
      const out = requireDtype(ctx, 'out', FLOATS, 'a float or double output');
      const compute = self === 'DOUBLE' ? 'DOUBLE' : 'FLOAT';
      const fn = ctx.use(family, variantSuffix([self, out]), [c(self), c(out), c(compute)]);
      return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${unaryPlan(ctx)})`;
    },
  };
}

/** abs, neg, relu: out has self's dtype (not bool), computed in it. */
function sameTypeMap(op: string, family: string): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const dtype = requireSameDtype(ctx);
      if (dtype === 'BOOL') ctx.fail('ETB2131', `${ctx.opName} is not defined for BOOL tensors`);
      const fn = ctx.use(family, variantSuffix([dtype]), [c(dtype), c(dtype), c(dtype)]);
      return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${unaryPlan(ctx)})`;
    },
  };
}

/** The lowest and highest value of each compute dtype: a clamp bound that changes nothing. */
const EXTREMES: Partial<Record<ScalarTypeName, readonly [string, string]>> = {
  FLOAT: ['(-ETB_INF_F)', 'ETB_INF_F'], DOUBLE: ['(-ETB_INF_D)', 'ETB_INF_D'], BOOL: ['false', 'true'],
  BYTE: ['0', 'UINT8_MAX'], CHAR: ['INT8_MIN', 'INT8_MAX'], SHORT: ['INT16_MIN', 'INT16_MAX'],
  INT: ['INT32_MIN', 'INT32_MAX'], LONG: ['INT64_MIN', 'INT64_MAX'],
  UINT16: ['0', 'UINT16_MAX'], UINT32: ['0', 'UINT32_MAX'], UINT64: ['0', 'UINT64_MAX'],
};

/** check_bounds of the portable clamp: the bound must lie within out's range (integers by its int64 value). */
function boundOutOfRange(out: ScalarTypeName, kind: 'Int' | 'Double' | 'Bool', value: number): boolean {
  const range = INTEGER_RANGES[out];
  if (range) {
    const whole = kind === 'Double' ? Math.trunc(value) : value;
    return whole < range[0] || whole > range[1];
  }
  return out === 'FLOAT' && Number.isFinite(value) && Math.abs(value) > FLOAT_MAX;
}

/** The bound's value in `compute`, or the dtype's extreme (which clamps nothing) when it is None. */
function clampBound(ctx: LoweringContext, name: string, compute: ScalarTypeName, out: ScalarTypeName, which: 0 | 1): string {
  if (ctx.isNull(name)) return EXTREMES[compute]?.[which] ?? ctx.fail('ETB2131', `${ctx.opName} does not support ${compute}`);
  const known = buildTimeScalar(ctx, name);
  if (known && boundOutOfRange(out, known.kind, known.value)) {
    ctx.fail('ETB2132', `${ctx.opName}: ${name} = ${known.value} is outside the range of the ${out} output`);
  }
  return scalarAs(ctx, name, compute, false);
}

const clampScalar: Lowering = {
  ops: ['aten::clamp.out'],
  emit(ctx) {
    const self = ctx.tensor('self').dtype;
    const out = ctx.tensor('out').dtype;
    if (ctx.isNull('min') && ctx.isNull('max')) ctx.fail('ETB2130', 'aten::clamp.out needs min or max; both are None');
    let common = self;
    for (const name of ['min', 'max']) {
      const scalar = scalarDtype(ctx.value(name));
      if (scalar) common = promoteWithScalar(common, scalar);
    }
    if (common !== out) ctx.fail('ETB2131', `aten::clamp.out: out is ${out}, expected ${common} (self and the bounds promoted)`);
    const compute = computeType(common);
    const fn = ctx.use('etb_op_clamp_out', variantSuffix([self, out]), [c(self), c(out), c(compute)]);
    const lo = clampBound(ctx, 'min', compute, out, 0);
    const hi = clampBound(ctx, 'max', compute, out, 1);
    return `${fn}(${ctx.tensorRef('self')}, ${lo}, ${hi}, ${ctx.tensorRef('out')}, ${unaryPlan(ctx)})`;
  },
};

/** canCast: no float into an integer, nothing but bool into bool. */
function canCast(from: ScalarTypeName, to: ScalarTypeName): boolean {
  if (isFloatDtype(from) && (isIntegralDtype(to) || to === 'BOOL')) return false;
  return !(from !== 'BOOL' && to === 'BOOL');
}

const clampTensor: Lowering = {
  ops: ['aten::clamp.Tensor_out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const out = ctx.tensor('out');
    const hasMin = !ctx.isNull('min');
    const hasMax = !ctx.isNull('max');
    if (!hasMin && !hasMax) ctx.fail('ETB2130', 'aten::clamp.Tensor_out needs min or max; both are None');
    // A missing bound is stood in for by self, as the portable kernel does; the kernel never reads it.
    const min = hasMin ? ctx.tensor('min') : self;
    const max = hasMax ? ctx.tensor('max') : self;
    let common = self.dtype;
    if (hasMin) common = promoteTypes(common, min.dtype);
    if (hasMax) common = promoteTypes(common, max.dtype);
    if (!canCast(common, out.dtype)) ctx.fail('ETB2131', `aten::clamp.Tensor_out: the ${common} result cannot be stored in a ${out.dtype} output`);
    const compute = computeType(common);
    const dtypes = [self.dtype, min.dtype, max.dtype, out.dtype];
    const fn = ctx.use('etb_op_clamp_tensor_out', variantSuffix(dtypes), [...dtypes, compute].map(c));
    const plan = iterPlan(out, [self, min, max]);
    if (typeof plan === 'string') return ctx.fail('ETB2112', plan);
    const selfRef = ctx.tensorRef('self');
    const minRef = hasMin ? ctx.tensorRef('min') : selfRef;
    const maxRef = hasMax ? ctx.tensorRef('max') : selfRef;
    return `${fn}(${selfRef}, ${minRef}, ${maxRef}, ${hasMin}, ${hasMax}, ${ctx.tensorRef('out')}, ${emitIterPlan(ctx, plan)})`;
  },
};

const hardtanh: Lowering = {
  ops: ['aten::hardtanh.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx);
    if (dtype === 'BOOL') ctx.fail('ETB2131', 'aten::hardtanh.out is not defined for BOOL tensors');
    const fn = ctx.use('etb_op_hardtanh_out', variantSuffix([dtype]), [c(dtype), c(dtype), c(dtype)]);
    const lo = scalarAs(ctx, 'min_val', dtype);
    const hi = scalarAs(ctx, 'max_val', dtype);
    return `${fn}(${ctx.tensorRef('self')}, ${lo}, ${hi}, ${ctx.tensorRef('out')}, ${unaryPlan(ctx)})`;
  },
};

const gelu: Lowering = {
  ops: ['aten::gelu.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx);
    requireDtype(ctx, 'self', FLOATS, 'float or double');
    const approximate = ctx.value('approximate');
    const mode = approximate.kind === 'String' ? approximate.value : '';
    if (mode !== 'none' && mode !== 'tanh') ctx.fail('ETB2130', `aten::gelu.out: approximate must be 'none' or 'tanh', got '${mode}'`);
    const fn = ctx.use(`etb_op_gelu_out_${mode}`, variantSuffix([dtype]), [c(dtype), c(dtype), c(dtype)]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${unaryPlan(ctx)})`;
  },
};

const leakyRelu: Lowering = {
  ops: ['aten::leaky_relu.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx);
    requireDtype(ctx, 'self', FLOATS, 'float or double');
    const fn = ctx.use('etb_op_leaky_relu_out', variantSuffix([dtype]), [c(dtype), c(dtype), c(dtype)]);
    return `${fn}(${ctx.tensorRef('self')}, ${scalarAs(ctx, 'negative_slope', dtype)}, ${ctx.tensorRef('out')}, ${unaryPlan(ctx)})`;
  },
};

const elu: Lowering = {
  ops: ['aten::elu.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx);
    requireDtype(ctx, 'self', FLOATS, 'float or double');
    const fn = ctx.use('etb_op_elu_out', variantSuffix([dtype]), [c(dtype), c(dtype), c(dtype)]);
    const alpha = scalarAs(ctx, 'alpha', dtype, false);
    const scale = scalarAs(ctx, 'scale', dtype, false);
    const inputScale = scalarAs(ctx, 'input_scale', dtype, false);
    // negcoef = alpha * scale, multiplied once in the tensor's dtype as the portable kernel does.
    const negcoef = `(${c(dtype)})(${alpha} * ${scale})`;
    return `${fn}(${ctx.tensorRef('self')}, ${negcoef}, ${scale}, ${inputScale}, ${ctx.tensorRef('out')}, ${unaryPlan(ctx)})`;
  },
};

/** _softmax / _log_softmax: the dimension as outer blocks of `size` elements `inner` apart. */
function softmax(op: string, family: string): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const self = ctx.tensor('self');
      const out = ctx.tensor('out');
      const dtype = requireSameDtype(ctx);
      requireDtype(ctx, 'self', FLOATS, 'float or double');
      requireSameShape(ctx, 'self');
      if (ctx.number('half_to_float') !== 0) ctx.fail('ETB2130', `${op}: half_to_float is not supported (nor is it on CPU upstream)`);
      const strides = stridesOf(self);
      if (stridesOf(out).some((s, d) => s !== strides[d])) {
        ctx.fail('ETB2131', `${op}: out's dim order [${out.dimOrder.join(', ')}] differs from self's [${self.dimOrder.join(', ')}]`);
      }
      const rank = self.sizes.length;
      const dim = ctx.number('dim');
      const d = dim < 0 ? dim + Math.max(rank, 1) : dim;
      if (d < 0 || d >= Math.max(rank, 1)) ctx.fail('ETB2130', `${op}: dim ${dim} is out of range for a tensor of rank ${rank}`);
      const size = rank === 0 ? 1 : (self.sizes[d] ?? 1);
      const inner = rank === 0 ? 1 : (strides[d] ?? 1);
      const numel = self.sizes.reduce((a, b) => a * b, 1);
      const outer = size * inner === 0 ? 0 : numel / (size * inner);
      const fn = ctx.use(family, variantSuffix([dtype]), [c(dtype), c(dtype)]);
      return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${outer}, ${size}, ${inner})`;
    },
  };
}

export const unaryLowerings: readonly Lowering[] = [
  floatMap('aten::exp.out', 'etb_op_exp_out'),
  floatMap('aten::sqrt.out', 'etb_op_sqrt_out'),
  floatMap('aten::rsqrt.out', 'etb_op_rsqrt_out'),
  floatMap('aten::log.out', 'etb_op_log_out'),
  floatMap('aten::sin.out', 'etb_op_sin_out'),
  floatMap('aten::cos.out', 'etb_op_cos_out'),
  floatMap('aten::tanh.out', 'etb_op_tanh_out'),
  floatMap('aten::sigmoid.out', 'etb_op_sigmoid_out'),
  sameTypeMap('aten::abs.out', 'etb_op_abs_out'),
  sameTypeMap('aten::neg.out', 'etb_op_neg_out'),
  sameTypeMap('aten::relu.out', 'etb_op_relu_out'),
  hardtanh,
  clampScalar,
  clampTensor,
  gelu,
  leakyRelu,
  elu,
  softmax('aten::_softmax.out', 'etb_op__softmax_out'),
  softmax('aten::_log_softmax.out', 'etb_op__log_softmax_out'),
];
