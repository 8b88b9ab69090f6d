// Turns .pte programs made of cortex_m kernel calls into one self-checking C test driver: planned
// memory and constants become static arrays, every kernel call goes through the cortex_m lowering
// (src/codegen/lowering/cortex_m.ts) with a small LoweringContext of the driver's own, and each
// run copies its inputs in, runs the program and compares every output byte with the real
// runtime's.
// The driver prints `CASE <name> ok|FAIL ...`, `TICKS <name> <n>` and a final `DONE <failures>`.
import { kernelsFor, type ArgType, type KernelEntry } from '../../../../src/analysis/catalogue.js';
import { literalOf } from '../../../../src/codegen/ctypes.js';
import type { Lowering, LoweringContext } from '../../../../src/codegen/lowering/types.js';
import { EtbError } from '../../../../src/core/errors.js';
import { tensorNbytes, type Method, type Value } from '../../../../src/pte/model.js';
import { readModelFile } from '../../../../src/pte/read.js';
import { cortexMLowerings } from '../../../../src/codegen/lowering/cortex_m.js';

export interface ProgramRun {
  readonly name: string;
  readonly inputs: readonly Uint8Array[];
  readonly expected: readonly Uint8Array[];
}

export interface ProgramOptions {
  /** Print `OP <program> <instruction> <operator> <ticks>` around every instruction. */
  readonly profile?: boolean;
}

const lowerings = new Map<string, Lowering>();
for (const l of cortexMLowerings) for (const op of l.ops) lowerings.set(op, l);

function bytesLiteral(bytes: Uint8Array): string {
  const items: string[] = [];
  for (let i = 0; i < bytes.length; i++) items.push(`0x${(bytes[i] ?? 0).toString(16).padStart(2, '0')}`);
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += 24) lines.push(`  ${items.slice(i, i + 24).join(', ')},`);
  return lines.length ? `{\n${lines.join('\n')}\n}` : '{0}';
}

function accepts(type: ArgType, value: Value): boolean {
  if (type.endsWith('?') && value.kind === 'Null') return true;
  const base = type.replace(/\?$/, '');
  if (base === 'Double') return value.kind === 'Double' || value.kind === 'Int';
  return value.kind === base;
}

function kernelFor(method: Method, opName: string, name: string, overload: string, args: readonly number[]): KernelEntry {
  const values = args.map((i) => method.values[i]);
  const kernel = kernelsFor(name, overload).find((k) =>
    k.args.length === values.length && k.args.every((a, i) => values[i] !== undefined && accepts(a.type, values[i] as Value)));
  if (!kernel) throw new Error(`no manifest entry of runtime-c matches ${opName} with ${args.length} arguments`);
  return kernel;
}

export class TestDriver {
  private readonly decls: string[] = [];
  private readonly functions: string[] = [];
  private readonly cases: string[] = [];
  private readonly constants = new Map<string, string>();
  private readonly names = new Set<string>();
  /** Kernel functions the lowering used: the driver's etb_config.h defines ETB_USE_ for each. */
  readonly uses = new Set<string>();

  /** Adds a program (a .pte file's bytes) and the runs to check it with. */
  addProgram(prefix: string, pte: Uint8Array, runs: readonly ProgramRun[], options: ProgramOptions = {}): void {
    const model = readModelFile(pte, { fileName: `${prefix}.pte` });
    if (model.kind !== 'program') throw new Error(`${prefix}: not a program`);
    const method = model.program.methods[0];
    if (!method) throw new Error(`${prefix}: no method`);
    method.nonConstBufferSizes.forEach((size, id) => {
      if (id > 0 && size > 0) this.decls.push(`static uint8_t ${prefix}_mem${id}[${size}] ETB_ALIGNED(16);`);
    });
    const dataOf = (index: number): string => this.dataOf(prefix, method, index);

    const body: string[] = [];
    let position = 0;
    for (const chain of method.chains) {
      for (const instruction of chain.instructions) {
        if (instruction.kind !== 'KernelCall') throw new Error(`${prefix}: instruction ${position} is a ${instruction.kind}`);
        const op = method.operators[instruction.opIndex];
        if (!op) throw new Error(`${prefix}: bad operator index`);
        const opName = `${op.name}.${op.overload}`;
        const statement = this.lowerCall(prefix, method, position, opName, op.name, op.overload, instruction.args, dataOf);
        if (options.profile) {
          body.push(`  etb_test_timer_start();`, statement, `  etb_test_report_ticks("OP ${prefix} ${position} ${opName}", etb_test_timer_ticks());`);
        } else {
          body.push(statement);
        }
        position++;
      }
    }
    this.functions.push(`static int ${prefix}_run(void) {\n  etb_status status;\n${body.join('\n')}\n  return 0;\n}`);

    runs.forEach((run, k) => {
      const fn = `${prefix}_case${k}`;
      const lines: string[] = [];
      method.inputs.forEach((valueIndex, i) => {
        const bytes = run.inputs[i];
        if (!bytes) throw new Error(`${run.name}: input ${i} missing`);
        const v = method.values[valueIndex];
        if (v?.kind !== 'Tensor' || tensorNbytes(v) !== bytes.length) throw new Error(`${run.name}: input ${i} has ${bytes.length} bytes`);
        const name = this.constant(bytes);
        lines.push(`  memcpy(${dataOf(valueIndex)}, ${name}, ${bytes.length});`);
      });
      lines.push(`  etb_test_timer_start();`);
      lines.push(`  if (${prefix}_run() != 0) return etb_test_failed("${run.name}", "a kernel failed");`);
      lines.push(`  etb_test_report_ticks("TICKS ${run.name}", etb_test_timer_ticks());`);
      const checks = method.outputs.map((valueIndex, i) => {
        const bytes = run.expected[i];
        if (!bytes) throw new Error(`${run.name}: expected output ${i} missing`);
        return `etb_test_compare("${run.name}", ${i}, (const uint8_t *)${dataOf(valueIndex)}, ${this.constant(bytes)}, ${bytes.length})`;
      });
      lines.push(`  return ${checks.join(' + ')};`);
      this.functions.push(`static int ${fn}(void) {\n${lines.join('\n')}\n}`);
      this.cases.push(fn);
    });
  }

  /** The complete C source of the driver. */
  source(): string {
    return [
      '/* Generated by test/kernels/cortex_m/support/driver.ts: cortex_m kernels against the real runtime. */',
      '#include <stdint.h>',
      '#include <string.h>',
      '#include "platform.h"',
      ...KERNEL_HEADERS.map((h) => `#include "${h}"`),
      '',
      PRELUDE,
      ...this.decls,
      '',
      ...this.functions,
      '',
      'int main(void) {',
      '  int failures = 0;',
      ...this.cases.map((c) => `  failures += ${c}() != 0;`),
      '  etb_test_report_ticks("DONE", (uint64_t)failures);',
      '  return failures;',
      '}',
      '',
    ].join('\n');
  }

  private dataOf(prefix: string, method: Method, index: number): string {
    const v = method.values[index];
    if (v?.kind !== 'Tensor') throw new Error(`${prefix}: value ${index} is not a tensor`);
    if (v.allocation) return `(${prefix}_mem${v.allocation.memoryId} + ${v.allocation.offset})`;
    if (v.data.kind === 'constant') return this.constant(v.data.bytes.subarray(0, tensorNbytes(v)));
    throw new Error(`${prefix}: tensor ${index} is neither planned nor constant`);
  }

  private constant(bytes: Uint8Array): string {
    const key = Buffer.from(bytes).toString('base64');
    let name = this.constants.get(key);
    if (!name) {
      name = `k${this.constants.size}`;
      this.constants.set(key, name);
      this.decls.push(`static const uint8_t ${name}[${Math.max(bytes.length, 1)}] ETB_ALIGNED(16) = ${bytesLiteral(bytes)};`);
    }
    return name;
  }

  private unique(base: string): string {
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}${n}`;
    this.names.add(name);
    return name;
  }

  private lowerCall(prefix: string, method: Method, position: number, opName: string, name: string, overload: string,
    args: readonly number[], dataOf: (index: number) => string): string {
    const comment = `  /* ${position}: ${opName} */`;
    if (opName === 'dim_order_ops::_clone_dim_order.out') {
      // Not a cortex_m kernel: a copy between two tensors of the same layout in these programs.
      const [from, , , to] = args;
      const a = method.values[from ?? -1], b = method.values[to ?? -1];
      if (a?.kind !== 'Tensor' || b?.kind !== 'Tensor' || a.dimOrder.join() !== b.dimOrder.join()) throw new Error(`${prefix}: unsupported clone`);
      return `${comment}\n  memcpy(${dataOf(to ?? -1)}, ${dataOf(from ?? -1)}, ${tensorNbytes(a)});`;
    }
    const lowering = lowerings.get(opName);
    if (!lowering) throw new Error(`${prefix}: no cortex_m lowering for ${opName}`);
    const kernel = kernelFor(method, opName, name, overload, args);
    const ctx = this.context(prefix, method, position, opName, kernel, args, dataOf);
    return `${comment}\n  status = ${lowering.emit(ctx)};\n  if (status != ETB_OK) return -1;`;
  }

  private context(prefix: string, method: Method, instruction: number, opName: string, kernel: KernelEntry,
    args: readonly number[], dataOf: (index: number) => string): LoweringContext {
    const argIndex = (name: string): number => {
      const k = kernel.args.findIndex((a) => a.name === name);
      const index = args[k];
      if (k < 0 || index === undefined) throw new Error(`${opName} has no argument ${name}`);
      return index;
    };
    const value = (name: string): Value => method.values[argIndex(name)] ?? { kind: 'Null' };
    const fail = (code: string, message: string, hints?: readonly string[]): never => {
      throw new EtbError(code, message, { location: { method: method.name, instruction }, ...(hints ? { hints } : {}) });
    };
    const unsupported = (what: string) => (): never => { throw new Error(`the test driver does not provide ${what}`); };
    return {
      method,
      instruction,
      opName,
      kernel,
      args,
      value,
      tensor: (name) => {
        const v = value(name);
        if (v.kind !== 'Tensor') return fail('ETB2102', `argument ${name} of ${opName} must be a tensor, got ${v.kind}`);
        return v;
      },
      isNull: (name) => value(name).kind === 'Null',
      tensorRef: unsupported('tensor descriptors'),
      dataRef: (name, ctype) => `((${ctype} *)${dataOf(argIndex(name))})`,
      number: (name) => {
        const v = value(name);
        if (v.kind !== 'Int' && v.kind !== 'Double' && v.kind !== 'Bool') return fail('ETB2102', `argument ${name} of ${opName} must be a number`);
        return typeof v.value === 'boolean' ? Number(v.value) : v.value;
      },
      scalar: (name, dtype) => {
        const v = value(name);
        if (v.kind !== 'Int' && v.kind !== 'Double' && v.kind !== 'Bool') return fail('ETB2102', `argument ${name} of ${opName} must be a scalar`);
        return literalOf(dtype, v.value);
      },
      list: (name) => {
        const v = value(name);
        if (v.kind === 'IntList' || v.kind === 'DoubleList') return v.items;
        if (v.kind === 'BoolList') return v.items.map(Number);
        return fail('ETB2102', `argument ${name} of ${opName} must be a list, got ${v.kind}`);
      },
      tensorList: unsupported('tensor lists'),
      tensorListRefs: unsupported('tensor lists'),
      constArray: (ctype, values) => {
        const n = this.unique(`${prefix}_a`);
        this.decls.push(`static const ${ctype} ${n}[] = { ${values.join(', ')} };`);
        return n;
      },
      declare: (p, render) => {
        const n = this.unique(`${prefix}_i${instruction}_${p}`);
        this.decls.push(render(n));
        return n;
      },
      use: (family, variant) => {
        this.uses.add(`${family}_${variant}`);
        return `${family}_${variant}`;
      },
      fail,
    };
  }
}

const KERNEL_HEADERS = [
  'op_quantize_per_tensor.h', 'op_dequantize_per_tensor.h', 'op_quantized_add.h', 'op_quantized_mul.h',
  'op_quantized_div.h', 'op_quantized_activation.h', 'op_maximum.h', 'op_minimum.h', 'op_quantized_linear.h',
  'op_quantized_batch_matmul.h', 'op_softmax.h', 'op_transpose.h', 'op_pad.h', 'op_quantized_conv2d.h',
  'op_quantized_depthwise_conv2d.h', 'op_quantized_transpose_conv2d.h', 'op_quantized_avg_pool2d.h',
  'op_quantized_max_pool2d.h',
];

const PRELUDE = String.raw`static void etb_test_print_u64(uint64_t value) {
  char text[21];
  int i = 20;
  text[i] = 0;
  do {
    text[--i] = (char)('0' + value % 10u);
    value /= 10u;
  } while (value != 0);
  etb_test_print(text + i);
}

static void etb_test_print_i32(int32_t value) {
  if (value < 0) etb_test_print("-");
  etb_test_print_u64(value < 0 ? (uint64_t)(-(int64_t)value) : (uint64_t)value);
}

static void etb_test_report_ticks(const char *what, uint64_t ticks) {
  etb_test_print(what);
  etb_test_print(" ");
  etb_test_print_u64(ticks);
  etb_test_print("\n");
}

static int etb_test_failed(const char *name, const char *why) {
  etb_test_print("CASE ");
  etb_test_print(name);
  etb_test_print(" FAIL ");
  etb_test_print(why);
  etb_test_print("\n");
  return 1;
}

/* Compares output 'index' byte by byte; reports the first difference and how many bytes differ. */
static int etb_test_compare(const char *name, int index, const uint8_t *got, const uint8_t *want, uint32_t n) {
  uint32_t first = n, count = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (got[i] != want[i]) {
      if (first == n) first = i;
      count++;
    }
  }
  etb_test_print("CASE ");
  etb_test_print(name);
  if (count == 0) {
    etb_test_print(" ok\n");
    return 0;
  }
  etb_test_print(" FAIL output ");
  etb_test_print_i32(index);
  etb_test_print(": ");
  etb_test_print_u64(count);
  etb_test_print(" of ");
  etb_test_print_u64(n);
  etb_test_print(" bytes differ, first at byte ");
  etb_test_print_u64(first);
  etb_test_print(" (got ");
  etb_test_print_i32(got[first]);
  etb_test_print(", want ");
  etb_test_print_i32(want[first]);
  etb_test_print(")\n");
  return 1;
}
`;
