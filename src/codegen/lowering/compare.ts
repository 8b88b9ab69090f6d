// Comparisons (eq, ne, lt, gt, le, ge), logical operators, where, maximum and minimum: the
// broadcasting elementwise operators that select or test rather than compute. They share the
// plan and scalar handling of arithmetic.ts; the kernels are in runtime-c/kernels/op_<name>.c.
import { cType, isFloatDtype } from '../ctypes.js';
import { computeType, promoteTypes, promoteWithScalar } from './dtypes.js';
import { planArg, promotedCastToOut, refuse, tensorScalar, tensorTensor } from './arithmetic.js';
import type { Lowering } from './types.js';
import { variantSuffix } from './variants.js';

/** eq.Tensor_out and friends: two different float dtypes compare in float, not in the wider one. */
function comparison(name: string): Lowering[] {
  return [
    tensorTensor(`aten::${name}.Tensor_out`, {
      family: `etb_op_${name}_tensor_out`,
      compute: (_ctx, a, b) => {
        const common = promoteTypes(a, b);
        return computeType(isFloatDtype(common) && a !== b ? 'FLOAT' : common);
      },
    }),
    tensorScalar(`aten::${name}.Scalar_out`, {
      family: `etb_op_${name}_scalar_out`,
      compute: (_ctx, a, scalar) => computeType(promoteWithScalar(a, scalar)),
    }),
  ];
}

/** logical_and/or/xor: the compute dtype is bool, so only the operand and out dtypes vary. */
function logical(name: string): Lowering {
  return {
    ops: [`aten::${name}.out`],
    emit(ctx) {
      const dtypes = [ctx.tensor('self').dtype, ctx.tensor('other').dtype, ctx.tensor('out').dtype];
      const fn = ctx.use(`etb_op_${name}_out`, variantSuffix(dtypes), dtypes.map((d) => cType(d).c));
      return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('other')}, ${ctx.tensorRef('out')}, ${planArg(ctx, ['self', 'other'])})`;
    },
  };
}

const logicalNot: Lowering = {
  ops: ['aten::logical_not.out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const out = ctx.tensor('out');
    if (self.sizes.join(',') !== out.sizes.join(',')) refuse(ctx, `self [${self.sizes.join(', ')}] and out [${out.sizes.join(', ')}] differ in shape`);
    const fn = ctx.use('etb_op_logical_not_out', variantSuffix([self.dtype, out.dtype]), [cType(self.dtype).c, cType(out.dtype).c]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${planArg(ctx, ['self'])})`;
  },
};

/** where: self and other promote to out's dtype exactly; the condition is bool or uint8. */
const where: Lowering = {
  ops: ['aten::where.self_out'],
  emit(ctx) {
    const cond = ctx.tensor('condition').dtype;
    const a = ctx.tensor('self').dtype;
    const b = ctx.tensor('other').dtype;
    const out = ctx.tensor('out').dtype;
    if (cond !== 'BOOL' && cond !== 'BYTE') refuse(ctx, `the condition is ${cond}; it must be bool or uint8`);
    const common = promoteTypes(a, b);
    if (common !== out) refuse(ctx, `${a} and ${b} promote to ${common}, but out is ${out}`);
    const dtypes = [cond, a, b, out];
    const fn = ctx.use('etb_op_where_self_out', variantSuffix(dtypes), dtypes.map((d) => cType(d).c));
    const refs = ['condition', 'self', 'other', 'out'].map((n) => ctx.tensorRef(n)).join(', ');
    return `${fn}(${refs}, ${planArg(ctx, ['condition', 'self', 'other'])})`;
  },
};

export const compareLowerings: readonly Lowering[] = [
  ...['eq', 'ne', 'lt', 'gt', 'le', 'ge'].flatMap(comparison),
  ...['logical_and', 'logical_or', 'logical_xor'].map(logical),
  logicalNot,
  where,
  tensorTensor('aten::maximum.out', { family: 'etb_op_maximum_out', compute: promotedCastToOut }),
  tensorTensor('aten::minimum.out', { family: 'etb_op_minimum_out', compute: promotedCastToOut }),
];
