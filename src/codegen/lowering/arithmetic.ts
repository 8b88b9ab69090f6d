// Binary arithmetic: add and mul, Tensor and Scalar overloads. Operands are read in their own
// dtype, computed in the promoted dtype and converted to out's dtype, as the portable kernels do.
import { cType } from '../ctypes.js';
import type { ScalarTypeName } from '../../pte/model.js';
import { emitIterPlan, iterPlan } from './broadcast.js';
import { computeType, promoteTypes, promoteWithScalar, scalarDtype } from './dtypes.js';
import type { Lowering, LoweringContext } from './types.js';
import { variantSuffix } from './variants.js';

function tensorTensorDtypes(ctx: LoweringContext): ScalarTypeName[] {
  return [ctx.tensor('self').dtype, ctx.tensor('other').dtype, ctx.tensor('out').dtype];
}

function tensorScalarDtypes(ctx: LoweringContext): ScalarTypeName[] {
  return [ctx.tensor('self').dtype, ctx.tensor('out').dtype];
}

function scalarComputeType(ctx: LoweringContext): ScalarTypeName {
  const scalar = scalarDtype(ctx.value('other'));
  const self = ctx.tensor('self').dtype;
  return computeType(scalar ? promoteWithScalar(self, scalar) : self);
}

/** `family` is the C function family, e.g. etb_op_add_out; `hasAlpha` for add/sub. */
function tensorTensor(op: string, family: string, hasAlpha: boolean): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const [a, b, out] = tensorTensorDtypes(ctx) as [ScalarTypeName, ScalarTypeName, ScalarTypeName];
      const compute = computeType(promoteTypes(a, b));
      const fn = ctx.use(family, variantSuffix([a, b, out]), [a, b, out, compute].map((d) => cType(d).c));
      const plan = iterPlan(ctx.tensor('out'), [ctx.tensor('self'), ctx.tensor('other')]);
      if (typeof plan === 'string') return ctx.fail('ETB2112', plan);
      const alpha = hasAlpha ? `${ctx.scalar('alpha', compute)}, ` : '';
      return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('other')}, ${alpha}${ctx.tensorRef('out')}, ${emitIterPlan(ctx, plan)})`;
    },
  };
}

function tensorScalar(op: string, family: string, hasAlpha: boolean): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const [a, out] = tensorScalarDtypes(ctx) as [ScalarTypeName, ScalarTypeName];
      const compute = scalarComputeType(ctx);
      const fn = ctx.use(family, variantSuffix([a, out]), [a, out, compute].map((d) => cType(d).c));
      const alpha = hasAlpha ? `, ${ctx.scalar('alpha', compute)}` : '';
      return `${fn}(${ctx.tensorRef('self')}, ${ctx.scalar('other', compute)}${alpha}, ${ctx.tensorRef('out')})`;
    },
  };
}

export const arithmeticLowerings: readonly Lowering[] = [
  tensorTensor('aten::add.out', 'etb_op_add_out', true),
  tensorScalar('aten::add.Scalar_out', 'etb_op_add_scalar_out', true),
  tensorTensor('aten::mul.out', 'etb_op_mul_out', false),
  tensorScalar('aten::mul.Scalar_out', 'etb_op_mul_scalar_out', false),
];
