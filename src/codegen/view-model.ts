// The generator's view model: every name, number and C initializer of the generated model,
// computed here so that the Handlebars templates only lay text out. The same analysis always
// gives the same text (no timestamps, no map-order surprises).
import { EtbError } from '../core/errors.js';
import { bytesKey, type Analysis, type MethodAnalysis } from '../analysis/analyse.js';
import type { Instruction, Method, ScalarTypeName, TensorValue, Value } from '../pte/model.js';
import { tensorNbytes, tensorNumel } from '../pte/model.js';
import { cType, doubleLiteral, int64Literal, literalOf } from './ctypes.js';
import { stridesOf } from './lowering/broadcast.js';
import { loweringFor } from './lowering/index.js';
import type { LoweringContext } from './lowering/types.js';

export interface MethodView {
  readonly name: string;
  readonly cname: string;
  readonly buffers: readonly string[];
  readonly storage: readonly string[];
  readonly tensors: readonly string[];
  readonly statics: readonly string[];
  readonly initCopies: readonly string[];
  readonly body: readonly string[];
  readonly hasCalls: boolean;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly instructionCount: number;
}

export interface ModelView {
  readonly etbuildVersion: string;
  readonly modelName: string;
  readonly sha256: string;
  readonly kernelHeaders: readonly string[];
  readonly arrays: readonly string[];
  readonly constants: readonly string[];
  readonly methods: readonly MethodView[];
  readonly useDefines: readonly string[];
  readonly variantDefines: readonly string[];
  readonly sizeMacros: readonly string[];
}

export interface ViewModelOptions {
  readonly etbuildVersion: string;
  readonly modelName: string;
  readonly sha256: string;
}

const VALUE_KIND_ENUM: Partial<Record<Value['kind'], string>> = {
  Tensor: 'ETB_VALUE_TENSOR', Int: 'ETB_VALUE_INT', Double: 'ETB_VALUE_DOUBLE', Bool: 'ETB_VALUE_BOOL', Null: 'ETB_VALUE_NONE',
  String: 'ETB_VALUE_STRING',
};

/** A C string literal for any text, bytes outside printable ASCII escaped. */
function cStringLiteral(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '"';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    out += b >= 0x20 && b < 0x7f && ch !== '"' && ch !== '\\' && ch !== '?' ? ch : `\\${b.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

export function cIdentifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

function hexBytes(bytes: Uint8Array, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 16) {
    const row: string[] = [];
    for (let j = i; j < Math.min(i + 16, count); j++) row.push(`0x${(bytes[j] ?? 0).toString(16).padStart(2, '0')}`);
    lines.push(`  ${row.join(', ')},`);
  }
  return lines.join('\n');
}

/** Program-wide pools: small integer arrays by content, constant data by buffer. */
class Pools {
  readonly arrays = new Map<string, string>(); // key -> declaration
  private readonly arrayNames = new Map<string, string>();
  readonly constants: string[] = [];
  private readonly constantNames = new Map<string, { name: string; size: number }>();
  readonly uses = new Set<string>();
  readonly variants = new Map<string, Map<string, readonly string[]>>();
  private counter = 0;

  array(ctype: string, values: readonly (number | string)[]): string {
    const key = `${ctype}:${values.join(',')}`;
    const existing = this.arrayNames.get(key);
    if (existing) return existing;
    const short = ctype.replace(/_t$/, '').replace('uint', 'u').replace('int', 'i').replace('float', 'f32').replace('double', 'f64');
    const readable = values.length <= 8 && values.every((v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e6);
    const name = readable
      ? `etb_${short}_${values.length === 0 ? 'empty' : values.map((v) => String(v).replace('-', 'm')).join('_')}`
      : `etb_${short}_n${this.counter++}`; // `n`: never equal to a readable name such as etb_i32_1
    const body = values.length === 0 ? '0' : values.join(', ');
    this.arrays.set(key, `static const ${ctype} ${name}[${Math.max(values.length, 1)}] = { ${body} };`);
    this.arrayNames.set(key, name);
    return name;
  }

  constant(bytes: Uint8Array, size: number, comment: string): string {
    const key = bytesKey(bytes);
    const existing = this.constantNames.get(key);
    if (existing) {
      if (size > existing.size) throw new EtbError('ETB9110', `constant ${existing.name} is used with two sizes`);
      return existing.name;
    }
    const name = `etb_const_${this.constantNames.size}`;
    this.constantNames.set(key, { name, size });
    this.constants.push(
      `/* ${comment} */\nstatic const uint8_t ${name}[${Math.max(size, 1)}] ETB_ALIGNED(16) = {\n${size > 0 ? hexBytes(bytes, size) : '  0,'}\n};`,
    );
    return name;
  }

  use(family: string, variant: string, typeArgs?: readonly string[]): string {
    const fn = `${family}_${variant}`;
    this.uses.add(fn);
    if (typeArgs) {
      const known = this.variants.get(family) ?? new Map<string, readonly string[]>();
      known.set(variant, typeArgs);
      this.variants.set(family, known);
    }
    return fn;
  }
}

function describeArg(method: Method, index: number): string {
  const v = method.values[index];
  if (!v) return `?${index}`;
  switch (v.kind) {
    case 'Tensor': return `t${index}:${v.dtype}[${v.sizes.join(',')}]`;
    case 'Int': case 'Double': return `${v.value}`;
    case 'Bool': return v.value ? 'true' : 'false';
    case 'IntList': case 'DoubleList': return `[${v.items.join(',')}]`;
    case 'BoolList': return `[${v.items.map((b) => (b ? 'true' : 'false')).join(',')}]`;
    case 'TensorList': case 'OptionalTensorList': return `(${v.items.map((i) => `t${i}`).join(',')})`;
    case 'Null': return 'None';
    case 'String': return JSON.stringify(v.value);
  }
}

class MethodEmitter {
  readonly cname: string;
  private readonly tensorDecls = new Map<number, string>();
  private readonly storage: string[] = [];
  private readonly storageNames = new Map<number, string>();
  private readonly statics: string[] = [];
  private readonly staticNames = new Set<string>();
  private readonly initCopies: string[] = [];
  /** Planned buffers some tensor lives in: an unused buffer costs no RAM. */
  private readonly usedBuffers = new Set<number>();
  /** Non-tensor values that live in variables: method inputs and outputs, move and jump operands. */
  private readonly variables = new Set<number>();

  constructor(private readonly analysis: MethodAnalysis, private readonly pools: Pools) {
    const m = analysis.method;
    this.cname = cIdentifier(m.name);
    for (const i of [...m.inputs, ...m.outputs]) this.variables.add(i);
    for (const chain of m.chains) {
      for (const ins of chain.instructions) {
        if (ins.kind === 'MoveCall') { this.variables.add(ins.from); this.variables.add(ins.to); }
        if (ins.kind === 'JumpFalseCall') this.variables.add(ins.condValueIndex);
      }
    }
  }

  private get method(): Method {
    return this.analysis.method;
  }

  private fail(code: string, message: string, instruction?: number): never {
    throw new EtbError(code, message, { location: { method: this.method.name, ...(instruction === undefined ? {} : { instruction }) } });
  }

  /** C expression (of type void *) for a tensor's data. */
  dataPointer(index: number): string {
    const t = this.method.values[index];
    if (t?.kind !== 'Tensor') this.fail('ETB9111', `value ${index} is not a tensor`);
    if (t.allocation) {
      this.usedBuffers.add(t.allocation.memoryId);
      // Planned tensors with an initial state (trainable parameters, from the program or from the
      // .ptd) get it copied into their place once, before the first run.
      const initial = t.data.kind === 'mutable-initial' || t.data.kind === 'external' ? t.data.bytes : null;
      if (initial) {
        const init = this.pools.constant(initial, tensorNbytes(t), `initial state of ${t.fqn ?? `t${index}`}`);
        this.initCopies.push(`memcpy(${this.cname}_mem${t.allocation.memoryId} + ${t.allocation.offset}, ${init}, ${tensorNbytes(t)});`);
      }
      return `(void *)(${this.cname}_mem${t.allocation.memoryId} + ${t.allocation.offset})`;
    }
    switch (t.data.kind) {
      case 'constant':
        return `(void *)${this.pools.constant(t.data.bytes, tensorNbytes(t), `t${index}: ${t.dtype}[${t.sizes.join(', ')}]${t.fqn ? ` ${t.fqn}` : ''}`)}`;
      case 'external':
        if (!t.data.bytes) this.fail('ETB2106', `tensor ${t.data.fqn} has no data: pass its .ptd with --data`);
        return `(void *)${this.pools.constant(t.data.bytes, tensorNbytes(t), `t${index}: ${t.fqn ?? ''} (from the .ptd)`)}`;
      case 'mutable-initial':
      case 'none': {
        // No plan: a method input or output the caller provides. It gets its own static storage.
        let name = this.storageNames.get(index);
        if (!name) {
          name = `${this.cname}_io_t${index}`;
          this.storageNames.set(index, name);
          this.storage.push(`static uint8_t ${name}[${Math.max(tensorNbytes(t), 1)}] ETB_ALIGNED(16); /* t${index}: ${t.dtype}[${t.sizes.join(', ')}], unplanned */`);
          if (t.data.kind === 'mutable-initial') {
            const init = this.pools.constant(t.data.bytes, tensorNbytes(t), `initial state of t${index}`);
            this.initCopies.push(`memcpy(${name}, ${init}, ${tensorNbytes(t)});`);
          }
        }
        return `(void *)${name}`;
      }
    }
  }

  tensorRef(index: number): string {
    const t = this.method.values[index];
    if (t?.kind !== 'Tensor') this.fail('ETB9111', `value ${index} is not a tensor`);
    if (!this.tensorDecls.has(index)) {
      const sizes = t.sizes.length ? this.pools.array('int32_t', t.sizes) : 'NULL';
      const strides = t.sizes.length ? this.pools.array('int32_t', stridesOf(t)) : 'NULL';
      this.tensorDecls.set(index,
        `static const etb_tensor ${this.cname}_t${index} = { ${this.dataPointer(index)}, ${sizes}, ${strides}, ${tensorNumel(t)}, ${t.sizes.length}, ${cType(t.dtype).enumName} }; /* ${t.dtype}[${t.sizes.join(', ')}] dim order [${t.dimOrder.join(', ')}] */`);
    }
    return `&${this.cname}_t${index}`;
  }

  variable(index: number): string {
    return `${this.cname}_v${index}`;
  }

  private declareVariable(index: number): string | null {
    const v = this.method.values[index];
    const name = this.variable(index);
    switch (v?.kind) {
      case 'Int': return `static int64_t ${name} = ${int64Literal(v.value)};`;
      case 'Double': return `static double ${name} = ${doubleLiteral(v.value)};`;
      case 'Bool': return `static bool ${name} = ${v.value ? 'true' : 'false'};`;
      default: return null;
    }
  }

  scalar(index: number, dtype: ScalarTypeName): string {
    const v = this.method.values[index];
    if (v?.kind !== 'Int' && v?.kind !== 'Double' && v?.kind !== 'Bool') this.fail('ETB9111', `value ${index} is not a scalar`);
    if (this.variables.has(index)) return `((${cType(dtype).c})${this.variable(index)})`;
    return literalOf(dtype, v.value);
  }

  declare(instruction: number, prefix: string, render: (name: string) => string): string {
    let name = `${this.cname}_i${instruction}_${prefix}`;
    for (let n = 2; this.staticNames.has(name); n++) name = `${this.cname}_i${instruction}_${prefix}${n}`;
    this.staticNames.add(name);
    this.statics.push(render(name));
    return name;
  }

  private context(call: MethodAnalysis['calls'][number]): LoweringContext {
    const method = this.method;
    const argIndex = (name: string): number => {
      const k = call.kernel.args.findIndex((a) => a.name === name);
      const index = call.args[k];
      if (k < 0 || index === undefined) this.fail('ETB9112', `kernel ${call.opName} has no argument ${name}`, call.instruction);
      return index;
    };
    const value = (name: string): Value => method.values[argIndex(name)] ?? { kind: 'Null' };
    const ctx: LoweringContext = {
      method,
      instruction: call.instruction,
      opName: call.opName,
      kernel: call.kernel,
      args: call.args,
      value,
      tensor: (name) => {
        const v = value(name);
        if (v.kind !== 'Tensor') ctx.fail('ETB2102', `argument ${name} of ${call.opName} must be a tensor, got ${v.kind}`);
        return v;
      },
      isNull: (name) => value(name).kind === 'Null',
      tensorRef: (name) => (value(name).kind === 'Null' ? 'NULL' : this.tensorRef(argIndex(name))),
      dataRef: (name, ctype) => `((${ctype} *)${this.tensorRef(argIndex(name)).slice(1)}.data)`,
      number: (name) => {
        const index = argIndex(name);
        const v = value(name);
        if ((v.kind !== 'Int' && v.kind !== 'Double' && v.kind !== 'Bool') || this.variables.has(index)) {
          return ctx.fail('ETB2102', `argument ${name} of ${call.opName} must be a number known at build time`);
        }
        return typeof v.value === 'boolean' ? Number(v.value) : v.value;
      },
      scalar: (name, dtype) => this.scalar(argIndex(name), dtype),
      list: (name) => {
        const v = value(name);
        if (v.kind === 'IntList' || v.kind === 'DoubleList') return v.items;
        if (v.kind === 'BoolList') return v.items.map(Number);
        return ctx.fail('ETB2102', `argument ${name} of ${call.opName} must be a list, got ${v.kind}`);
      },
      tensorList: (name) => {
        const v = value(name);
        if (v.kind !== 'TensorList') return ctx.fail('ETB2102', `argument ${name} of ${call.opName} must be a tensor list`);
        return v.items.map((i) => {
          const t = method.values[i];
          if (t?.kind !== 'Tensor') return ctx.fail('ETB2102', `item ${i} of ${name} is not a tensor`);
          return t;
        });
      },
      tensorListRefs: (name) => {
        const v = value(name);
        // An OptionalTensorList's None items (-1 or a Null value) become NULL.
        if (v.kind === 'OptionalTensorList') return v.items.map((i) => (method.values[i]?.kind === 'Tensor' ? this.tensorRef(i) : 'NULL'));
        if (v.kind !== 'TensorList') return ctx.fail('ETB2102', `argument ${name} of ${call.opName} must be a tensor list`);
        return v.items.map((i) => this.tensorRef(i));
      },
      constArray: (ctype, values) => this.pools.array(ctype, values),
      declare: (prefix, render) => this.declare(call.instruction, prefix, render),
      use: (family, variant, typeArgs) => this.pools.use(family, variant, typeArgs),
      fail: (code, message, hints) => {
        throw new EtbError(code, message, { location: { method: method.name, instruction: call.instruction }, ...(hints ? { hints } : {}) });
      },
    };
    return ctx;
  }

  private instructionCode(position: number, ins: Instruction, callAt: Map<number, MethodAnalysis['calls'][number]>): string {
    const method = this.method;
    switch (ins.kind) {
      case 'KernelCall': {
        const call = callAt.get(position);
        if (!call) return this.fail('ETB9113', 'kernel call was not analysed', position);
        const lowering = loweringFor(call.opName);
        if (!lowering) this.fail('ETB9114', `kernel ${call.opName} is in the manifest but has no lowering`, position);
        const expr = lowering.emit(this.context(call));
        const args = ins.args.map((a) => describeArg(method, a)).join(', ');
        return [
          `  /* ${position}: ${call.opName}(${args}) */`,
          `  ETB_OP_BEGIN(${position}, "${call.opName}");`,
          `  status = ${expr};`,
          `  ETB_OP_END(${position});`,
          `  if (status != ETB_OK) return etb_fail_at(failed_instruction, ${position}, status);`,
        ].join('\n');
      }
      case 'MoveCall': {
        const from = method.values[ins.from];
        const to = method.values[ins.to];
        if (from?.kind === 'Tensor' && to?.kind === 'Tensor') {
          return `  /* ${position}: move t${ins.from} -> t${ins.to} */\n  memmove(${this.tensorRef(ins.to).slice(1)}.data, ${this.tensorRef(ins.from).slice(1)}.data, ${tensorNbytes(from)});`;
        }
        if (from?.kind !== to?.kind || (from?.kind !== 'Int' && from?.kind !== 'Double' && from?.kind !== 'Bool')) {
          return this.fail('ETB2109', `move from a ${from?.kind} value to a ${to?.kind} value is not supported`, position);
        }
        return `  /* ${position}: move v${ins.from} -> v${ins.to} */\n  ${this.variable(ins.to)} = ${this.variable(ins.from)};`;
      }
      case 'JumpFalseCall': {
        const cond = method.values[ins.condValueIndex];
        if (cond?.kind !== 'Bool') return this.fail('ETB2109', `jump condition value ${ins.condValueIndex} is a ${cond?.kind}, not a Bool`, position);
        return `  /* ${position}: jump to ${ins.destination} unless v${ins.condValueIndex} */\n  if (!${this.variable(ins.condValueIndex)}) goto ${this.cname}_L${ins.destination};`;
      }
      case 'FreeCall':
        return `  /* ${position}: free t${ins.valueIndex}: nothing to do, memory is planned statically */`;
      case 'DelegateCall':
        return this.fail('ETB2104', 'delegate calls are not supported', position);
    }
  }

  private io(index: number): string {
    const v = this.method.values[index];
    if (!v) return this.fail('ETB9111', `method I/O refers to value ${index}, which does not exist`);
    const kind = VALUE_KIND_ENUM[v.kind];
    if (!kind) return this.fail('ETB2110', `method input/output value ${index} is a ${v.kind}; etbuild supports tensors, Int, Double, Bool, String and None`);
    switch (v.kind) {
      case 'Tensor': return `{ ${this.dataPointer(index)}, ${tensorNbytes(v)}, ${kind}, ${cType(v.dtype).enumName} }`;
      case 'Null': return `{ NULL, 0, ${kind}, 0 }`;
      case 'String': {
        const name = `${this.cname}_s${index}`;
        if (!this.storageNames.has(index)) {
          this.storageNames.set(index, name);
          this.storage.push(`static const char ${name}[] = ${cStringLiteral(v.value)};`);
        }
        return `{ (void *)${name}, ${new TextEncoder().encode(v.value).length}, ${kind}, 0 }`;
      }
      case 'Bool': return `{ &${this.variable(index)}, 1, ${kind}, ETB_BOOL }`;
      case 'Int': return `{ &${this.variable(index)}, 8, ${kind}, ETB_I64 }`;
      default: return `{ &${this.variable(index)}, 8, ${kind}, ETB_F64 }`;
    }
  }

  emit(): MethodView {
    const method = this.method;
    const callAt = new Map(this.analysis.calls.map((c) => [c.instruction, c]));
    const instructions = method.chains.flatMap((c) => c.instructions);
    const jumpTargets = new Set(instructions.flatMap((ins) => (ins.kind === 'JumpFalseCall' ? [ins.destination] : [])));
    const body: string[] = [];
    instructions.forEach((ins, position) => {
      if (jumpTargets.has(position)) body.push(`${this.cname}_L${position}:`);
      body.push(this.instructionCode(position, ins, callAt));
    });
    if (jumpTargets.has(instructions.length)) body.push(`${this.cname}_L${instructions.length}:;`);
    const inputs = method.inputs.map((i) => this.io(i));
    const outputs = method.outputs.map((i) => this.io(i));
    const variables = [...this.variables].sort((a, b) => a - b).flatMap((i) => this.declareVariable(i) ?? []);
    return {
      name: method.name,
      cname: this.cname,
      buffers: this.analysis.buffers
        .filter((b) => this.usedBuffers.has(b.memoryId))
        .map((b) => `static uint8_t ${this.cname}_mem${b.memoryId}[${b.size}] ETB_ALIGNED(16); /* planned buffer ${b.memoryId} */`),
      storage: [...this.storage, ...variables],
      tensors: [...this.tensorDecls.entries()].sort(([a], [b]) => a - b).map(([, d]) => d),
      statics: this.statics,
      initCopies: [...new Set(this.initCopies)],
      body,
      hasCalls: this.analysis.calls.length > 0,
      inputs,
      outputs,
      instructionCount: instructions.length,
    };
  }
}

export function buildViewModel(analysis: Analysis, options: ViewModelOptions): ModelView {
  const pools = new Pools();
  const methods = analysis.methods.map((m) => new MethodEmitter(m, pools).emit());
  const kernelHeaders = analysis.kernelSources.map((s) => s.replace(/^kernels\//, '').replace(/\.c$/, '.h'));
  const useDefines = [...pools.uses].sort().map((fn) => `#define ETB_USE_${fn} 1`);
  const variantDefines = [...pools.variants.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([family, variants]) => {
    const items = [...variants.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([v, args]) => `X(${[v, ...args].join(', ')})`);
    return `#define ETB_VARIANTS_${family}(X) ${items.join(' ')}`;
  });
  const upper = cIdentifier(options.modelName).toUpperCase();
  const sizeMacros = analysis.methods.flatMap((m) => {
    const prefix = `ETB_${upper}_${cIdentifier(m.method.name).toUpperCase()}`;
    const sizeOf = (i: number): number => {
      const v = m.method.values[i];
      if (v?.kind === 'String') return new TextEncoder().encode(v.value).length;
      return v?.kind === 'Tensor' ? tensorNbytes(v) : v?.kind === 'Bool' ? 1 : v?.kind === 'Null' ? 0 : 8;
    };
    return [
      ...m.method.inputs.map((i, k) => `#define ${prefix}_INPUT${k}_BYTES ${sizeOf(i)}u`),
      ...m.method.outputs.map((i, k) => `#define ${prefix}_OUTPUT${k}_BYTES ${sizeOf(i)}u`),
      `#define ${prefix}_PLANNED_BYTES ${m.plannedBytes}u`,
    ];
  });
  return {
    etbuildVersion: options.etbuildVersion,
    modelName: options.modelName,
    sha256: options.sha256,
    kernelHeaders,
    arrays: [...pools.arrays.values()],
    constants: pools.constants,
    methods,
    useDefines,
    variantDefines,
    sizeMacros,
  };
}
