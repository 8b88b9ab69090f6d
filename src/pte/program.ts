// Reads an ET12 program into the plain model of ./model.ts. The flatbuffer is verified first
// (./verify.ts); then the generated accessors read it and every cross-reference is checked:
// value indices, operator and delegate indices, segments, constant, mutable and named data.
import { ByteBuffer } from 'flatbuffers';
import * as fb from './generated/program.js';
import type {
  Allocation, Chain, Delegate, ExtendedHeader, FlatTensorFile, Instruction, Method, NamedDataEntry, Operator,
  Program, Segment, ShapeDynamism, TensorData, TensorValue, Value,
} from './model.js';
import { CORRUPT_HINT, modelError, type ReadContext } from './errors.js';
import { readExtendedHeader } from './header.js';
import { PROGRAM_LAYOUT } from './layout.js';
import { readTensorShape, shapeNbytes } from './tensor-shape.js';
import { verifyFlatbuffer } from './verify.js';

export interface ProgramReadOptions {
  /** Data file that EXTERNAL tensors resolve from, with the name to mention in errors. */
  readonly data?: { readonly file: FlatTensorFile; readonly name: string };
}

const DYNAMISM: readonly ShapeDynamism[] = ['STATIC', 'DYNAMIC_BOUND', 'DYNAMIC_UNBOUND'];

/** Where constant tensors' bytes are looked up by `data_buffer_idx`. */
type ConstantSource =
  | { readonly kind: 'segment'; readonly offsets: readonly number[]; readonly bytes: Uint8Array }
  | { readonly kind: 'inline'; readonly buffers: readonly Uint8Array[] }
  | { readonly kind: 'none' };

interface MutableSource {
  readonly offsets: readonly number[];
  readonly bytes: Uint8Array;
}

/** Everything the method reader needs from the program level. */
interface ProgramScope {
  readonly ctx: ReadContext;
  readonly segments: readonly Segment[];
  readonly segmentBytes: (index: number) => Uint8Array;
  readonly constants: ConstantSource;
  readonly mutable: readonly MutableSource[];
  readonly inlineDelegateData: readonly Uint8Array[];
  readonly data: ProgramReadOptions['data'];
  readonly namedData: readonly NamedDataEntry[];
}

const text = (value: string | Uint8Array | null): string | null => (typeof value === 'string' ? value : null);

export function readProgram(bytes: Uint8Array, ctx: ReadContext, options: ProgramReadOptions = {}): Program {
  const extendedHeader = readExtendedHeader(bytes, ctx);
  const flatbuffer = extendedHeader === null ? bytes : bytes.subarray(0, extendedHeader.programSize);
  verifyFlatbuffer(flatbuffer, PROGRAM_LAYOUT, ctx);
  const root = fb.Program.getRootAsProgram(new ByteBuffer(flatbuffer));

  const segments = readSegments(root, bytes, extendedHeader, ctx);
  const segmentBase = extendedHeader?.segmentBaseOffset ?? 0;
  const segmentBytes = (index: number): Uint8Array => {
    const segment = segments[index] as Segment;
    return bytes.subarray(segmentBase + segment.offset, segmentBase + segment.offset + segment.size);
  };
  const checkSegmentIndex = (index: number, table: string): void => {
    if (index >= segments.length) {
      throw modelError('ETB2010', `segment index ${index} is out of range (the program has ${segments.length} segments)`, ctx, { table }, [CORRUPT_HINT]);
    }
  };

  const constantBuffers: Uint8Array[] = [];
  for (let i = 0; i < root.constantBufferLength(); i++) {
    constantBuffers.push(root.constantBuffer(i)?.storageArray() ?? new Uint8Array(0));
  }
  let constants: ConstantSource = { kind: 'none' };
  let constantBytes = 0;
  const constantSegment = root.constantSegment();
  if (constantSegment !== null && constantSegment.offsetsLength() > 1) {
    // offsets[0] is a placeholder for non-constant tensors; more entries mean real constants.
    if (constantBuffers.length > 0) {
      throw modelError('ETB2010', 'program stores constants both in a constant segment and in the inline constant_buffer', ctx, { table: 'Program.constant_buffer' }, [CORRUPT_HINT]);
    }
    const index = constantSegment.segmentIndex();
    checkSegmentIndex(index, 'Program.constant_segment');
    const offsets = readU64List(constantSegment.offsetsLength(), (i) => constantSegment.offsets(i));
    constants = { kind: 'segment', offsets, bytes: segmentBytes(index) };
    constantBytes = (segments[index] as Segment).size;
  } else if (constantBuffers.some((b) => b.length > 0)) {
    constants = { kind: 'inline', buffers: constantBuffers };
    constantBytes = constantBuffers.reduce((sum, b) => sum + b.length, 0);
  }

  const namedData: NamedDataEntry[] = [];
  for (let i = 0; i < root.namedDataLength(); i++) {
    const entry = root.namedData(i) as fb.NamedData;
    const table = `Program.named_data[${i}]`;
    const key = text(entry.key()) ?? missing('key', table, ctx);
    checkSegmentIndex(entry.segmentIndex(), table);
    namedData.push({ key, segmentIndex: entry.segmentIndex(), bytes: segmentBytes(entry.segmentIndex()) });
  }

  const mutable: MutableSource[] = [];
  for (let i = 0; i < root.mutableDataSegmentsLength(); i++) {
    const entry = root.mutableDataSegments(i) as fb.SubsegmentOffsets;
    const table = `Program.mutable_data_segments[${i}]`;
    checkSegmentIndex(entry.segmentIndex(), table);
    const data = segmentBytes(entry.segmentIndex());
    const offsets = readU64List(entry.offsetsLength(), (j) => entry.offsets(j));
    const outside = offsets.findIndex((offset) => offset > data.length);
    if (outside >= 0) {
      throw modelError('ETB2010', `mutable data offset ${offsets[outside]} lies past the end of its ${data.length}-byte segment`, ctx, { table: `${table}.offsets[${outside}]` }, [CORRUPT_HINT]);
    }
    mutable.push({ offsets, bytes: data });
  }

  const inlineDelegateData: Uint8Array[] = [];
  for (let i = 0; i < root.backendDelegateDataLength(); i++) {
    inlineDelegateData.push(root.backendDelegateData(i)?.dataArray() ?? new Uint8Array(0));
  }

  const scope: ProgramScope = { ctx, segments, segmentBytes, constants, mutable, inlineDelegateData, data: options.data, namedData };
  const methods: Method[] = [];
  for (let i = 0; i < root.executionPlanLength(); i++) {
    methods.push(readMethod(root.executionPlan(i) as fb.ExecutionPlan, `Program.execution_plan[${i}]`, scope));
  }

  return {
    fileIdentifier: 'ET12',
    version: root.version(),
    extendedHeader,
    segments,
    methods,
    constantStorage: constants.kind,
    constantBytes,
    namedData,
    mutableDataBytes: mutable.map((m) => m.bytes.length),
    inlineDelegateDataBytes: inlineDelegateData.map((d) => d.length),
  };
}

function missing(field: string, table: string, ctx: ReadContext): never {
  throw modelError('ETB2008', `${table} has no ${field}`, ctx, { table }, [CORRUPT_HINT]);
}

function readU64List(length: number, item: (i: number) => bigint | null): number[] {
  const list: number[] = [];
  for (let i = 0; i < length; i++) list.push(Number(item(i) ?? 0n));
  return list;
}

function readI32List(length: number, item: (i: number) => number | null): number[] {
  const list: number[] = [];
  for (let i = 0; i < length; i++) list.push(item(i) ?? 0);
  return list;
}

function readSegments(root: fb.Program, bytes: Uint8Array, header: ExtendedHeader | null, ctx: ReadContext): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i < root.segmentsLength(); i++) {
    const entry = root.segments(i) as fb.DataSegment;
    const segment = { offset: Number(entry.offset()), size: Number(entry.size()) };
    const table = `Program.segments[${i}]`;
    if (segment.size > 0 && (header === null || header.segmentBaseOffset === 0)) {
      throw modelError('ETB2010', `segment ${i} holds ${segment.size} bytes but the file has no extended header saying where segments start`, ctx, { table }, [CORRUPT_HINT]);
    }
    const end = (header?.segmentBaseOffset ?? 0) + segment.offset + segment.size;
    if (segment.size > 0 && end > bytes.length) {
      throw modelError('ETB2010', `segment ${i} ends at byte ${end}, past the end of the ${bytes.length}-byte file`, ctx, { table }, [CORRUPT_HINT]);
    }
    segments.push(segment);
  }
  return segments;
}

// --- methods -----------------------------------------------------------------------------------

function readMethod(plan: fb.ExecutionPlan, table: string, scope: ProgramScope): Method {
  const { ctx } = scope;
  const name = text(plan.name()) ?? missing('name', table, ctx);
  const nonConstBufferSizes = readU64List(plan.nonConstBufferSizesLength(), (i) => plan.nonConstBufferSizes(i));
  const negative = nonConstBufferSizes.findIndex((size) => size < 0);
  if (negative >= 0) {
    throw modelError('ETB2008', `planned buffer ${negative} has negative size ${nonConstBufferSizes[negative]}`, ctx, { table: `${table}.non_const_buffer_sizes`, method: name }, [CORRUPT_HINT]);
  }

  const valueCount = plan.valuesLength();
  const where = (path: string, instruction?: number) => ({
    table: `${table}.${path}`, method: name, ...(instruction === undefined ? {} : { instruction }),
  });
  const checkIndex = (index: number, path: string, instruction?: number): number => {
    if (!Number.isInteger(index) || index < 0 || index >= valueCount) {
      throw modelError('ETB2007', `value index ${index} is out of range (the method has ${valueCount} values)`, ctx, where(path, instruction), [CORRUPT_HINT]);
    }
    return index;
  };

  const values: Value[] = [];
  for (let i = 0; i < valueCount; i++) {
    values.push(readValue(plan.values(i) as fb.EValue, `values[${i}]`, { name, table, nonConstBufferSizes, scope }));
  }
  // List items refer to other values, possibly later ones: check them once all values exist.
  values.forEach((value, i) => {
    const path = `values[${i}]`;
    const expectKind = (item: number, j: number, kinds: readonly string[]): void => {
      checkIndex(item, `${path}.items[${j}]`);
      const kind = (values[item] as Value).kind;
      if (!kinds.includes(kind)) {
        throw modelError('ETB2008', `${value.kind} item ${j} refers to value ${item}, a ${kind}, not a ${kinds.join(' or ')}`, ctx, where(path), [CORRUPT_HINT]);
      }
    };
    if (value.kind === 'IntList') {
      value.valueIndices.forEach((item, j) => expectKind(item, j, ['Int']));
      values[i] = { ...value, items: value.valueIndices.map((item) => (values[item] as { value: number }).value) };
    } else if (value.kind === 'TensorList') {
      value.items.forEach((item, j) => expectKind(item, j, ['Tensor']));
    } else if (value.kind === 'OptionalTensorList') {
      // -1 stands for None, as an index to a Null value does.
      value.items.forEach((item, j) => item !== -1 && expectKind(item, j, ['Tensor', 'Null']));
    }
  });

  const inputs = readI32List(plan.inputsLength(), (i) => plan.inputs(i));
  const outputs = readI32List(plan.outputsLength(), (i) => plan.outputs(i));
  inputs.forEach((index, i) => checkIndex(index, `inputs[${i}]`));
  outputs.forEach((index, i) => checkIndex(index, `outputs[${i}]`));

  const operators: Operator[] = [];
  for (let i = 0; i < plan.operatorsLength(); i++) {
    const op = plan.operators(i) as fb.Operator;
    operators.push({
      name: text(op.name()) ?? missing('name', `${table}.operators[${i}]`, ctx),
      overload: text(op.overload()) ?? '',
    });
  }

  const delegates: Delegate[] = [];
  for (let i = 0; i < plan.delegatesLength(); i++) {
    delegates.push(readDelegate(plan.delegates(i) as fb.BackendDelegate, `${table}.delegates[${i}]`, scope));
  }

  const chains: Chain[] = [];
  for (let c = 0; c < plan.chainsLength(); c++) {
    const chain = plan.chains(c) as fb.Chain;
    const path = `chains[${c}]`;
    const chainInputs = readI32List(chain.inputsLength(), (i) => chain.inputs(i));
    const chainOutputs = readI32List(chain.outputsLength(), (i) => chain.outputs(i));
    chainInputs.forEach((index, i) => checkIndex(index, `${path}.inputs[${i}]`));
    chainOutputs.forEach((index, i) => checkIndex(index, `${path}.outputs[${i}]`));
    const count = chain.instructionsLength();
    const instructions: Instruction[] = [];
    for (let n = 0; n < count; n++) {
      const instructionPath = `${path}.instructions[${n}]`;
      const instruction = readInstruction(chain.instructions(n) as fb.Instruction);
      const fail = (message: string): never => {
        throw modelError('ETB2007', message, ctx, where(instructionPath, n), [CORRUPT_HINT]);
      };
      switch (instruction?.kind) {
        case undefined:
          throw modelError('ETB2008', 'instruction has no arguments', ctx, where(instructionPath, n), [CORRUPT_HINT]);
        case 'KernelCall':
          if (instruction.opIndex < 0 || instruction.opIndex >= operators.length) {
            fail(`operator index ${instruction.opIndex} is out of range (the method has ${operators.length} operators)`);
          }
          instruction.args.forEach((arg, i) => checkIndex(arg, `${instructionPath}.args[${i}]`, n));
          break;
        case 'DelegateCall':
          if (instruction.delegateIndex < 0 || instruction.delegateIndex >= delegates.length) {
            fail(`delegate index ${instruction.delegateIndex} is out of range (the method has ${delegates.length} delegates)`);
          }
          instruction.args.forEach((arg, i) => checkIndex(arg, `${instructionPath}.args[${i}]`, n));
          break;
        case 'MoveCall':
          checkIndex(instruction.from, `${instructionPath}.move_from`, n);
          checkIndex(instruction.to, `${instructionPath}.move_to`, n);
          break;
        case 'JumpFalseCall':
          checkIndex(instruction.condValueIndex, `${instructionPath}.cond_value_index`, n);
          // Jumping to `count` ends the chain.
          if (instruction.destination < 0 || instruction.destination > count) {
            fail(`jump destination ${instruction.destination} is outside the chain's ${count} instructions`);
          }
          break;
        case 'FreeCall':
          checkIndex(instruction.valueIndex, `${instructionPath}.value_index`, n);
          break;
      }
      instructions.push(instruction);
    }
    chains.push({ inputs: chainInputs, outputs: chainOutputs, instructions });
  }

  return { name, values, inputs, outputs, chains, operators, delegates, nonConstBufferSizes };
}

function readInstruction(instruction: fb.Instruction): Instruction | undefined {
  const args = (call: { args(i: number): number | null; argsLength(): number }): number[] =>
    readI32List(call.argsLength(), (i) => call.args(i));
  switch (instruction.instrArgsType()) {
    case fb.InstructionArguments.KernelCall: {
      const call = instruction.instrArgs(new fb.KernelCall()) as fb.KernelCall;
      return { kind: 'KernelCall', opIndex: call.opIndex(), args: args(call) };
    }
    case fb.InstructionArguments.DelegateCall: {
      const call = instruction.instrArgs(new fb.DelegateCall()) as fb.DelegateCall;
      return { kind: 'DelegateCall', delegateIndex: call.delegateIndex(), args: args(call) };
    }
    case fb.InstructionArguments.MoveCall: {
      const call = instruction.instrArgs(new fb.MoveCall()) as fb.MoveCall;
      return { kind: 'MoveCall', from: call.moveFrom(), to: call.moveTo() };
    }
    case fb.InstructionArguments.JumpFalseCall: {
      const call = instruction.instrArgs(new fb.JumpFalseCall()) as fb.JumpFalseCall;
      return { kind: 'JumpFalseCall', condValueIndex: call.condValueIndex(), destination: call.destinationInstruction() };
    }
    case fb.InstructionArguments.FreeCall: {
      const call = instruction.instrArgs(new fb.FreeCall()) as fb.FreeCall;
      return { kind: 'FreeCall', valueIndex: call.valueIndex() };
    }
    default:
      return undefined;
  }
}

function readDelegate(delegate: fb.BackendDelegate, table: string, scope: ProgramScope): Delegate {
  const { ctx } = scope;
  const id = text(delegate.id()) ?? missing('id', table, ctx);
  const processed = delegate.processed() ?? missing('processed data reference', table, ctx);
  const index = processed.index();
  const inline = processed.location() === fb.DataLocation.INLINE;
  const available = inline ? scope.inlineDelegateData.length : scope.segments.length;
  if (index >= available) {
    throw modelError(
      'ETB2010',
      `delegate ${id} refers to ${inline ? 'inline delegate data' : 'segment'} ${index}, but the program has ${available}`,
      ctx, { table: `${table}.processed` }, [CORRUPT_HINT],
    );
  }
  const size = inline ? (scope.inlineDelegateData[index] as Uint8Array).length : (scope.segments[index] as Segment).size;
  const compileSpecs: { key: string; value: Uint8Array }[] = [];
  for (let i = 0; i < delegate.compileSpecsLength(); i++) {
    const spec = delegate.compileSpecs(i) as fb.CompileSpec;
    compileSpecs.push({ key: text(spec.key()) ?? '', value: spec.valueArray() ?? new Uint8Array(0) });
  }
  return { id, processed: { location: inline ? 'INLINE' : 'SEGMENT', index, size }, compileSpecs };
}

// --- values ------------------------------------------------------------------------------------

interface MethodScope {
  readonly name: string;
  readonly table: string;
  readonly nonConstBufferSizes: readonly number[];
  readonly scope: ProgramScope;
}

function readValue(evalue: fb.EValue, path: string, method: MethodScope): Value {
  const { ctx } = method.scope;
  const type = evalue.valType();
  switch (type) {
    case fb.KernelTypes.Null:
      return { kind: 'Null' };
    case fb.KernelTypes.Int:
      return { kind: 'Int', value: Number((evalue.val(new fb.Int()) as fb.Int).intVal()) };
    case fb.KernelTypes.Bool:
      return { kind: 'Bool', value: (evalue.val(new fb.Bool()) as fb.Bool).boolVal() };
    case fb.KernelTypes.Double:
      return { kind: 'Double', value: (evalue.val(new fb.Double()) as fb.Double).doubleVal() };
    case fb.KernelTypes.String:
      return { kind: 'String', value: text((evalue.val(new fb.String()) as fb.String).stringVal()) ?? '' };
    case fb.KernelTypes.IntList: {
      const list = evalue.val(new fb.IntList()) as fb.IntList;
      // Items are resolved by readMethod once every value has been read.
      return { kind: 'IntList', valueIndices: readU64List(list.itemsLength(), (i) => list.items(i)), items: [] };
    }
    case fb.KernelTypes.DoubleList: {
      const list = evalue.val(new fb.DoubleList()) as fb.DoubleList;
      const items: number[] = [];
      for (let i = 0; i < list.itemsLength(); i++) items.push(list.items(i) ?? 0);
      return { kind: 'DoubleList', items };
    }
    case fb.KernelTypes.BoolList: {
      const list = evalue.val(new fb.BoolList()) as fb.BoolList;
      const items: boolean[] = [];
      for (let i = 0; i < list.itemsLength(); i++) items.push(list.items(i) ?? false);
      return { kind: 'BoolList', items };
    }
    case fb.KernelTypes.TensorList: {
      const list = evalue.val(new fb.TensorList()) as fb.TensorList;
      return { kind: 'TensorList', items: readI32List(list.itemsLength(), (i) => list.items(i)) };
    }
    case fb.KernelTypes.OptionalTensorList: {
      const list = evalue.val(new fb.OptionalTensorList()) as fb.OptionalTensorList;
      return { kind: 'OptionalTensorList', items: readI32List(list.itemsLength(), (i) => list.items(i)) };
    }
    case fb.KernelTypes.Tensor:
      return readTensor(evalue.val(new fb.Tensor()) as fb.Tensor, path, method);
    default:
      throw modelError('ETB2008', `value has no type (union tag ${type})`, ctx, { table: `${method.table}.${path}`, method: method.name }, [CORRUPT_HINT]);
  }
}

function readTensor(tensor: fb.Tensor, path: string, method: MethodScope): TensorValue {
  const { ctx } = method.scope;
  const table = `${method.table}.${path}`;
  const where = { table, method: method.name };
  const shape = readTensorShape(tensor, ctx, table);
  const nbytes = shapeNbytes(shape);
  const dynamism = DYNAMISM[tensor.shapeDynamism()];
  if (dynamism === undefined) {
    throw modelError('ETB2009', `tensor has unknown shape dynamism ${tensor.shapeDynamism()}`, ctx, where, [CORRUPT_HINT]);
  }

  const allocationInfo = tensor.allocationInfo();
  let allocation: Allocation | null = null;
  if (allocationInfo !== null) {
    allocation = {
      memoryId: allocationInfo.memoryId(),
      offset: allocationInfo.memoryOffsetLow() + allocationInfo.memoryOffsetHigh() * 0x100000000,
    };
    // memory_id counts from 1: non_const_buffer_sizes[0] is reserved.
    const bufferSize = method.nonConstBufferSizes[allocation.memoryId];
    if (allocation.memoryId < 1 || bufferSize === undefined) {
      throw modelError('ETB2010', `tensor is planned in memory buffer ${allocation.memoryId}, which the method does not have`, ctx, where, [CORRUPT_HINT]);
    }
    if (allocation.offset + nbytes > bufferSize) {
      throw modelError(
        'ETB2010',
        `tensor of ${nbytes} bytes at offset ${allocation.offset} runs past the end of the ${bufferSize}-byte memory buffer ${allocation.memoryId}`,
        ctx, where, [CORRUPT_HINT],
      );
    }
  }

  const extra = tensor.extraTensorInfo();
  const fqn = extra === null ? null : text(extra.fullyQualifiedName());
  const dataBufferIdx = tensor.dataBufferIdx();
  let data: TensorData = { kind: 'none' };
  if (extra !== null && extra.location() === fb.TensorDataLocation.EXTERNAL) {
    if (fqn === null) throw modelError('ETB2008', 'external tensor has no fully qualified name', ctx, where, [CORRUPT_HINT]);
    data = { kind: 'external', fqn, bytes: resolveExternal(fqn, shape, nbytes, method, where) };
  } else if (dataBufferIdx > 0 && allocation === null) {
    data = { kind: 'constant', bytes: constantBytes(dataBufferIdx, nbytes, method.scope, where) };
  } else if (dataBufferIdx > 0) {
    const segmentIdx = Number(extra?.mutableDataSegmentsIdx() ?? 0n);
    data = { kind: 'mutable-initial', bytes: mutableBytes(segmentIdx, dataBufferIdx, nbytes, method.scope, where) };
  }

  return {
    kind: 'Tensor',
    dtype: shape.dtype,
    sizes: shape.sizes,
    dimOrder: shape.dimOrder,
    storageOffset: tensor.storageOffset(),
    requiresGrad: tensor.requiresGrad(),
    dataBufferIdx,
    allocation,
    dynamism,
    fqn,
    data,
  };
}

type Where = { readonly table: string; readonly method: string };

function constantBytes(index: number, nbytes: number, scope: ProgramScope, where: Where): Uint8Array {
  const { constants, ctx } = scope;
  const fail = (message: string): never => {
    throw modelError('ETB2010', message, ctx, where, [CORRUPT_HINT]);
  };
  switch (constants.kind) {
    case 'none':
      return fail(`tensor refers to constant buffer ${index} but the program has no constant data`);
    case 'segment': {
      const offset = constants.offsets[index] ?? fail(`tensor refers to constant ${index} but the constant segment lists ${constants.offsets.length} offsets`);
      if (offset + nbytes > constants.bytes.length) {
        fail(`constant ${index} (${nbytes} bytes at offset ${offset}) runs past the end of the ${constants.bytes.length}-byte constant segment`);
      }
      return constants.bytes.subarray(offset, offset + nbytes);
    }
    case 'inline': {
      const buffer = constants.buffers[index] ?? fail(`tensor refers to constant buffer ${index} but the program has ${constants.buffers.length}`);
      if (nbytes > buffer.length) fail(`constant buffer ${index} holds ${buffer.length} bytes, the tensor needs ${nbytes}`);
      return buffer.subarray(0, nbytes);
    }
  }
}

function mutableBytes(segmentIdx: number, index: number, nbytes: number, scope: ProgramScope, where: Where): Uint8Array {
  const fail = (message: string): never => {
    throw modelError('ETB2010', message, scope.ctx, where, [CORRUPT_HINT]);
  };
  const source = scope.mutable[segmentIdx] ?? fail(`tensor's initial data is in mutable data segment ${segmentIdx}, but the program has ${scope.mutable.length}`);
  const offset = source.offsets[index] ?? fail(`tensor's initial data is mutable entry ${index}, but the segment lists ${source.offsets.length} offsets`);
  if (offset + nbytes > source.bytes.length) {
    fail(`initial data (${nbytes} bytes at offset ${offset}) runs past the end of the ${source.bytes.length}-byte mutable segment`);
  }
  return source.bytes.subarray(offset, offset + nbytes);
}

function resolveExternal(
  fqn: string,
  shape: { readonly dtype: string; readonly sizes: readonly number[] },
  nbytes: number,
  method: MethodScope,
  where: Where,
): Uint8Array | null {
  const { data, ctx, namedData } = method.scope;
  // The .ptd first, then the program's own named data: the runtime merges both maps.
  const fromData = data?.file.tensors.find((t) => t.key === fqn);
  const fromProgram = fromData === undefined ? namedData.find((d) => d.key === fqn) : undefined;
  if (fromData === undefined && fromProgram === undefined) {
    if (data === undefined) return null;
    throw modelError('ETB2011', `external tensor "${fqn}" is not in ${data.name}`, ctx, where, [
      `pass the .ptd file that was exported with this program (it lists ${data.file.tensors.length} entries)`,
    ]);
  }
  const source = fromData !== undefined && data !== undefined ? data.name : 'the program\'s named data';
  const mismatch = (message: string): never => {
    throw modelError('ETB2012', `external tensor "${fqn}" in ${source} ${message}`, ctx, where, [
      'the data belongs to another export of this model: pass the .ptd exported with this program',
    ]);
  };
  if (fromData !== undefined && fromData.dtype !== null) {
    if (fromData.dtype !== shape.dtype) mismatch(`is ${fromData.dtype}, the program expects ${shape.dtype}`);
    if (fromData.sizes.join(',') !== shape.sizes.join(',')) {
      mismatch(`has shape [${fromData.sizes.join(', ')}], the program expects [${shape.sizes.join(', ')}]`);
    }
  }
  const bytes = (fromData ?? fromProgram as NamedDataEntry).bytes;
  if (bytes.length < nbytes) mismatch(`holds ${bytes.length} bytes, the program expects ${nbytes}`);
  return bytes.subarray(0, nbytes);
}
