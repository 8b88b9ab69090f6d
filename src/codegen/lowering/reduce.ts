// Reductions (sum, mean, argmax, amax, amin) and inference batch norm. A reduction plan splits
// the input's dimensions into kept ones (walked as an elementwise plan: output and input strides)
// and reduced ones (walked by the kernel per output, outermost first: the order in which the
// portable kernels combine elements, so float sums match them bit for bit).
import { SCALAR_TYPES, type TensorValue } from '../../pte/model.js';
import { cType, isFloatDtype, literalOf } from '../ctypes.js';
import { emitIterPlan, stridesOf } from './broadcast.js';
import { accumulatorType, isDefaultDimOrder, requireSameDtype, shapeText } from './linalg.js';
import type { Lowering, LoweringContext } from './types.js';
import { variantSuffix } from './variants.js';

interface ReducePlan {
  readonly keptSizes: readonly number[];
  /** Per kept dimension: [output stride, input stride]. */
  readonly keptStrides: readonly (readonly [number, number])[];
  readonly reducedSizes: readonly number[];
  readonly reducedStrides: readonly number[];
  readonly count: number;
}

/** Merges neighbouring dimensions that step contiguously in every stride row; drops size-1 ones. */
function coalesce(sizes: readonly number[], rows: readonly (readonly number[])[]): { sizes: number[]; rows: number[][] } {
  const keep = sizes.map((s, d) => ({ s, d })).filter(({ s }) => s !== 1);
  const out = { sizes: keep.map(({ s }) => s), rows: rows.map((row) => keep.map(({ d }) => row[d] ?? 0)) };
  for (let d = out.sizes.length - 2; d >= 0; d--) {
    const inner = out.sizes[d + 1] ?? 1;
    if (out.rows.every((row) => (row[d] ?? 0) === (row[d + 1] ?? 0) * inner)) {
      out.sizes.splice(d, 2, (out.sizes[d] ?? 1) * inner);
      for (const row of out.rows) row.splice(d, 1);
    }
  }
  return out;
}

/**
 * Plans reducing `input` over `dims` (null: all of them, in memory order) into `out`, checking
 * out's shape (keepdim keeps reduced dimensions as size 1).
 */
function reducePlan(ctx: LoweringContext, input: TensorValue, out: TensorValue, dims: readonly number[] | null, keepdim: boolean): ReducePlan {
  const rank = input.sizes.length;
  const reduced = new Set<number>();
  for (const d of dims ?? []) {
    const nd = d < 0 ? d + Math.max(rank, 1) : d;
    if (nd < 0 || nd >= Math.max(rank, 1) || reduced.has(nd)) ctx.fail('ETB2140', `${ctx.opName}: bad dim list [${(dims ?? []).join(', ')}] for shape ${shapeText(input)}`);
    reduced.add(nd);
  }
  const all = dims === null || rank === 0;
  const isReduced = (d: number): boolean => all || reduced.has(d);
  const expected = input.sizes.flatMap((s, d) => (isReduced(d) ? (keepdim ? [1] : []) : [s]));
  if (out.sizes.length !== expected.length || out.sizes.some((s, i) => s !== expected[i])) {
    ctx.fail('ETB2140', `${ctx.opName}: out has shape ${shapeText(out)}, reducing ${shapeText(input)} gives [${expected.join(', ')}]`);
  }
  const inStrides = stridesOf(input);
  const outStrides = stridesOf(out);
  const keptSizes: number[] = [];
  const keptOut: number[] = [];
  const keptIn: number[] = [];
  const reducedSizes: number[] = [];
  const reducedStrides: number[] = [];
  let outDim = 0;
  input.sizes.forEach((size, d) => {
    if (isReduced(d)) {
      reducedSizes.push(size);
      reducedStrides.push(inStrides[d] ?? 0);
      if (keepdim) outDim++;
    } else {
      keptSizes.push(size);
      keptIn.push(inStrides[d] ?? 0);
      keptOut.push(outStrides[outDim++] ?? 0);
    }
  });
  const count = input.sizes.reduce((a, s, d) => (isReduced(d) ? a * s : a), 1);
  // Everything reduced: the portable kernels walk the elements in memory order.
  const inner = all ? { sizes: [count], rows: [[1]] } : coalesce(reducedSizes, [reducedStrides]);
  // With nothing to reduce no input element is read: keep every input offset at 0.
  const kept = coalesce(keptSizes, [keptOut, count === 0 ? keptIn.map(() => 0) : keptIn]);
  return {
    keptSizes: kept.sizes,
    keptStrides: kept.sizes.map((_, d) => [kept.rows[0]?.[d] ?? 0, kept.rows[1]?.[d] ?? 0] as const),
    reducedSizes: inner.sizes.length ? inner.sizes : [1],
    reducedStrides: inner.sizes.length ? (inner.rows[0] ?? []) : [0],
    count,
  };
}

function emitReducePlan(ctx: LoweringContext, plan: ReducePlan, sumFromZero: boolean): string {
  const kept = emitIterPlan(ctx, plan.keptSizes.length
    ? { sizes: plan.keptSizes, strides: [plan.keptStrides.map(([o]) => o), plan.keptStrides.map(([, i]) => i)] }
    : { sizes: [1], strides: [[0], [0]] });
  const sizes = ctx.constArray('int32_t', plan.reducedSizes);
  const strides = ctx.constArray('int32_t', plan.reducedStrides);
  const name = ctx.declare('reduce', (n) =>
    `static const etb_reduce_plan ${n} = { ${kept}, ${plan.reducedSizes.length}, ${sizes}, ${strides}, ${plan.count}, ${sumFromZero ? 1 : 0} };`);
  return `&${name}`;
}

/** The dims of an `int[]?` argument: null for None or an empty list (both mean "all"). */
function dimList(ctx: LoweringContext): readonly number[] | null {
  if (ctx.isNull('dim')) return null;
  const dims = ctx.list('dim');
  return dims.length === 0 ? null : dims;
}

/**
 * The portable sum and mean take a fast path (the sum starts from 0 rather than from the first
 * element; only the sign of an all -0.0 sum tells the difference) for one innermost dimension of
 * a contiguous tensor whose dtype out shares.
 */
function takesFastPath(input: TensorValue, out: TensorValue, dims: readonly number[] | null): boolean {
  const rank = input.sizes.length;
  const last = dims?.length === 1 ? ((dims[0] ?? 0) < 0 ? (dims[0] ?? 0) + rank : dims[0]) : undefined;
  return input.sizes.every((s) => s > 0) && rank > 0 && last === rank - 1 && input.dtype === out.dtype && isDefaultDimOrder(input);
}

/** An explicit `dtype` argument (a ScalarType number) must be out's dtype. */
function requireDtypeArgument(ctx: LoweringContext, out: TensorValue): void {
  if (ctx.isNull('dtype')) return;
  const code = ctx.number('dtype');
  if (SCALAR_TYPES[out.dtype] !== code) ctx.fail('ETB2142', `${ctx.opName}: dtype argument ${code} differs from out's dtype ${out.dtype}`);
}

const sum: Lowering = {
  ops: ['aten::sum.IntList_out'],
  emit(ctx) {
    const input = ctx.tensor('self');
    const out = ctx.tensor('out');
    requireDtypeArgument(ctx, out);
    const dims = dimList(ctx);
    const plan = reducePlan(ctx, input, out, dims, ctx.number('keepdim') !== 0);
    const fn = ctx.use('etb_op_sum_intlist_out', variantSuffix([input.dtype, out.dtype]),
      [cType(input.dtype).c, cType(out.dtype).c, accumulatorType(out.dtype)]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${emitReducePlan(ctx, plan, takesFastPath(input, out, dims))})`;
  },
};

const mean: Lowering = {
  ops: ['aten::mean.out'],
  emit(ctx) {
    const input = ctx.tensor('self');
    const out = ctx.tensor('out');
    requireDtypeArgument(ctx, out);
    if (!isFloatDtype(out.dtype) || (ctx.isNull('dtype') && !isFloatDtype(input.dtype))) {
      ctx.fail('ETB2142', `${ctx.opName}: mean needs a floating dtype, got ${input.dtype} -> ${out.dtype}`);
    }
    const dims = dimList(ctx);
    const plan = reducePlan(ctx, input, out, dims, ctx.number('keepdim') !== 0);
    const fastPath = takesFastPath(input, out, dims);
    // The fast path divides by the count in out's dtype, the general one by the count as a float.
    const count = literalOf(out.dtype, fastPath ? plan.count : Math.fround(plan.count));
    const fn = ctx.use('etb_op_mean_out', variantSuffix([input.dtype, out.dtype]), [cType(input.dtype).c, cType(out.dtype).c]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${emitReducePlan(ctx, plan, fastPath)}, ${count})`;
  },
};

const argmax: Lowering = {
  ops: ['aten::argmax.out'],
  emit(ctx) {
    const input = ctx.tensor('self');
    const out = ctx.tensor('out');
    if (out.dtype !== 'LONG') ctx.fail('ETB2142', `${ctx.opName}: out must be int64, got ${out.dtype}`);
    const dims = ctx.isNull('dim') ? null : [ctx.number('dim')];
    const plan = reducePlan(ctx, input, out, dims, ctx.number('keepdim') !== 0);
    if (plan.count === 0) ctx.fail('ETB2140', `${ctx.opName}: cannot take the argmax of an empty dimension of ${shapeText(input)}`);
    const fn = ctx.use('etb_op_argmax_out', variantSuffix([input.dtype]), [cType(input.dtype).c]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${emitReducePlan(ctx, plan, false)})`;
  },
};

function extreme(op: string, family: string): Lowering {
  return {
    ops: [op],
    emit(ctx) {
      const dtype = requireSameDtype(ctx, ['self', 'out']);
      const dims = ctx.list('dim');
      const plan = reducePlan(ctx, ctx.tensor('self'), ctx.tensor('out'), dims.length ? dims : null, ctx.number('keepdim') !== 0);
      if (plan.count === 0) ctx.fail('ETB2140', `${ctx.opName}: cannot reduce an empty dimension of ${shapeText(ctx.tensor('self'))}`);
      const fn = ctx.use(family, variantSuffix([dtype]), [cType(dtype).c]);
      return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${emitReducePlan(ctx, plan, false)})`;
    },
  };
}

const batchNorm: Lowering = {
  ops: ['aten::_native_batch_norm_legit_no_training.out'],
  emit(ctx) {
    const optional = ['weight', 'bias'].filter((n) => !ctx.isNull(n));
    const dtype = requireSameDtype(ctx, ['input', 'out', 'running_mean', 'running_var', ...optional]);
    const input = ctx.tensor('input');
    if (input.sizes.length < 2) ctx.fail('ETB2140', `${ctx.opName}: input ${shapeText(input)} has no channel dimension`);
    if (!isDefaultDimOrder(input) || !isDefaultDimOrder(ctx.tensor('out'))) {
      ctx.fail('ETB2141', `${ctx.opName} needs input and out in the default (contiguous) dim order`);
    }
    const out = ctx.tensor('out');
    if (out.sizes.length !== input.sizes.length || out.sizes.some((s, i) => s !== input.sizes[i])) {
      ctx.fail('ETB2140', `${ctx.opName}: out has shape ${shapeText(out)}, input ${shapeText(input)}`);
    }
    const channels = input.sizes[1] ?? 0;
    for (const name of ['running_mean', 'running_var', ...optional]) {
      const t = ctx.tensor(name);
      if (t.sizes.length !== 1 || t.sizes[0] !== channels) ctx.fail('ETB2140', `${ctx.opName}: ${name} has shape ${shapeText(t)}, expected [${channels}]`);
    }
    const inner = input.sizes.slice(2).reduce((a, b) => a * b, 1);
    const fn = ctx.use('etb_op_native_batch_norm_legit_no_training_out', variantSuffix([dtype]), [cType(dtype).c]);
    return `${fn}(${ctx.tensorRef('input')}, ${ctx.tensorRef('weight')}, ${ctx.tensorRef('bias')}, ${ctx.tensorRef('running_mean')}, ${ctx.tensorRef('running_var')}, ${ctx.scalar('eps', 'DOUBLE')}, ${ctx.tensorRef('out')}, ${input.sizes[0] ?? 1}, ${channels}, ${inner})`;
  },
};

export const reduceLowerings: readonly Lowering[] = [
  sum,
  mean,
  argmax,
  extreme('aten::amax.out', 'etb_op_amax_out'),
  extreme('aten::amin.out', 'etb_op_amin_out'),
  batchNorm,
];
