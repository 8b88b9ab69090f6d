// Copies (clone, alias_copy, the dim-order copies that convert dtype and layout, _to_copy) and
// creations (full, full_like, scalar_tensor, zeros, ones). Where the bytes need no conversion the
// call is a plain etb_copy_bytes; otherwise a kernel converts element by element over a plan that
// carries both tensors' strides, so any dim order (NCHW, channels-last...) on either side works.
import { cType, literalOf } from '../ctypes.js';
import type { ScalarTypeName } from '../../pte/model.js';
import { emitIterPlan, iterPlan, type IterPlan } from './broadcast.js';
import type { Lowering, LoweringContext } from './types.js';
import { requireSameShape, scalarAs } from './unary.js';
import { variantSuffix } from './variants.js';

/** Both operands walk memory in the same order, one element at a time (or there is at most one element). */
function sameLayout(plan: IterPlan): boolean {
  if (plan.sizes.every((s) => s <= 1)) return true;
  return plan.sizes.length === 1 && plan.strides.every((row) => row[0] === 1);
}

/**
 * A copy of self into out's dtype and layout. `convertsDtype` for the operators that change the
 * dtype (_to_copy, _to_dim_order_copy); the others keep it. Arguments such as memory_format,
 * dim_order and non_blocking only restate the layout that out's own dim order already fixes,
 * so the copy follows out's dim order.
 */
function copyLowering(op: string, family: string, convertsDtype: boolean): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const self = ctx.tensor('self');
      const out = ctx.tensor('out');
      requireSameShape(ctx, 'self');
      if (!convertsDtype && self.dtype !== out.dtype) {
        ctx.fail('ETB2131', `${op}: out is ${out.dtype}, expected self's dtype ${self.dtype}`);
      }
      const plan = iterPlan(out, [self]);
      if (typeof plan === 'string') return ctx.fail('ETB2112', plan);
      if (self.dtype === out.dtype && sameLayout(plan)) return `etb_copy_bytes(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')})`;
      const fn = ctx.use(family, variantSuffix([self.dtype, out.dtype]), [cType(self.dtype).c, cType(out.dtype).c]);
      return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${emitIterPlan(ctx, plan)})`;
    },
  };
}

/** Requires out to have `sizes` (the kernels fill a planned tensor; they never resize it). */
function requireSizes(ctx: LoweringContext, sizes: readonly number[]): void {
  const out = ctx.tensor('out');
  if (sizes.length !== out.sizes.length || sizes.some((s, d) => s !== out.sizes[d])) {
    ctx.fail('ETB2133', `${ctx.opName}: out has shape [${out.sizes.join(', ')}], expected [${sizes.join(', ')}]`);
  }
}

/** A fill of out with a value: a Scalar argument (`value` names it) or a constant. */
function fillLowering(op: string, family: string, value: { scalar: string } | { constant: number }, sizes: (ctx: LoweringContext) => readonly number[]): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const dtype: ScalarTypeName = ctx.tensor('out').dtype;
      requireSizes(ctx, sizes(ctx));
      const fn = ctx.use(family, variantSuffix([dtype]), [cType(dtype).c]);
      const literal = 'scalar' in value ? scalarAs(ctx, value.scalar, dtype) : `((${cType(dtype).c})${literalOf(dtype, value.constant)})`;
      return `${fn}(${ctx.tensorRef('out')}, ${literal})`;
    },
  };
}

const sizeArgument = (ctx: LoweringContext): readonly number[] => ctx.list('size');

export const copyLowerings: readonly Lowering[] = [
  copyLowering('aten::clone.out', 'etb_op_clone_out', false),
  copyLowering('aten::alias_copy.out', 'etb_op_alias_copy_out', false),
  copyLowering('dim_order_ops::_clone_dim_order.out', 'etb_op__clone_dim_order_out', false),
  copyLowering('dim_order_ops::_to_dim_order_copy.out', 'etb_op__to_dim_order_copy_out', true),
  copyLowering('aten::_to_copy.out', 'etb_op__to_copy_out', true),
  fillLowering('aten::full_like.out', 'etb_op_full_like_out', { scalar: 'fill_value' }, (ctx) => ctx.tensor('self').sizes),
  fillLowering('aten::full.out', 'etb_op_full_out', { scalar: 'fill_value' }, sizeArgument),
  fillLowering('aten::scalar_tensor.out', 'etb_op_scalar_tensor_out', { scalar: 's' }, () => []),
  fillLowering('aten::zeros.out', 'etb_op_zeros_out', { constant: 0 }, sizeArgument),
  fillLowering('aten::ones.out', 'etb_op_ones_out', { constant: 1 }, sizeArgument),
];
