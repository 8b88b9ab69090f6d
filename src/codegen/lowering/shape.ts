// Shape and copy operators: view, squeeze, unsqueeze, permute, transpose, expand, slice, select,
// cat, constant_pad_nd, split, unbind, repeat. None of them looks at element values, so each one
// becomes, at build time, one or more copy plans (runtime-c/include/etb/strided_copy.h): for
// every output element, where it comes from in the input, as element strides along the output's
// dimensions plus a starting offset. Kernels are instantiated per element size, not per dtype.
// Shapes are checked here against the operator's definition, so a kernel never meets a call it
// cannot serve. Copies that keep the element order (view, squeeze, unsqueeze) are a memmove.
import type { ScalarTypeName, TensorValue } from '../../pte/model.js';
import { ELEMENT_SIZE, tensorNumel } from '../../pte/model.js';
import { cType } from '../ctypes.js';
import { coalesce, emitIterPlan, stridesOf } from './broadcast.js';
import type { Lowering, LoweringContext } from './types.js';

/** ETB_MAX_DIM: the most dimensions an iteration plan may keep after merging. */
const MAX_PLAN_DIMS = 8;

/** A copy: iteration sizes and, along each, the destination and source element strides. */
interface CopyPlan {
  readonly sizes: readonly number[];
  readonly dst: readonly number[];
  readonly src: readonly number[];
  readonly dstOffset: number;
  readonly srcOffset: number;
}

export const shapeText = (t: TensorValue): string => `${t.dtype}[${t.sizes.join(', ')}]`;

/** Sizes and strides with a 0-dim tensor seen as one element of rank 1, as the kernels' nonzero_dim does. */
export function rankOne(t: TensorValue): { sizes: number[]; strides: number[] } {
  return t.sizes.length === 0 ? { sizes: [1], strides: [1] } : { sizes: [...t.sizes], strides: stridesOf(t) };
}

/** A dimension argument in [-rank, rank) (rank 0 counts as 1), made non-negative. */
export function normaliseDim(ctx: LoweringContext, dim: number, rank: number, what = 'dim'): number {
  const r = Math.max(rank, 1);
  if (!Number.isInteger(dim) || dim < -r || dim >= r) {
    return ctx.fail('ETB2140', `${ctx.opName}: ${what} ${dim} is out of range for a tensor of rank ${rank}`);
  }
  return dim < 0 ? dim + r : dim;
}

export function expectShape(ctx: LoweringContext, name: string, t: TensorValue, expected: readonly number[]): void {
  if (t.sizes.length !== expected.length || t.sizes.some((s, i) => s !== expected[i])) {
    ctx.fail('ETB2140', `${ctx.opName}: ${name} has shape ${shapeText(t)}, the operator gives [${expected.join(', ')}]`);
  }
}

export function expectSameDtype(ctx: LoweringContext, tensors: readonly (readonly [string, TensorValue])[]): ScalarTypeName {
  const [first] = tensors;
  const dtype = first?.[1].dtype ?? 'FLOAT';
  if (tensors.some(([, t]) => t.dtype !== dtype)) {
    ctx.fail('ETB2142', `${ctx.opName} copies without converting: ${tensors.map(([n, t]) => `${n} is ${t.dtype}`).join(', ')}`);
  }
  return dtype;
}

/** Marks the element-size variant of a copy kernel family as used; returns the function name. */
export function useBySize(ctx: LoweringContext, family: string, dtype: ScalarTypeName, extra: readonly string[] = [], suffix = ''): string {
  const size = ELEMENT_SIZE[dtype] ?? 0;
  return ctx.use(family, `bytes${size}${suffix}`, [String(size), ...extra]);
}

/** Merges what can be merged; fails when more than ETB_MAX_DIM dimensions remain. */
export function mergePlan(ctx: LoweringContext, sizes: readonly number[], rows: readonly (readonly number[])[]) {
  const merged = coalesce({ sizes: [...sizes], strides: rows.map((r) => [...r]) });
  if (merged.sizes.length > MAX_PLAN_DIMS) {
    ctx.fail('ETB2143', `${ctx.opName}: the copy needs ${merged.sizes.length} nested loops; etbuild's kernels handle up to ${MAX_PLAN_DIMS}`);
  }
  return merged;
}

/** The C initializer of an etb_copy_plan (its iteration plan is emitted beside it). */
function copyPlanInitializer(ctx: LoweringContext, plan: CopyPlan): string {
  const iter = emitIterPlan(ctx, mergePlan(ctx, plan.sizes, [plan.dst, plan.src]));
  return `{ ${iter}, ${plan.dstOffset}, ${plan.srcOffset} }`;
}

function emitCopyPlan(ctx: LoweringContext, plan: CopyPlan): string {
  const init = copyPlanInitializer(ctx, plan);
  return `&${ctx.declare('copy', (n) => `static const etb_copy_plan ${n} = ${init};`)}`;
}

function emitCopyPlans(ctx: LoweringContext, plans: readonly CopyPlan[]): string {
  const inits = plans.map((p) => copyPlanInitializer(ctx, p));
  return ctx.declare('copies', (n) => `static const etb_copy_plan ${n}[${inits.length}] = {\n  ${inits.join(',\n  ')}\n};`);
}

function emitTensorArray(ctx: LoweringContext, refs: readonly string[]): string {
  return ctx.declare('tensors', (n) => `static const etb_tensor *const ${n}[${refs.length}] = { ${refs.join(', ')} };`);
}

/** A single-input copy: `family(self, out, &plan)`, with out's own strides as the destination. */
function singleCopy(ctx: LoweringContext, family: string, src: readonly number[], srcOffset: number): string {
  const self = ctx.tensor('self');
  const out = ctx.tensor('out');
  const dtype = expectSameDtype(ctx, [['self', self], ['out', out]]);
  const plan = emitCopyPlan(ctx, { sizes: out.sizes, dst: stridesOf(out), src, dstOffset: 0, srcOffset });
  return `${useBySize(ctx, family, dtype)}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${plan})`;
}

/** Does the tensor keep its elements in row-major order (size-1 dimensions aside)? */
function rowMajor(t: TensorValue): boolean {
  const strides = stridesOf(t);
  let expected = 1;
  for (let d = t.sizes.length - 1; d >= 0; d--) {
    const size = t.sizes[d] ?? 1;
    if (size !== 1 && strides[d] !== expected) return false;
    expected *= size;
  }
  return true;
}

/** A copy that keeps the element order, for ops whose output is its input with another shape. */
function bytesCopy(ctx: LoweringContext, family: string, variant: string, sameOrder: boolean): string {
  const self = ctx.tensor('self');
  const out = ctx.tensor('out');
  expectSameDtype(ctx, [['self', self], ['out', out]]);
  if (tensorNumel(self) !== tensorNumel(out)) {
    ctx.fail('ETB2140', `${ctx.opName}: self ${shapeText(self)} and out ${shapeText(out)} hold different numbers of elements`);
  }
  if (!sameOrder) {
    ctx.fail('ETB2141', `${ctx.opName}: self (dim order [${self.dimOrder.join(', ')}]) and out (dim order [${out.dimOrder.join(', ')}]) lay their elements out in different orders; the ExecuTorch runtime rejects this too`, [
      'export the model with contiguous tensors around this operator',
    ]);
  }
  return `${ctx.use(family, variant)}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')})`;
}

/**
 * Does reading self along `src` (self's element strides for each of out's dimensions, which
 * squeeze and unsqueeze only drop or gain size-1 entries of) visit memory in out's own order?
 * Then the copy is the bytes as they are, whatever the dim orders.
 */
function keepsOrder(ctx: LoweringContext, src: readonly number[]): boolean {
  const out = ctx.tensor('out');
  const merged = coalesce({ sizes: [...out.sizes], strides: [stridesOf(out), [...src]] });
  return tensorNumel(out) <= 1 || (merged.sizes.length === 1 && merged.strides.every((row) => row[0] === 1));
}

const viewCopy: Lowering = {
  ops: ['aten::view_copy.out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const out = ctx.tensor('out');
    const size = ctx.list('size');
    const known = size.filter((s) => s !== -1);
    const product = known.reduce((a, b) => a * b, 1);
    if (size.length - known.length > 1 || known.some((s) => s < 0)) {
      ctx.fail('ETB2140', `${ctx.opName}: size [${size.join(', ')}] is not a shape (at most one -1, no other negative size)`);
    }
    const expected = size.map((s) => (s === -1 ? (product === 0 ? 0 : tensorNumel(self) / product) : s));
    expectShape(ctx, 'out', out, expected);
    // A new shape regroups the elements in row-major order: both must keep that order.
    return bytesCopy(ctx, 'etb_op_view_copy', 'out', tensorNumel(out) <= 1 || (rowMajor(self) && rowMajor(out)));
  },
};

/** squeeze: self without the listed dimensions that have size 1. */
function squeeze(ctx: LoweringContext, dims: readonly number[], variant: string): string {
  const self = ctx.tensor('self');
  const rank = self.sizes.length;
  const listed = new Set<number>();
  for (const dim of dims) {
    const d = normaliseDim(ctx, dim, rank);
    if (listed.has(d)) ctx.fail('ETB2140', `${ctx.opName}: dim ${dim} appears twice`);
    listed.add(d);
  }
  const kept = self.sizes.map((_, d) => d).filter((d) => !(listed.has(d) && self.sizes[d] === 1));
  const strides = stridesOf(self);
  expectShape(ctx, 'out', ctx.tensor('out'), kept.map((d) => self.sizes[d] ?? 1));
  return bytesCopy(ctx, 'etb_op_squeeze_copy', variant, keepsOrder(ctx, kept.map((d) => strides[d] ?? 0)));
}

const squeezeCopyDim: Lowering = {
  ops: ['aten::squeeze_copy.dim_out'],
  emit: (ctx) => squeeze(ctx, [ctx.number('dim')], 'dim_out'),
};

const squeezeCopyDims: Lowering = {
  ops: ['aten::squeeze_copy.dims_out'],
  emit: (ctx) => squeeze(ctx, ctx.list('dim'), 'dims_out'),
};

const unsqueezeCopy: Lowering = {
  ops: ['aten::unsqueeze_copy.out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const rank = self.sizes.length + 1;
    const dim = ctx.number('dim');
    if (!Number.isInteger(dim) || dim < -rank || dim >= rank) {
      ctx.fail('ETB2140', `${ctx.opName}: dim ${dim} is out of range for an output of rank ${rank}`);
    }
    const d = dim < 0 ? dim + rank : dim;
    expectShape(ctx, 'out', ctx.tensor('out'), [...self.sizes.slice(0, d), 1, ...self.sizes.slice(d)]);
    const strides = stridesOf(self);
    return bytesCopy(ctx, 'etb_op_unsqueeze_copy', 'out', keepsOrder(ctx, [...strides.slice(0, d), 0, ...strides.slice(d)]));
  },
};

const permuteCopy: Lowering = {
  ops: ['aten::permute_copy.out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const rank = self.sizes.length;
    const dims = ctx.list('dims').map((d) => normaliseDim(ctx, d, rank, 'dims item'));
    if (dims.length !== rank || new Set(dims).size !== rank) {
      ctx.fail('ETB2140', `${ctx.opName}: dims [${ctx.list('dims').join(', ')}] is not a permutation of ${rank} dimensions`);
    }
    const strides = stridesOf(self);
    expectShape(ctx, 'out', ctx.tensor('out'), dims.map((d) => self.sizes[d] ?? 1));
    return singleCopy(ctx, 'etb_op_permute_copy_out', dims.map((d) => strides[d] ?? 0), 0);
  },
};

const transposeCopy: Lowering = {
  ops: ['aten::transpose_copy.int_out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const rank = self.sizes.length;
    const a = normaliseDim(ctx, ctx.number('dim0'), rank, 'dim0');
    const b = normaliseDim(ctx, ctx.number('dim1'), rank, 'dim1');
    const order = self.sizes.map((_, d) => (d === a ? b : d === b ? a : d));
    const strides = stridesOf(self);
    expectShape(ctx, 'out', ctx.tensor('out'), order.map((d) => self.sizes[d] ?? 1));
    return singleCopy(ctx, 'etb_op_transpose_copy_int_out', order.map((d) => strides[d] ?? 0), 0);
  },
};

const expandCopy: Lowering = {
  ops: ['aten::expand_copy.out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const size = ctx.list('size');
    if (ctx.number('implicit') !== 0) ctx.fail('ETB2140', `${ctx.opName}: implicit=True is not an exported form; the ExecuTorch runtime rejects it`);
    const lead = size.length - self.sizes.length;
    if (lead < 0) ctx.fail('ETB2140', `${ctx.opName}: size [${size.join(', ')}] has fewer dimensions than self ${shapeText(self)}`);
    const strides = stridesOf(self);
    const outSizes: number[] = [];
    const src: number[] = [];
    size.forEach((s, j) => {
      const i = j - lead;
      const own = i >= 0 ? (self.sizes[i] ?? 1) : null;
      const target = s === -1 && own !== null ? own : s;
      if (target < 0 || (own !== null && own !== 1 && own !== target)) {
        ctx.fail('ETB2140', `${ctx.opName}: self ${shapeText(self)} cannot expand to [${size.join(', ')}]`);
      }
      outSizes.push(target);
      src.push(own === null || own === 1 ? 0 : (strides[i] ?? 0));
    });
    expectShape(ctx, 'out', ctx.tensor('out'), outSizes);
    return singleCopy(ctx, 'etb_op_expand_copy_out', src, 0);
  },
};

/** Python slice bounds against a dimension of `length`: the first index and the element count. */
function sliceBounds(length: number, start: number, end: number, step: number): { start: number; count: number } {
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + length : v, 0), length);
  const s = clamp(start);
  const e = clamp(end);
  return { start: s, count: s >= e ? 0 : Math.floor((e - 1 - s) / step) + 1 };
}

const sliceCopy: Lowering = {
  ops: ['aten::slice_copy.Tensor_out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    if (self.sizes.length === 0) ctx.fail('ETB2140', `${ctx.opName}: self must have at least one dimension`);
    const d = normaliseDim(ctx, ctx.number('dim'), self.sizes.length);
    const length = self.sizes[d] ?? 0;
    const step = ctx.number('step');
    if (!(step > 0)) ctx.fail('ETB2140', `${ctx.opName}: step must be positive, got ${step}`);
    const { start, count } = sliceBounds(
      length,
      ctx.isNull('start') ? 0 : ctx.number('start'),
      ctx.isNull('end') ? length : ctx.number('end'),
      step,
    );
    const strides = stridesOf(self);
    expectShape(ctx, 'out', ctx.tensor('out'), self.sizes.map((s, i) => (i === d ? count : s)));
    const src = strides.map((s, i) => (i === d ? s * step : s));
    return singleCopy(ctx, 'etb_op_slice_copy_tensor_out', src, count > 0 ? start * (strides[d] ?? 0) : 0);
  },
};

const selectCopy: Lowering = {
  ops: ['aten::select_copy.int_out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    if (self.sizes.length === 0) ctx.fail('ETB2140', `${ctx.opName}: self must have at least one dimension`);
    const d = normaliseDim(ctx, ctx.number('dim'), self.sizes.length);
    const length = self.sizes[d] ?? 0;
    const index = ctx.number('index');
    if (!Number.isInteger(index) || index < -length || index >= length) {
      ctx.fail('ETB2140', `${ctx.opName}: index ${index} is out of range for dimension ${d} of size ${length}`);
    }
    const strides = stridesOf(self);
    expectShape(ctx, 'out', ctx.tensor('out'), self.sizes.filter((_, i) => i !== d));
    const at = index < 0 ? index + length : index;
    return singleCopy(ctx, 'etb_op_select_copy_int_out', strides.filter((_, i) => i !== d), at * (strides[d] ?? 0));
  },
};

const repeat: Lowering = {
  ops: ['aten::repeat.out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const out = ctx.tensor('out');
    const repeats = ctx.list('repeats');
    const lead = repeats.length - self.sizes.length;
    if (lead < 0 || repeats.some((r) => !Number.isInteger(r) || r < 0)) {
      ctx.fail('ETB2140', `${ctx.opName}: repeats [${repeats.join(', ')}] must be non-negative and cover the ${self.sizes.length} dimensions of self`);
    }
    const selfStrides = stridesOf(self);
    const outStrides = stridesOf(out);
    const outSizes = repeats.map((r, j) => (j < lead ? r : r * (self.sizes[j - lead] ?? 1)));
    expectShape(ctx, 'out', out, outSizes);
    expectSameDtype(ctx, [['self', self], ['out', out]]);
    // Output coordinate c = copy * size + k along every dimension: the copy part reads self with
    // stride 0, the inner part with self's stride.
    const sizes: number[] = [];
    const dst: number[] = [];
    const src: number[] = [];
    repeats.forEach((r, j) => {
      const stride = outStrides[j] ?? 0;
      if (j < lead) {
        sizes.push(r); dst.push(stride); src.push(0);
        return;
      }
      const size = self.sizes[j - lead] ?? 1;
      sizes.push(r, size);
      dst.push(size * stride, stride);
      src.push(0, selfStrides[j - lead] ?? 0);
    });
    const plan = emitCopyPlan(ctx, { sizes, dst, src, dstOffset: 0, srcOffset: 0 });
    return `${useBySize(ctx, 'etb_op_repeat_out', out.dtype)}(${ctx.tensorRef('self')}, ${ctx.tensorRef('out')}, ${plan})`;
  },
};

const cat: Lowering = {
  ops: ['aten::cat.out'],
  emit(ctx) {
    const out = ctx.tensor('out');
    const tensors = ctx.tensorList('tensors');
    if (tensors.length === 0) ctx.fail('ETB2140', `${ctx.opName}: tensors is empty`);
    const rank = out.sizes.length;
    const d = normaliseDim(ctx, ctx.number('dim'), rank);
    if (rank === 0) ctx.fail('ETB2140', `${ctx.opName}: cannot concatenate 0-dim tensors`);
    const outStrides = stridesOf(out);
    expectSameDtype(ctx, [['out', out], ...tensors.map((t, k) => [`tensors[${k}]`, t] as const)]);
    // Empty inputs (of any shape, as in PyTorch) take no part: their plans copy nothing.
    let offset = 0;
    const plans = tensors.map((t, k): CopyPlan => {
      if (tensorNumel(t) === 0) return { sizes: [0], dst: [0], src: [0], dstOffset: 0, srcOffset: 0 };
      if (t.sizes.length !== rank || t.sizes.some((s, i) => i !== d && s !== out.sizes[i])) {
        ctx.fail('ETB2140', `${ctx.opName}: tensors[${k}] ${shapeText(t)} does not fit out ${shapeText(out)} along dim ${d}`);
      }
      const plan = { sizes: t.sizes, dst: outStrides, src: stridesOf(t), dstOffset: offset * (outStrides[d] ?? 0), srcOffset: 0 };
      offset += t.sizes[d] ?? 0;
      return plan;
    });
    if (tensorNumel(out) > 0 && offset !== out.sizes[d]) {
      ctx.fail('ETB2140', `${ctx.opName}: the inputs add up to ${offset} along dim ${d}, out ${shapeText(out)} has ${out.sizes[d]}`);
    }
    const fn = useBySize(ctx, 'etb_op_cat_out', out.dtype);
    const list = emitTensorArray(ctx, ctx.tensorListRefs('tensors'));
    return `${fn}(${list}, ${emitCopyPlans(ctx, plans)}, ${plans.length}, ${ctx.tensorRef('out')})`;
  },
};

const constantPadNd: Lowering = {
  ops: ['aten::constant_pad_nd.out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const out = ctx.tensor('out');
    const dtype = expectSameDtype(ctx, [['self', self], ['out', out]]);
    const pad = ctx.list('pad');
    const rank = self.sizes.length;
    if (pad.length % 2 !== 0 || pad.length > 2 * rank) {
      ctx.fail('ETB2140', `${ctx.opName}: pad [${pad.join(', ')}] must hold (before, after) pairs for at most ${rank} dimensions`);
    }
    if (pad.some((p) => p < 0)) {
      ctx.fail('ETB2140', `${ctx.opName}: negative padding [${pad.join(', ')}] is rejected by the ExecuTorch runtime`);
    }
    // Pairs start at the last dimension.
    const before = self.sizes.map((_, d) => pad[2 * (rank - 1 - d)] ?? 0);
    const after = self.sizes.map((_, d) => pad[2 * (rank - 1 - d) + 1] ?? 0);
    expectShape(ctx, 'out', out, self.sizes.map((s, d) => s + (before[d] ?? 0) + (after[d] ?? 0)));
    const outStrides = stridesOf(out);
    const dstOffset = before.reduce((sum, b, d) => sum + b * (outStrides[d] ?? 0), 0);
    const plan = emitCopyPlan(ctx, { sizes: self.sizes, dst: outStrides, src: stridesOf(self), dstOffset, srcOffset: 0 });
    const t = cType(dtype);
    const fn = ctx.use('etb_op_constant_pad_nd_out', t.suffix, [t.c]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.scalar('value', dtype)}, ${ctx.tensorRef('out')}, ${plan})`;
  },
};

/** split / split_with_sizes / unbind: one plan per output, reading self from a start along dim. */
function splitCopy(ctx: LoweringContext, family: string, d: number, starts: readonly number[], keepDim: boolean): string {
  const self = ctx.tensor('self');
  const outs = ctx.tensorList('out');
  const strides = stridesOf(self);
  expectSameDtype(ctx, [['self', self], ...outs.map((t, k) => [`out[${k}]`, t] as const)]);
  const plans = outs.map((t, k): CopyPlan => ({
    sizes: t.sizes,
    dst: stridesOf(t),
    src: keepDim ? strides : strides.filter((_, i) => i !== d),
    dstOffset: 0,
    srcOffset: (starts[k] ?? 0) * (strides[d] ?? 0),
  }));
  const fn = useBySize(ctx, family, self.dtype);
  const list = emitTensorArray(ctx, ctx.tensorListRefs('out'));
  return `${fn}(${ctx.tensorRef('self')}, ${list}, ${emitCopyPlans(ctx, plans)}, ${plans.length})`;
}

/** Checks the outputs of a split into chunks of `chunks[k]` along d; returns each chunk's start. */
function chunkStarts(ctx: LoweringContext, d: number, chunks: readonly number[]): number[] {
  const self = ctx.tensor('self');
  const outs = ctx.tensorList('out');
  if (outs.length !== chunks.length) {
    ctx.fail('ETB2140', `${ctx.opName}: self ${shapeText(self)} splits into ${chunks.length} parts along dim ${d}, out has ${outs.length} tensors`);
  }
  let start = 0;
  return outs.map((t, k) => {
    expectShape(ctx, `out[${k}]`, t, self.sizes.map((s, i) => (i === d ? (chunks[k] ?? 0) : s)));
    const at = start;
    start += chunks[k] ?? 0;
    return at;
  });
}

function splitDim(ctx: LoweringContext): number {
  const self = ctx.tensor('self');
  if (self.sizes.length === 0) ctx.fail('ETB2140', `${ctx.opName}: self must have at least one dimension`);
  return normaliseDim(ctx, ctx.number('dim'), self.sizes.length);
}

const splitCopyTensor: Lowering = {
  ops: ['aten::split_copy.Tensor_out'],
  emit(ctx) {
    const d = splitDim(ctx);
    const length = ctx.tensor('self').sizes[d] ?? 0;
    const size = ctx.number('split_size');
    if (size < 0 || (size === 0 && length !== 0)) ctx.fail('ETB2140', `${ctx.opName}: split_size ${size} cannot split a dimension of ${length}`);
    // ceil(length / size) chunks, the last one shorter; a single chunk when size >= length.
    const chunks = size >= length ? [length] : Array.from({ length: Math.ceil(length / size) }, (_, k) => Math.min(size, length - k * size));
    return splitCopy(ctx, 'etb_op_split_copy_tensor_out', d, chunkStarts(ctx, d, chunks), true);
  },
};

const splitWithSizesCopy: Lowering = {
  ops: ['aten::split_with_sizes_copy.out'],
  emit(ctx) {
    const d = splitDim(ctx);
    const sizes = ctx.list('split_sizes');
    const length = ctx.tensor('self').sizes[d] ?? 0;
    if (sizes.some((s) => s < 0) || sizes.reduce((a, b) => a + b, 0) !== length) {
      ctx.fail('ETB2140', `${ctx.opName}: split_sizes [${sizes.join(', ')}] must be non-negative and add up to ${length}`);
    }
    return splitCopy(ctx, 'etb_op_split_with_sizes_copy_out', d, chunkStarts(ctx, d, sizes), true);
  },
};

const unbindCopy: Lowering = {
  ops: ['aten::unbind_copy.int_out'],
  emit(ctx) {
    const d = splitDim(ctx);
    const self = ctx.tensor('self');
    const outs = ctx.tensorList('out');
    const length = self.sizes[d] ?? 0;
    if (outs.length !== length) ctx.fail('ETB2140', `${ctx.opName}: self ${shapeText(self)} unbinds into ${length} tensors along dim ${d}, out has ${outs.length}`);
    const rest = self.sizes.filter((_, i) => i !== d);
    outs.forEach((t, k) => expectShape(ctx, `out[${k}]`, t, rest));
    return splitCopy(ctx, 'etb_op_unbind_copy_int_out', d, outs.map((_, k) => k), false);
  },
};

export const shapeLowerings: readonly Lowering[] = [
  viewCopy,
  squeezeCopyDim,
  squeezeCopyDims,
  unsqueezeCopy,
  permuteCopy,
  transposeCopy,
  expandCopy,
  sliceCopy,
  selectCopy,
  repeat,
  cat,
  constantPadNd,
  splitCopyTensor,
  splitWithSizesCopy,
  unbindCopy,
];
