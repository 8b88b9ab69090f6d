// Indexing operators: gather, scatter (value and src), index_select and index.Tensor. Their index
// tensors are only known at run time, so each becomes an index plan
// (runtime-c/include/etb/index_plan.h): an iteration over the index-shaped side with the element
// strides of the destination, the source and every index tensor, plus, per index tensor, the size
// and stride of the dimension it selects along. Kernels check every index value against that size
// (ETB_INDEX_OUT_OF_RANGE otherwise). Shapes, dims and dtypes are checked here.
import type { TensorValue } from '../../pte/model.js';
import { tensorNumel } from '../../pte/model.js';
import { cType } from '../ctypes.js';
import { emitIterPlan, stridesOf } from './broadcast.js';
import { expectSameDtype, expectShape, mergePlan, normaliseDim, rankOne, shapeText, useBySize } from './shape.js';
import type { Lowering, LoweringContext } from './types.js';

/** ETB_MAX_INDEX_TENSORS: operands beyond destination and source in ETB_FOR_EACH_ELEMENT. */
const MAX_INDEX_TENSORS = 2;

interface IndexPlan {
  readonly sizes: readonly number[];
  /** Destination, source, then one row per index tensor. */
  readonly rows: readonly (readonly number[])[];
  /** Per index tensor: the dimension it selects along, in the indexed tensor. */
  readonly dims: readonly { readonly size: number; readonly stride: number }[];
}

function emitIndexPlan(ctx: LoweringContext, plan: IndexPlan): string {
  const iter = emitIterPlan(ctx, mergePlan(ctx, plan.sizes, plan.rows));
  const pad = (values: number[]): string => [...values, 0, 0].slice(0, MAX_INDEX_TENSORS).join(', ');
  const sizes = pad(plan.dims.map((d) => d.size));
  const strides = pad(plan.dims.map((d) => d.stride));
  return `&${ctx.declare('index', (n) => `static const etb_index_plan ${n} = { ${iter}, ${plan.dims.length}, { ${sizes} }, { ${strides} } };`)}`;
}

function expectIndexDtype(ctx: LoweringContext, index: TensorValue, allowed: readonly ('LONG' | 'INT')[]): 'LONG' | 'INT' {
  const dtype = allowed.find((d) => d === index.dtype);
  return dtype ?? ctx.fail('ETB2142', `${ctx.opName}: index tensors must be ${allowed.join(' or ')}, got ${index.dtype}`);
}

/**
 * gather and scatter share their rules: index has self's rank (0-dim counting as rank 1) and, off
 * dim, no larger sizes than `bound` (self for gather; self and src for scatter).
 */
function checkGatherScatterIndex(ctx: LoweringContext, d: number, index: TensorValue, bounds: readonly (readonly [string, TensorValue])[]): void {
  expectIndexDtype(ctx, index, ['LONG']);
  if (tensorNumel(index) === 0) return;
  const idx = rankOne(index).sizes;
  for (const [name, t] of bounds) {
    const sizes = rankOne(t).sizes;
    if (sizes.length !== idx.length) {
      ctx.fail('ETB2140', `${ctx.opName}: index ${shapeText(index)} and ${name} ${shapeText(t)} must have the same number of dimensions`);
    }
    idx.forEach((s, i) => {
      if ((i !== d || name !== 'self') && s > (sizes[i] ?? 0)) {
        ctx.fail('ETB2140', `${ctx.opName}: index ${shapeText(index)} is larger than ${name} ${shapeText(t)} along dimension ${i}`);
      }
    });
  }
}

const gather: Lowering = {
  ops: ['aten::gather.out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const index = ctx.tensor('index');
    const out = ctx.tensor('out');
    const dtype = expectSameDtype(ctx, [['self', self], ['out', out]]);
    const d = normaliseDim(ctx, ctx.number('dim'), self.sizes.length);
    checkGatherScatterIndex(ctx, d, index, [['self', self]]);
    expectShape(ctx, 'out', out, index.sizes);
    const own = rankOne(self);
    const plan = emitIndexPlan(ctx, {
      sizes: rankOne(index).sizes,
      rows: [rankOne(out).strides, own.strides.map((s, i) => (i === d ? 0 : s)), rankOne(index).strides],
      dims: [{ size: own.sizes[d] ?? 1, stride: own.strides[d] ?? 0 }],
    });
    return `${useBySize(ctx, 'etb_op_gather_out', dtype)}(${ctx.tensorRef('self')}, ${ctx.tensorRef('index')}, ${ctx.tensorRef('out')}, ${plan})`;
  },
};

/** scatter: out starts as self (same layout), so out's strides address it; `src` strides or zeros. */
function scatterPlan(ctx: LoweringContext, src: readonly number[] | null): string {
  const self = ctx.tensor('self');
  const out = ctx.tensor('out');
  const index = ctx.tensor('index');
  expectShape(ctx, 'out', out, self.sizes);
  if (stridesOf(self).some((s, i) => s !== stridesOf(out)[i])) {
    ctx.fail('ETB2141', `${ctx.opName}: self (dim order [${self.dimOrder.join(', ')}]) and out (dim order [${out.dimOrder.join(', ')}]) must share one layout`);
  }
  const d = normaliseDim(ctx, ctx.number('dim'), self.sizes.length);
  const own = rankOne(out);
  const iter = rankOne(index);
  return emitIndexPlan(ctx, {
    sizes: iter.sizes,
    rows: [own.strides.map((s, i) => (i === d ? 0 : s)), src ?? iter.sizes.map(() => 0), iter.strides],
    dims: [{ size: own.sizes[d] ?? 1, stride: own.strides[d] ?? 0 }],
  });
}

const scatterValue: Lowering = {
  ops: ['aten::scatter.value_out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const dtype = expectSameDtype(ctx, [['self', self], ['out', ctx.tensor('out')]]);
    checkGatherScatterIndex(ctx, normaliseDim(ctx, ctx.number('dim'), self.sizes.length), ctx.tensor('index'), [['self', self]]);
    const plan = scatterPlan(ctx, null);
    const t = cType(dtype);
    const fn = ctx.use('etb_op_scatter_value_out', t.suffix, [t.c]);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('index')}, ${ctx.scalar('value', dtype)}, ${ctx.tensorRef('out')}, ${plan})`;
  },
};

const scatterSrc: Lowering = {
  ops: ['aten::scatter.src_out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const src = ctx.tensor('src');
    const dtype = expectSameDtype(ctx, [['self', self], ['src', src], ['out', ctx.tensor('out')]]);
    const d = normaliseDim(ctx, ctx.number('dim'), self.sizes.length);
    checkGatherScatterIndex(ctx, d, ctx.tensor('index'), [['self', self], ['src', src]]);
    const plan = scatterPlan(ctx, rankOne(src).strides);
    const fn = useBySize(ctx, 'etb_op_scatter_src_out', dtype);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('index')}, ${ctx.tensorRef('src')}, ${ctx.tensorRef('out')}, ${plan})`;
  },
};

const indexSelect: Lowering = {
  ops: ['aten::index_select.out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const index = ctx.tensor('index');
    const out = ctx.tensor('out');
    const dtype = expectSameDtype(ctx, [['self', self], ['out', out]]);
    const indexDtype = expectIndexDtype(ctx, index, ['LONG', 'INT']);
    if (index.sizes.length > 1) ctx.fail('ETB2140', `${ctx.opName}: index ${shapeText(index)} must have at most one dimension`);
    const d = normaliseDim(ctx, ctx.number('dim'), self.sizes.length);
    const own = rankOne(self);
    if ((own.sizes[d] ?? 0) === 0) ctx.fail('ETB2140', `${ctx.opName}: dimension ${d} of self ${shapeText(self)} is empty`);
    const count = tensorNumel(index);
    expectShape(ctx, 'out', out, self.sizes.map((s, i) => (i === d ? count : s)));
    const sizes = own.sizes.map((s, i) => (i === d ? count : s));
    const plan = emitIndexPlan(ctx, {
      sizes,
      rows: [rankOne(out).strides, own.strides.map((s, i) => (i === d ? 0 : s)), sizes.map((_, i) => (i === d ? 1 : 0))],
      dims: [{ size: own.sizes[d] ?? 1, stride: own.strides[d] ?? 0 }],
    });
    const fn = useBySize(ctx, 'etb_op_index_select_out', dtype, [cType(indexDtype).c], `_${cType(indexDtype).suffix}`);
    return `${fn}(${ctx.tensorRef('self')}, ${ctx.tensorRef('index')}, ${ctx.tensorRef('out')}, ${plan})`;
  },
};

/** Broadcasts shapes (PyTorch rules); null when they do not broadcast. */
function broadcastShapes(shapes: readonly (readonly number[])[]): number[] | null {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const result = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    for (let k = 0; k < shape.length; k++) {
      const i = rank - shape.length + k;
      const size = shape[k] ?? 1;
      const current = result[i] ?? 1;
      if (size !== current && size !== 1 && current !== 1) return null;
      if (size !== 1) result[i] = size;
    }
  }
  return result;
}

const indexTensor: Lowering = {
  ops: ['aten::index.Tensor_out'],
  emit(ctx) {
    const self = ctx.tensor('self');
    const out = ctx.tensor('out');
    const dtype = expectSameDtype(ctx, [['self', self], ['out', out]]);
    const entries = ctx.value('indices');
    if (entries.kind !== 'OptionalTensorList') return ctx.fail('ETB2102', `${ctx.opName}: indices must be an optional tensor list`);
    const refs = ctx.tensorListRefs('indices');
    const rank = self.sizes.length;
    if (entries.items.length > rank) ctx.fail('ETB2140', `${ctx.opName}: ${entries.items.length} indices for self ${shapeText(self)}`);
    const used = entries.items.flatMap((valueIndex, dim) => {
      const t = ctx.method.values[valueIndex];
      return t?.kind === 'Tensor' ? [{ t, dim, ref: refs[dim] ?? 'NULL' }] : [];
    });
    if (used.some(({ t }) => t.dtype === 'BOOL' || t.dtype === 'BYTE')) {
      ctx.fail('ETB2143', `${ctx.opName}: boolean mask indices give an output whose size depends on the data; etbuild supports int64 and int32 indices`);
    }
    if (used.length > MAX_INDEX_TENSORS) {
      ctx.fail('ETB2143', `${ctx.opName}: ${used.length} index tensors; etbuild's kernel takes up to ${MAX_INDEX_TENSORS}`);
    }
    const indexDtype = used[0]?.t.dtype ?? 'LONG';
    used.forEach(({ t }) => expectIndexDtype(ctx, t, [indexDtype === 'INT' ? 'INT' : 'LONG']));
    const shape = broadcastShapes(used.map(({ t }) => t.sizes));
    if (!shape) return ctx.fail('ETB2140', `${ctx.opName}: index shapes ${used.map(({ t }) => `[${t.sizes.join(', ')}]`).join(', ')} do not broadcast`);

    // The broadcast index dimensions replace the indexed ones where those are adjacent, and lead
    // the output otherwise (PyTorch's advanced indexing rule).
    const indexed = used.map(({ dim }) => dim);
    const adjacent = indexed.every((dim, k) => k === 0 || dim === (indexed[k - 1] ?? 0) + 1);
    const at = adjacent ? (indexed[0] ?? 0) : 0;
    const selfStrides = stridesOf(self);
    const plain = self.sizes.map((_, d) => d).filter((d) => !indexed.includes(d));
    const layout: ({ kind: 'self'; dim: number } | { kind: 'index'; dim: number })[] = [
      ...plain.filter((d) => adjacent && d < at).map((dim) => ({ kind: 'self' as const, dim })),
      ...shape.map((_, dim) => ({ kind: 'index' as const, dim })),
      ...plain.filter((d) => !adjacent || d >= at).map((dim) => ({ kind: 'self' as const, dim })),
    ];
    const sizes = layout.map((l) => (l.kind === 'self' ? (self.sizes[l.dim] ?? 1) : (shape[l.dim] ?? 1)));
    expectShape(ctx, 'out', out, sizes);
    const indexRows = used.map(({ t }) => {
      const own = stridesOf(t);
      const lead = shape.length - t.sizes.length;
      return layout.map((l) => {
        if (l.kind === 'self') return 0;
        const k = l.dim - lead;
        return k >= 0 && (t.sizes[k] ?? 1) !== 1 ? (own[k] ?? 0) : 0;
      });
    });
    const plan = emitIndexPlan(ctx, {
      sizes: sizes.length ? sizes : [1],
      rows: [
        sizes.length ? stridesOf(out) : [0],
        sizes.length ? layout.map((l) => (l.kind === 'self' ? (selfStrides[l.dim] ?? 0) : 0)) : [0],
        ...indexRows.map((row) => (sizes.length ? row : [0])),
      ],
      dims: used.map(({ dim }) => ({ size: self.sizes[dim] ?? 1, stride: selfStrides[dim] ?? 0 })),
    });
    const indexType = cType(indexDtype === 'INT' ? 'INT' : 'LONG');
    const fn = useBySize(ctx, 'etb_op_index_tensor_out', dtype, [indexType.c], `_${indexType.suffix}`);
    const list = used.length
      ? ctx.declare('indices', (n) => `static const etb_tensor *const ${n}[${used.length}] = { ${used.map(({ ref }) => ref).join(', ')} };`)
      : 'NULL';
    return `${fn}(${ctx.tensorRef('self')}, ${list}, ${ctx.tensorRef('out')}, ${plan})`;
  },
};

export const indexingLowerings: readonly Lowering[] = [gather, scatterValue, scatterSrc, indexSelect, indexTensor];
