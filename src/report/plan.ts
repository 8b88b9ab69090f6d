// The memory plan as a picture needs, per planned tensor, where it sits (buffer, offset, size)
// and when it is alive: from the first instruction that touches it to the last one, in program
// order. The program carries the offsets; the lifetimes are read from the instructions' arguments.
import type { MethodAnalysis } from '../analysis/analyse.js';
import type { Instruction, Method, ScalarTypeName } from '../pte/model.js';
import { tensorNbytes } from '../pte/model.js';

export interface PlannedTensor {
  /** Value index in the method ("t12" in generated comments). */
  readonly value: number;
  readonly dtype: ScalarTypeName;
  readonly sizes: readonly number[];
  readonly offset: number;
  readonly nbytes: number;
  /** First and last instruction index (inclusive) at which the tensor holds a value. */
  readonly first: number;
  readonly last: number;
  /** The operator of the first kernel call that writes it; null for method inputs and state. */
  readonly producer: string | null;
  readonly role: 'input' | 'output' | 'state' | 'intermediate';
}

export interface PlannedBufferView {
  readonly memoryId: number;
  readonly size: number;
  readonly tensors: readonly PlannedTensor[];
  /** The most bytes alive at one instruction (overlapping tensors, such as views, counted once). */
  readonly peakLiveBytes: number;
  readonly peakAt: number;
}

export interface MethodPlan {
  readonly name: string;
  readonly instructionCount: number;
  readonly plannedBytes: number;
  readonly buffers: readonly PlannedBufferView[];
}

/** Value indices an instruction reads or writes, lists expanded to their tensors. */
function touchedValues(method: Method, instruction: Instruction): number[] {
  const expand = (index: number): number[] => {
    const value = method.values[index];
    return value?.kind === 'TensorList' || value?.kind === 'OptionalTensorList' ? [index, ...value.items] : [index];
  };
  switch (instruction.kind) {
    case 'KernelCall':
    case 'DelegateCall':
      return instruction.args.flatMap(expand);
    case 'MoveCall':
      return [...expand(instruction.from), ...expand(instruction.to)];
    case 'JumpFalseCall':
      return [instruction.condValueIndex];
    case 'FreeCall':
      return []; // a no-op here: the plan is static
  }
}

/** Which kernel-call arguments are written: those the kernel marks `out`, and returned values. */
function writtenArgs(call: MethodAnalysis['calls'][number]): Set<number> {
  const written = new Set<number>();
  call.kernel.args.forEach((arg, i) => {
    const value = call.args[i];
    if (value !== undefined && (arg.out === true || arg.returns !== undefined)) written.add(value);
  });
  return written;
}

export function methodPlan(analysis: MethodAnalysis): MethodPlan {
  const method = analysis.method;
  const instructions = method.chains.flatMap((chain) => chain.instructions);
  const lastIndex = Math.max(instructions.length - 1, 0);
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  instructions.forEach((instruction, position) => {
    for (const value of touchedValues(method, instruction)) {
      if (!first.has(value)) first.set(value, position);
      last.set(value, position);
    }
  });
  const producer = new Map<number, string>();
  for (const call of analysis.calls) {
    for (const value of writtenArgs(call)) if (!producer.has(value)) producer.set(value, call.opName);
  }
  const inputs = new Set(method.inputs);
  const outputs = new Set(method.outputs);

  const buffers = analysis.buffers.map((buffer): PlannedBufferView => {
    const tensors: PlannedTensor[] = [];
    method.values.forEach((value, index) => {
      if (value.kind !== 'Tensor' || value.allocation?.memoryId !== buffer.memoryId) return;
      const state = value.data.kind === 'mutable-initial';
      const role = inputs.has(index) ? 'input' : outputs.has(index) ? 'output' : state ? 'state' : 'intermediate';
      // Inputs are written before the first instruction, outputs read after the last, and state
      // persists between runs; a tensor no instruction mentions is alive throughout, to be safe.
      const mentioned = first.has(index);
      const start = role === 'input' || role === 'state' || !mentioned ? 0 : (first.get(index) ?? 0);
      const end = role === 'output' || role === 'state' || !mentioned ? lastIndex : (last.get(index) ?? lastIndex);
      tensors.push({
        value: index,
        dtype: value.dtype,
        sizes: value.sizes,
        offset: value.allocation.offset,
        nbytes: tensorNbytes(value),
        first: start,
        last: end,
        producer: producer.get(index) ?? null,
        role,
      });
    });
    const { bytes, at } = peakLive(tensors, lastIndex);
    return { memoryId: buffer.memoryId, size: buffer.size, tensors, peakLiveBytes: bytes, peakAt: at };
  });
  return { name: method.name, instructionCount: instructions.length, plannedBytes: analysis.plannedBytes, buffers };
}

/** Bytes in use at each instruction: the union of the live tensors' byte ranges. */
function peakLive(tensors: readonly PlannedTensor[], lastIndex: number): { bytes: number; at: number } {
  let best = { bytes: 0, at: 0 };
  for (let position = 0; position <= lastIndex; position++) {
    const ranges = tensors
      .filter((t) => t.first <= position && position <= t.last && t.nbytes > 0)
      .map((t) => [t.offset, t.offset + t.nbytes] as const)
      .sort((a, b) => a[0] - b[0]);
    let bytes = 0;
    let end = -1;
    for (const [start, stop] of ranges) {
      if (start >= end) bytes += stop - start;
      else if (stop > end) bytes += stop - end;
      end = Math.max(end, stop);
    }
    if (bytes > best.bytes) best = { bytes, at: position };
  }
  return best;
}
