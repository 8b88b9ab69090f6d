// Analysis: everything the generator needs to know about a program, checked at build time.
// For every method: which kernel serves each call (its arguments checked against the kernel
// manifest), the memory plan (every planned tensor inside its buffer), and the storage of
// tensors the plan leaves to the caller. Anything etbuild cannot do fails here with a named
// error that says where, never later on the device.
import { EtbError } from '../core/errors.js';
import type { Method, Program, ScalarTypeName, TensorValue, Value } from '../pte/model.js';
import { tensorNbytes } from '../pte/model.js';
import { kernelsFor, type ArgType, type KernelEntry } from './catalogue.js';

export interface CallAnalysis {
  readonly instruction: number;
  /** "aten::add.out" */
  readonly opName: string;
  readonly kernel: KernelEntry;
  readonly args: readonly number[];
  /** dtypes of the call's tensor arguments (return values excluded), in argument order. */
  readonly dtypes: readonly ScalarTypeName[];
}

export interface PlannedBuffer {
  readonly memoryId: number;
  readonly size: number;
}

export interface MethodAnalysis {
  readonly index: number;
  readonly method: Method;
  /** Kernel calls by instruction index (other instruction kinds are not listed). */
  readonly calls: readonly CallAnalysis[];
  readonly buffers: readonly PlannedBuffer[];
  /** Value indices of tensors with no plan and no constant data: they get static storage. */
  readonly unplannedTensors: readonly number[];
  readonly plannedBytes: number;
}

export interface Analysis {
  readonly program: Program;
  readonly methods: readonly MethodAnalysis[];
  /** runtime-c sources (relative to runtime-c/) of the kernels the program uses, sorted. */
  readonly kernelSources: readonly string[];
  /** Bytes of constant tensor data the program's methods reference (each buffer once). */
  readonly constantBytes: number;
}

function describeValue(value: Value | undefined): string {
  if (!value) return 'missing';
  if (value.kind === 'Tensor') return `Tensor(${value.dtype}[${value.sizes.join(', ')}])`;
  return value.kind;
}

function accepts(type: ArgType, value: Value): boolean {
  const optional = type.endsWith('?');
  if (optional && value.kind === 'Null') return true;
  const base = optional ? type.slice(0, -1) : type;
  if (base === 'Scalar') return value.kind === 'Int' || value.kind === 'Double' || value.kind === 'Bool';
  // exir writes an empty IntList for some int[] defaults and Double for float args; ints may
  // stand where a float is expected (a Python int passed to a float parameter).
  if (base === 'Double') return value.kind === 'Double' || value.kind === 'Int';
  return value.kind === base;
}

function matches(kernel: KernelEntry, values: readonly (Value | undefined)[]): boolean {
  return kernel.args.length === values.length && kernel.args.every((a, i) => {
    const v = values[i];
    return v !== undefined && accepts(a.type, v);
  });
}

function analyseCall(method: Method, instruction: number, opIndex: number, args: readonly number[]): CallAnalysis {
  const op = method.operators[opIndex];
  const location = { method: method.name, instruction };
  if (!op) throw new EtbError('ETB2111', `instruction refers to operator ${opIndex}, which does not exist`, { location });
  const opName = `${op.name}.${op.overload}`;
  const values = args.map((i) => method.values[i]);
  const tensorDtypes = values.flatMap((v) => (v?.kind === 'Tensor' ? [v.dtype] : []));
  const candidates = kernelsFor(op.name, op.overload);
  if (candidates.length === 0) {
    const dtype = [...new Set(tensorDtypes)].join(', ') || 'no tensors';
    throw new EtbError('ETB2101', `operator ${opName} (${dtype}) has no kernel in runtime-c`, {
      location,
      hints: ['`etbuild inspect MODEL` lists every operator and whether etbuild supports it'],
    });
  }
  const kernel = candidates.find((k) => matches(k, values));
  if (!kernel) {
    const actual = values.map(describeValue).join(', ');
    const expected = candidates
      .map((k) => `(${k.args.map((a) => `${a.name}: ${a.type}`).join(', ')})`)
      .join(' or ');
    throw new EtbError('ETB2102', `arguments of ${opName} do not match its kernel: expected ${candidates.length > 1 ? 'one of ' : ''}${expected} (${candidates.map((k) => k.args.length).join(' or ')} arguments), got (${actual}) (${values.length} arguments)`, {
      location,
      hints: ['the program was exported by an ExecuTorch version whose operator schema differs from the one etbuild supports; re-export it with a matching ExecuTorch version'],
    });
  }
  const dtypes = kernel.args.flatMap((a, i) => {
    const v = values[i];
    return a.returns === undefined && v?.kind === 'Tensor' ? [v.dtype] : [];
  });
  const unsupported = dtypes.find((d) => !kernel.dtypes.includes(d));
  if (unsupported) {
    throw new EtbError('ETB2101', `operator ${opName} has no kernel for dtype ${unsupported} (supported: ${kernel.dtypes.join(', ')})`, {
      location,
      hints: ['`etbuild inspect MODEL` lists every operator and its dtypes'],
    });
  }
  return { instruction, opName, kernel, args, dtypes };
}

function checkTensor(method: Method, index: number, t: TensorValue): void {
  const where = { method: method.name };
  if (t.dynamism === 'DYNAMIC_UNBOUND') {
    throw new EtbError('ETB2105', `tensor value ${index} has an unbounded dynamic shape; a microcontroller build needs every size known at build time`, {
      location: where,
      hints: ['export with static shapes, or give dynamic dimensions an upper bound (torch.export Dim(max=...))'],
    });
  }
  if (t.data.kind === 'external' && t.data.bytes === null) {
    throw new EtbError('ETB2106', `tensor ${t.data.fqn} is stored outside the program and no data file provides it`, {
      location: where,
      hints: ['pass the program\'s .ptd file with --data FILE.ptd'],
    });
  }
  if (t.storageOffset !== 0) {
    throw new EtbError('ETB2107', `tensor value ${index} has storage offset ${t.storageOffset}; only 0 is supported`, { location: where });
  }
}

function analyseMethod(method: Method, index: number): MethodAnalysis {
  const delegate = method.delegates[0];
  if (delegate) {
    throw new EtbError('ETB2104', `method ${method.name} hands work to the ${delegate.id} delegate, which has no microcontroller runtime in etbuild`, {
      location: { method: method.name },
      hints: [
        /xnnpack|openvino|qnn|coreml|mps|vulkan/i.test(delegate.id)
          ? `${delegate.id} targets application processors: export without that partitioner (portable or cortex_m operators) for a microcontroller`
          : `export without the ${delegate.id} partitioner so that the program uses portable or cortex_m operators`,
      ],
    });
  }
  const buffers = method.nonConstBufferSizes.map((size, memoryId) => ({ memoryId, size })).filter((b) => b.memoryId > 0);
  const unplannedTensors: number[] = [];
  method.values.forEach((v, i) => {
    if (v.kind !== 'Tensor') return;
    checkTensor(method, i, v);
    if (v.allocation) {
      const buffer = method.nonConstBufferSizes[v.allocation.memoryId];
      const end = v.allocation.offset + tensorNbytes(v);
      if (v.allocation.memoryId === 0 || buffer === undefined || end > buffer) {
        throw new EtbError('ETB2103', `tensor value ${i} (${tensorNbytes(v)} bytes at offset ${v.allocation.offset} of buffer ${v.allocation.memoryId}) lies outside the memory plan (buffer size ${buffer ?? 'none'})`, {
          location: { method: method.name },
          hints: ['the program\'s memory plan is inconsistent; re-export it'],
        });
      }
    } else if (v.data.kind === 'none') {
      unplannedTensors.push(i);
    }
  });
  const calls: CallAnalysis[] = [];
  let position = 0;
  for (const chain of method.chains) {
    for (const instruction of chain.instructions) {
      if (instruction.kind === 'KernelCall') calls.push(analyseCall(method, position, instruction.opIndex, instruction.args));
      position++;
    }
  }
  const plannedBytes = buffers.reduce((a, b) => a + b.size, 0);
  return { index, method, calls, buffers, unplannedTensors, plannedBytes };
}

const bufferIds = new WeakMap<ArrayBufferLike, number>();
let nextBufferId = 0;

/** Identifies where constant bytes live, so that tensors sharing one buffer share its storage. */
export function bytesKey(bytes: Uint8Array): string {
  let id = bufferIds.get(bytes.buffer);
  if (id === undefined) {
    id = nextBufferId++;
    bufferIds.set(bytes.buffer, id);
  }
  return `${id}:${bytes.byteOffset}`;
}

export interface AnalyseOptions {
  /** Analyse only these methods (default: all). */
  readonly methods?: readonly string[];
}

export function analyse(program: Program, options: AnalyseOptions = {}): Analysis {
  const wanted = options.methods;
  for (const name of wanted ?? []) {
    if (!program.methods.some((m) => m.name === name)) {
      throw new EtbError('ETB1201', `the program has no method named ${name}`, {
        hints: [`methods: ${program.methods.map((m) => m.name).join(', ')}`],
      });
    }
  }
  const methods = program.methods
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => !wanted || wanted.includes(m.name))
    .map(({ m, i }) => analyseMethod(m, i));
  const kernelSources = [...new Set(methods.flatMap((m) => m.calls.map((c) => c.kernel.source)))].sort();
  const constantBuffers = new Map<string, number>();
  for (const m of methods) {
    for (const v of m.method.values) {
      if (v.kind === 'Tensor' && (v.data.kind === 'constant' || v.data.kind === 'external') && v.data.bytes) {
        const key = bytesKey(v.data.bytes);
        constantBuffers.set(key, Math.max(constantBuffers.get(key) ?? 0, tensorNbytes(v)));
      }
    }
  }
  const constantBytes = [...constantBuffers.values()].reduce((a, b) => a + b, 0);
  return { program, methods, kernelSources, constantBytes };
}
