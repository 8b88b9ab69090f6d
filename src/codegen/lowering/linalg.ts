// Matrix products: mm, bmm and addmm (aten::linear reaches us as permute_copy + addmm or mm).
// Shapes are checked and the sizes passed as constants; the kernels form every output as the
// portable kernels do (a sum over k in increasing order from 0, in the tensor's dtype).
import type { ScalarTypeName, TensorValue } from '../../pte/model.js';
import { cType } from '../ctypes.js';
import { stridesOf } from './broadcast.js';
import type { Lowering, LoweringContext } from './types.js';
import { variantSuffix } from './variants.js';

/** The C type kernels accumulate `dtype` in: the dtype itself for floats and bool, the unsigned
 * type of its width (at least 32 bits) for integers, so that overflow wraps as the portable
 * kernels' does in practice, without undefined behaviour in C. */
export function accumulatorType(dtype: ScalarTypeName): string {
  switch (dtype) {
    case 'FLOAT': case 'DOUBLE': case 'BOOL': return cType(dtype).c;
    case 'LONG': case 'UINT64': return 'uint64_t';
    default: return 'uint32_t';
  }
}

export function isDefaultDimOrder(t: TensorValue): boolean {
  return t.dimOrder.every((d, i) => d === i);
}

export function shapeText(t: TensorValue): string {
  return `[${t.sizes.join(', ')}]`;
}

/** Fails the build unless every named tensor has the dtype of the first. */
export function requireSameDtype(ctx: LoweringContext, names: readonly string[]): ScalarTypeName {
  const dtypes = names.map((n) => ctx.tensor(n).dtype);
  const first = dtypes[0] ?? 'FLOAT';
  if (dtypes.some((d) => d !== first)) {
    ctx.fail('ETB2142', `${ctx.opName} needs ${names.join(', ')} of one dtype, got ${dtypes.join(', ')}`);
  }
  return first;
}

function requireDefaultDimOrder(ctx: LoweringContext, names: readonly string[]): void {
  for (const name of names) {
    if (!isDefaultDimOrder(ctx.tensor(name))) {
      ctx.fail('ETB2141', `${ctx.opName} needs ${name} in the default (contiguous) dim order, got [${ctx.tensor(name).dimOrder.join(', ')}]`);
    }
  }
}

function requireShape(ctx: LoweringContext, name: string, expected: readonly number[]): void {
  const t = ctx.tensor(name);
  if (t.sizes.length !== expected.length || t.sizes.some((s, i) => s !== expected[i])) {
    ctx.fail('ETB2140', `${ctx.opName}: ${name} has shape ${shapeText(t)}, expected [${expected.join(', ')}]`);
  }
}

function requireRank(ctx: LoweringContext, name: string, rank: number): readonly number[] {
  const t = ctx.tensor(name);
  if (t.sizes.length !== rank) ctx.fail('ETB2140', `${ctx.opName}: ${name} must have rank ${rank}, got shape ${shapeText(t)}`);
  return t.sizes;
}

/** Marks the product kernel `family` used for `dtype` and returns its name. */
function product(ctx: LoweringContext, family: string, dtype: ScalarTypeName): string {
  return ctx.use(family, variantSuffix([dtype]), [cType(dtype).c, accumulatorType(dtype)]);
}

const mm: Lowering = {
  ops: ['aten::mm.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx, ['self', 'mat2', 'out']);
    const [m = 0, n = 0] = requireRank(ctx, 'self', 2);
    const [n2 = 0, p = 0] = requireRank(ctx, 'mat2', 2);
    if (n !== n2) ctx.fail('ETB2140', `${ctx.opName}: self ${shapeText(ctx.tensor('self'))} and mat2 ${shapeText(ctx.tensor('mat2'))} do not chain`);
    requireShape(ctx, 'out', [m, p]);
    requireDefaultDimOrder(ctx, ['self', 'mat2', 'out']);
    const fn = product(ctx, 'etb_op_mm_out', dtype);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('mat2')}, ${ctx.tensorRef('out')}, ${m}, ${n}, ${p})`;
  },
};

const bmm: Lowering = {
  ops: ['aten::bmm.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx, ['self', 'mat2', 'out']);
    const [b = 0, m = 0, n = 0] = requireRank(ctx, 'self', 3);
    const [b2 = 0, n2 = 0, p = 0] = requireRank(ctx, 'mat2', 3);
    if (b !== b2 || n !== n2) ctx.fail('ETB2140', `${ctx.opName}: self ${shapeText(ctx.tensor('self'))} and mat2 ${shapeText(ctx.tensor('mat2'))} do not chain`);
    requireShape(ctx, 'out', [b, m, p]);
    requireDefaultDimOrder(ctx, ['self', 'mat2', 'out']);
    const fn = product(ctx, 'etb_op_bmm_out', dtype);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('mat2')}, ${ctx.tensorRef('out')}, ${b}, ${m}, ${n}, ${p})`;
  },
};

const addmm: Lowering = {
  ops: ['aten::addmm.out'],
  emit(ctx) {
    const dtype = requireSameDtype(ctx, ['self', 'mat1', 'mat2', 'out']);
    const [m = 0, n = 0] = requireRank(ctx, 'mat1', 2);
    const [n2 = 0, p = 0] = requireRank(ctx, 'mat2', 2);
    if (n !== n2) ctx.fail('ETB2140', `${ctx.opName}: mat1 ${shapeText(ctx.tensor('mat1'))} and mat2 ${shapeText(ctx.tensor('mat2'))} do not chain`);
    requireShape(ctx, 'out', [m, p]);
    requireDefaultDimOrder(ctx, ['self', 'mat1', 'mat2', 'out']);
    // self broadcasts to [m, p] (trailing dimensions aligned); a broadcast dimension steps by 0.
    const self = ctx.tensor('self');
    if (self.sizes.length > 2) ctx.fail('ETB2140', `${ctx.opName}: self ${shapeText(self)} does not broadcast to [${m}, ${p}]`);
    const strides = stridesOf(self);
    const rank = self.sizes.length;
    const stepAlong = (selfDim: number, outSize: number): number => {
      if (selfDim < 0) return 0;
      const size = self.sizes[selfDim] ?? 1;
      if (size !== outSize && size !== 1) ctx.fail('ETB2140', `${ctx.opName}: self ${shapeText(self)} does not broadcast to [${m}, ${p}]`);
      return size === 1 ? 0 : (strides[selfDim] ?? 0);
    };
    const rowStride = stepAlong(rank - 2, m);
    const colStride = stepAlong(rank - 1, p);
    const fn = product(ctx, 'etb_op_addmm_out', dtype);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('mat1')}, ${ctx.tensorRef('mat2')}, ${ctx.scalar('beta', dtype)}, ${ctx.scalar('alpha', dtype)}, ${ctx.tensorRef('out')}, ${m}, ${n}, ${p}, ${rowStride}, ${colStride})`;
  },
};

export const linalgLowerings: readonly Lowering[] = [mm, bmm, addmm];
