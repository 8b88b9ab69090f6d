// Broadcasting elementwise arithmetic: add, sub, rsub, mul, div (with rounding modes), pow,
// remainder, fmod and the bitwise operators, Tensor and Scalar overloads. Operands are read in
// their own dtype, computed in a compute dtype chosen here by the portable kernels' promotion
// rules and converted to out's dtype (see runtime-c/include/etb/binary.h). Calls that the
// reference runtime refuses (a float result into an integer out, a bool alpha, ...) fail the
// build instead of failing on the device.
import { cType, isFloatDtype, isIntegralDtype } from '../ctypes.js';
import type { ScalarTypeName } from '../../pte/model.js';
import { emitIterPlan, iterPlan } from './broadcast.js';
import { computeType, promoteTypes, promoteWithScalar, scalarDtype } from './dtypes.js';
import type { Lowering, LoweringContext } from './types.js';
import { variantSuffix } from './variants.js';

type ScalarKind = 'BOOL' | 'LONG' | 'DOUBLE';

/** canCast as the portable kernels check it: never float to integer, nothing but bool to bool. */
export function canCast(from: ScalarTypeName, to: ScalarTypeName): boolean {
  if (isFloatDtype(from) && !isFloatDtype(to)) return false;
  return from === 'BOOL' || to !== 'BOOL';
}

/** Fails the build for a dtype combination the reference runtime rejects. */
export function refuse(ctx: LoweringContext, why: string): never {
  return ctx.fail('ETB2130', `${ctx.opName}: ${why}; the ExecuTorch runtime rejects this call`, [
    'the program was probably not produced by torch.export/exir; re-export it',
  ]);
}

/** The kind of a Scalar argument (Bool, Long or Double), as the kernels see it. */
export function scalarKind(ctx: LoweringContext, name: string): ScalarKind {
  return scalarDtype(ctx.value(name)) ?? ctx.fail('ETB2102', `argument ${name} of ${ctx.opName} must be a scalar`);
}

/**
 * A scalar argument converted to the compute dtype as the kernels' scalar_to<T> does. Integers
 * get an explicit cast so an out-of-range constant wraps like the reference (and compiles
 * without an overflow warning).
 */
export function scalarArg(ctx: LoweringContext, name: string, dtype: ScalarTypeName): string {
  const value = ctx.scalar(name, dtype);
  return isIntegralDtype(dtype) ? `((${cType(dtype).c})${value})` : value;
}

/** The iteration plan of out against the named inputs (in order), as a pointer expression. */
export function planArg(ctx: LoweringContext, inputs: readonly string[]): string {
  const plan = iterPlan(ctx.tensor('out'), inputs.map((name) => ctx.tensor(name)));
  if (typeof plan === 'string') return ctx.fail('ETB2112', `${ctx.opName}: ${plan}`);
  return emitIterPlan(ctx, plan);
}

const cTypes = (dtypes: readonly ScalarTypeName[]): string[] => dtypes.map((d) => cType(d).c);

/** Decides the compute dtype of a call from its operand dtypes (or refuses the call). */
type TensorTensorCompute = (ctx: LoweringContext, a: ScalarTypeName, b: ScalarTypeName, out: ScalarTypeName) => ScalarTypeName;
type TensorScalarCompute = (ctx: LoweringContext, a: ScalarTypeName, scalar: ScalarKind, out: ScalarTypeName) => ScalarTypeName;

interface TensorTensorSpec {
  readonly compute: TensorTensorCompute;
  /** Pass the `alpha` scalar (add, sub) between the inputs and out. */
  readonly alpha?: boolean;
  /** Names of the two tensor inputs; ['self', 'other'] unless given. */
  readonly inputs?: readonly [string, string];
  /** Picks the kernel family per call (div.out_mode picks by rounding mode). */
  readonly family: string | ((ctx: LoweringContext) => string);
}

/**
 * `family_<a>_<b>_<out>(self, other, [alpha,] out, plan)`: the compute dtype is a function of the
 * three dtypes in every family, so they name the variant.
 */
export function tensorTensor(op: string, spec: TensorTensorSpec): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const [first, second] = spec.inputs ?? ['self', 'other'];
      const a = ctx.tensor(first).dtype;
      const b = ctx.tensor(second).dtype;
      const out = ctx.tensor('out').dtype;
      const compute = spec.compute(ctx, a, b, out);
      const family = typeof spec.family === 'string' ? spec.family : spec.family(ctx);
      const fn = ctx.use(family, variantSuffix([a, b, out]), cTypes([a, b, out, compute]));
      const alpha = spec.alpha ? `${scalarArg(ctx, 'alpha', compute)}, ` : '';
      return `${fn}(${ctx.tensorRef(first)}, ${ctx.tensorRef(second)}, ${alpha}${ctx.tensorRef('out')}, ${planArg(ctx, [first, second])})`;
    },
  };
}

interface TensorScalarSpec {
  readonly compute: TensorScalarCompute;
  readonly alpha?: boolean;
  /** Names of the tensor and the scalar argument; ['self', 'other'] unless given. */
  readonly args?: readonly [string, string];
  readonly family: string | ((ctx: LoweringContext) => string);
}

/**
 * `family_<a>_<out>_<compute>(tensor, scalar, [alpha,] out, plan)`: the scalar's kind changes the
 * compute dtype (int tensor + 1.5 computes in float), so the compute dtype is part of the name.
 */
export function tensorScalar(op: string, spec: TensorScalarSpec): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const [tensorName, scalarName] = spec.args ?? ['self', 'other'];
      const a = ctx.tensor(tensorName).dtype;
      const out = ctx.tensor('out').dtype;
      const compute = spec.compute(ctx, a, scalarKind(ctx, scalarName), out);
      const family = typeof spec.family === 'string' ? spec.family : spec.family(ctx);
      const fn = ctx.use(family, variantSuffix([a, out, compute]), cTypes([a, out, compute]));
      const alpha = spec.alpha ? `, ${scalarArg(ctx, 'alpha', compute)}` : '';
      return `${fn}(${ctx.tensorRef(tensorName)}, ${scalarArg(ctx, scalarName, compute)}${alpha}, ${ctx.tensorRef('out')}, ${planArg(ctx, [tensorName])})`;
    },
  };
}

// ---- compute dtypes, one rule per kernel of the reference runtime ----

/** The promoted dtype must convert to out (add.out, mul.out, maximum.out, ...). */
export const promotedCastToOut: TensorTensorCompute = (ctx, a, b, out) => {
  const common = promoteTypes(a, b);
  if (!canCast(common, out)) refuse(ctx, `${a} and ${b} promote to ${common}, which cannot be stored in a ${out} out`);
  return computeType(common);
};

/** The tensor promoted with the scalar must be out's dtype (add.Scalar_out, mul.Scalar_out, ...). */
export const promotedIsOut: TensorScalarCompute = (ctx, a, scalar, out) => {
  const common = promoteWithScalar(a, scalar);
  if (common !== out) refuse(ctx, `${a} with a ${scalar} scalar gives ${common}, but out is ${out}`);
  return computeType(common);
};

function notBool(ctx: LoweringContext, compute: ScalarTypeName): ScalarTypeName {
  if (compute === 'BOOL') refuse(ctx, 'the operator is not defined for bool operands');
  return compute;
}

/** add checks alpha against the compute dtype: integral alpha for integers, no bool but for bool. */
function checkAddAlpha(ctx: LoweringContext, compute: ScalarTypeName): void {
  const alpha = scalarKind(ctx, 'alpha');
  const ok = compute === 'BOOL' ? alpha !== 'DOUBLE' : isFloatDtype(compute) ? alpha !== 'BOOL' : alpha === 'LONG';
  if (!ok) refuse(ctx, `alpha of kind ${alpha} does not fit the ${compute} compute dtype`);
}

/** sub and rsub: alpha is never bool and must convert to the promoted dtype. */
function checkSubAlpha(ctx: LoweringContext, common: ScalarTypeName): void {
  const alpha = scalarKind(ctx, 'alpha');
  if (alpha === 'BOOL' || !canCast(alpha, common)) refuse(ctx, `alpha of kind ${alpha} does not fit the ${common} compute dtype`);
}

/** pow and fmod compute in float for float32 and in double for everything else. */
function floatOrDouble(compute: ScalarTypeName): ScalarTypeName {
  return compute === 'FLOAT' ? 'FLOAT' : 'DOUBLE';
}

/** remainder, pow, fmod, div with a rounding mode: promoted dtype castable to out, not bool. */
const promotedNotBool: TensorTensorCompute = (ctx, a, b, out) => notBool(ctx, promotedCastToOut(ctx, a, b, out));
const promotedWithScalarNotBool: TensorScalarCompute = (ctx, a, scalar, out) => {
  const common = promoteWithScalar(a, scalar);
  if (!canCast(common, out) || common === 'BOOL') refuse(ctx, `${a} with a ${scalar} scalar gives ${common}, which cannot be stored in a ${out} out`);
  return computeType(common);
};

/** True division: float unless an operand is double; out must be a float dtype. */
const trueDivision: TensorTensorCompute = (ctx, a, b, out) => {
  const common = isFloatDtype(a) && isFloatDtype(b) ? promoteTypes(a, b) : isFloatDtype(a) ? a : isFloatDtype(b) ? b : 'FLOAT';
  if (!isFloatDtype(out)) refuse(ctx, `true division gives a float result, but out is ${out}`);
  return computeType(common);
};

function roundingMode(ctx: LoweringContext): 'trunc' | 'floor' | null {
  const mode = ctx.value('rounding_mode');
  if (mode.kind === 'Null') return null;
  if (mode.kind === 'String' && (mode.value === 'trunc' || mode.value === 'floor')) return mode.value;
  return ctx.fail('ETB2131', `${ctx.opName}: rounding_mode must be None, "trunc" or "floor"`);
}

const bitwiseCompute = (ctx: LoweringContext, common: ScalarTypeName, out: ScalarTypeName): ScalarTypeName => {
  if (!canCast(common, out)) refuse(ctx, `${common} cannot be stored in a ${out} out`);
  if (isFloatDtype(common)) refuse(ctx, 'bitwise operators take integer or bool operands');
  return common;
};

function bitwise(name: string): Lowering[] {
  return [
    tensorTensor(`aten::${name}.Tensor_out`, {
      family: `etb_op_${name}_tensor_out`,
      compute: (ctx, a, b, out) => bitwiseCompute(ctx, promoteTypes(a, b), out),
    }),
    tensorScalar(`aten::${name}.Scalar_out`, {
      family: `etb_op_${name}_scalar_out`,
      compute: (ctx, a, scalar, out) => bitwiseCompute(ctx, promoteWithScalar(a, scalar), out),
    }),
  ];
}

export const arithmeticLowerings: readonly Lowering[] = [
  tensorTensor('aten::add.out', {
    family: 'etb_op_add_out',
    alpha: true,
    compute: (ctx, a, b, out) => {
      const compute = promotedCastToOut(ctx, a, b, out);
      checkAddAlpha(ctx, compute);
      return compute;
    },
  }),
  tensorScalar('aten::add.Scalar_out', {
    family: 'etb_op_add_scalar_out',
    alpha: true,
    compute: (ctx, a, scalar, out) => {
      const compute = promotedIsOut(ctx, a, scalar, out);
      checkAddAlpha(ctx, compute);
      return compute;
    },
  }),
  tensorTensor('aten::sub.out', {
    family: 'etb_op_sub_out',
    alpha: true,
    compute: (ctx, a, b, out) => {
      const compute = notBool(ctx, promotedCastToOut(ctx, a, b, out));
      checkSubAlpha(ctx, promoteTypes(a, b));
      return compute;
    },
  }),
  tensorScalar('aten::sub.Scalar_out', {
    family: 'etb_op_sub_scalar_out',
    alpha: true,
    compute: (ctx, a, scalar, out) => {
      const compute = notBool(ctx, promotedIsOut(ctx, a, scalar, out));
      checkSubAlpha(ctx, out);
      return compute;
    },
  }),
  tensorScalar('aten::rsub.Scalar_out', {
    family: 'etb_op_rsub_scalar_out',
    alpha: true,
    compute: (ctx, a, scalar, out) => {
      const compute = notBool(ctx, promotedIsOut(ctx, a, scalar, out));
      checkSubAlpha(ctx, out);
      return compute;
    },
  }),
  tensorTensor('aten::mul.out', { family: 'etb_op_mul_out', compute: promotedCastToOut }),
  tensorScalar('aten::mul.Scalar_out', { family: 'etb_op_mul_scalar_out', compute: promotedIsOut }),
  tensorTensor('aten::div.out', { family: 'etb_op_div_out', compute: trueDivision }),
  tensorTensor('aten::div.out_mode', {
    family: (ctx) => {
      const mode = roundingMode(ctx);
      return mode === null ? 'etb_op_div_out' : `etb_op_div_${mode}_out`;
    },
    compute: (ctx, a, b, out) => (roundingMode(ctx) === null ? trueDivision(ctx, a, b, out) : promotedNotBool(ctx, a, b, out)),
  }),
  tensorScalar('aten::div.Scalar_out', {
    family: 'etb_op_div_scalar_out',
    compute: (ctx, a, _scalar, out) => {
      const common = isFloatDtype(a) ? a : 'FLOAT';
      if (common !== out) refuse(ctx, `division of a ${a} tensor gives ${common}, but out is ${out}`);
      return computeType(common);
    },
  }),
  tensorScalar('aten::div.Scalar_mode_out', {
    family: (ctx) => {
      const mode = roundingMode(ctx);
      return mode === null ? 'etb_op_div_scalar_out' : `etb_op_div_scalar_${mode}_out`;
    },
    compute: (ctx, a, scalar, out) => {
      if (roundingMode(ctx) !== null) return promotedWithScalarNotBool(ctx, a, scalar, out);
      const common = isFloatDtype(a) ? a : 'FLOAT';
      if (common !== out) refuse(ctx, `division of a ${a} tensor gives ${common}, but out is ${out}`);
      return computeType(common);
    },
  }),
  tensorTensor('aten::pow.Tensor_Tensor_out', {
    family: 'etb_op_pow_tensor_tensor_out',
    inputs: ['self', 'exponent'],
    compute: (ctx, a, b, out) => floatOrDouble(promotedNotBool(ctx, a, b, out)),
  }),
  tensorScalar('aten::pow.Tensor_Scalar_out', {
    family: 'etb_op_pow_tensor_scalar_out',
    args: ['self', 'exponent'],
    compute: (ctx, a, scalar, out) => floatOrDouble(promotedWithScalarNotBool(ctx, a, scalar, out)),
  }),
  // A scalar base: the kernel takes the exponent tensor first and the base as its scalar.
  tensorScalar('aten::pow.Scalar_out', {
    family: 'etb_op_pow_scalar_out',
    args: ['exponent', 'self'],
    compute: (ctx, b, scalar, out) => floatOrDouble(promotedWithScalarNotBool(ctx, b, scalar, out)),
  }),
  tensorTensor('aten::remainder.Tensor_out', { family: 'etb_op_remainder_tensor_out', compute: promotedNotBool }),
  tensorScalar('aten::remainder.Scalar_out', { family: 'etb_op_remainder_scalar_out', compute: promotedWithScalarNotBool }),
  tensorTensor('aten::fmod.Tensor_out', {
    family: 'etb_op_fmod_tensor_out',
    compute: (ctx, a, b, out) => floatOrDouble(promotedNotBool(ctx, a, b, out)),
  }),
  tensorScalar('aten::fmod.Scalar_out', {
    family: 'etb_op_fmod_scalar_out',
    compute: (ctx, a, scalar, out) => floatOrDouble(promotedWithScalarNotBool(ctx, a, scalar, out)),
  }),
  ...bitwise('bitwise_and'),
  ...bitwise('bitwise_or'),
  ...bitwise('bitwise_xor'),
];
