// Build-time iteration plans for elementwise kernels: the output's shape and, for every operand,
// its element stride along each output dimension (0 where the operand is broadcast). Adjacent
// dimensions that are contiguous for every operand are merged, so the common cases (same shape,
// scalar operand, row vector) reduce to one or two dimensions.
import type { TensorValue } from '../../pte/model.js';
import type { LoweringContext } from './types.js';

/** Element strides of a tensor's logical dimensions, from its dim order. */
export function stridesOf(t: Pick<TensorValue, 'sizes' | 'dimOrder'>): number[] {
  const strides = new Array<number>(t.sizes.length).fill(0);
  let running = 1;
  for (let k = t.dimOrder.length - 1; k >= 0; k--) {
    const dim = t.dimOrder[k] ?? k;
    strides[dim] = running;
    running *= t.sizes[dim] ?? 1;
  }
  return strides;
}

export interface IterPlan {
  readonly sizes: readonly number[];
  /** One row per operand: the output first, then the inputs in call order. */
  readonly strides: readonly (readonly number[])[];
}

/** Broadcasts inputs against the output's shape (PyTorch rules: align trailing dimensions). */
export function iterPlan(out: TensorValue, inputs: readonly TensorValue[]): IterPlan | string {
  const rank = out.sizes.length;
  const rows: number[][] = [stridesOf(out)];
  for (const input of inputs) {
    if (input.sizes.length > rank) return `operand of rank ${input.sizes.length} does not broadcast to the output's rank ${rank}`;
    const own = stridesOf(input);
    const row: number[] = [];
    for (let d = 0; d < rank; d++) {
      const k = d - (rank - input.sizes.length);
      const size = k >= 0 ? (input.sizes[k] ?? 1) : 1;
      const outSize = out.sizes[d] ?? 1;
      if (size !== outSize && size !== 1) {
        return `operand of shape [${input.sizes.join(', ')}] does not broadcast to [${out.sizes.join(', ')}]`;
      }
      row.push(k >= 0 && size === outSize && size !== 1 ? (own[k] ?? 0) : 0);
    }
    rows.push(row);
  }
  return coalesce({ sizes: [...out.sizes], strides: rows });
}

export function coalesce(plan: { sizes: number[]; strides: number[][] }): IterPlan {
  // Drop size-1 dimensions, then merge d into d+1 where every operand steps contiguously.
  const keep = plan.sizes.map((s, d) => ({ s, d })).filter(({ s }) => s !== 1);
  let sizes = keep.map(({ s }) => s);
  let strides = plan.strides.map((row) => keep.map(({ d }) => row[d] ?? 0));
  for (let d = sizes.length - 2; d >= 0; d--) {
    const inner = sizes[d + 1] ?? 1;
    if (strides.every((row) => (row[d] ?? 0) === (row[d + 1] ?? 0) * inner)) {
      sizes = [...sizes.slice(0, d), (sizes[d] ?? 1) * inner, ...sizes.slice(d + 2)];
      strides = strides.map((row) => [...row.slice(0, d), ...row.slice(d + 1)]);
    }
  }
  if (sizes.length === 0) return { sizes: [1], strides: plan.strides.map(() => [0]) };
  return { sizes, strides };
}

/** Emits the plan as a `static const etb_broadcast` and returns a pointer expression to it. */
export function emitIterPlan(ctx: LoweringContext, plan: IterPlan): string {
  const sizes = ctx.constArray('int32_t', plan.sizes);
  const rows = plan.strides.map((row) => ctx.constArray('int32_t', row));
  const contiguous = plan.sizes.length === 1 && plan.strides.every((row) => row[0] === 1) ? 1 : 0;
  const name = ctx.declare('bcast', (n) =>
    `static const etb_broadcast ${n} = { ${plan.sizes.length}, ${contiguous}, ${sizes}, { ${rows.join(', ')} } };`);
  return `&${name}`;
}
