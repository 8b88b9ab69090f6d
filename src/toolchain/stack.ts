// The worst-case stack depth of a linked firmware, computed at build time so that the stack
// region can be exactly as large as the firmware can ever need.
//
// The call graph comes from the linked ELF's disassembly (arm-none-eabi-objdump -d): it holds
// every function that is really there, including libgcc and libc functions, calls the compiler
// makes on its own (memcpy, __aeabi_*), tail calls and branches written in assembly (the fault
// handler's). gcc's -fcallgraph-info=su (gcc 12 has it) was tried: it sees none of those, so it
// would need the disassembly anyway. Frame sizes come from gcc's -fstack-usage (.su files, exact
// per function); every function's instructions are read too (every push, vpush, pre-decrementing
// store and sub from sp added up, an upper bound of its frame), and the larger figure counts:
// that covers libraries, which have no .su, and assembly, which gcc counts as 0 bytes.
//
// Indirect calls: the runner calls the model's methods through the etb_method table. An indirect
// call made by the dispatching sources (the runner) is an edge to every method function (the
// generated model's functions named *_run). Any other indirect call, a recursion or a frame whose
// size depends on run-time values makes the depth unknown: the analysis then says why, and the
// build falls back to the board's fixed stackSize.
import { readFileSync } from 'node:fs';
import { runTool } from './exec.js';

/** What gcc's -fstack-usage says about one function (a line of a .su file). */
export interface StackUsageEntry {
  /** The source file, as the compiler was given it. */
  readonly file: string;
  readonly name: string;
  readonly bytes: number;
  /** static: exact; bounded: dynamic, but at most `bytes`; dynamic: unbounded. */
  readonly kind: 'static' | 'bounded' | 'dynamic';
}

/** Lines such as "/path/op_add.c:12:6:etb_op_add\t24\tstatic" (or "dynamic,bounded"). */
export function parseStackUsage(text: string): StackUsageEntry[] {
  const entries: StackUsageEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^(.*):\d+:\d+:([^\t]+)\t(\d+)\t(\S+)$/u.exec(line.trimEnd());
    if (match === null) continue;
    const qualifiers = match[4]!.split(',');
    const kind = !qualifiers.includes('dynamic') ? 'static' : qualifiers.includes('bounded') ? 'bounded' : 'dynamic';
    entries.push({ file: match[1]!, name: match[2]!, bytes: Number(match[3]), kind });
  }
  return entries;
}

/** One function of the disassembly, with what the analysis needs from its instructions. */
export interface DisassembledFunction {
  readonly name: string;
  readonly address: number;
  /** Addresses this function calls or branches to outside itself (tail calls). */
  readonly targets: readonly number[];
  /** Bytes its instructions take from the stack, added up (an upper bound of its frame). */
  readonly pushedBytes: number;
  /** It moves sp by a register's value (alloca, a variable-length array). */
  readonly dynamicFrame: boolean;
  /** It calls or jumps through a register. */
  readonly indirect: boolean;
}

const CONDITIONS = 'eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al';
/** Calls and branches, conditional ones too (inside IT blocks). */
const CALL_OR_BRANCH = new RegExp(`^(?:blx?(?:${CONDITIONS})?|b(?:${CONDITIONS})?|cbn?z)(?:\\.[nw])?$`, 'u');
const TARGET = /\b([0-9a-f]+) <[^>]+>/u;

/** Registers in a list such as "{r4, r5, r8-r11, lr}", as (count, bytes each). */
function registerBytes(list: string): number {
  let bytes = 0;
  for (const item of list.replace(/[{}]/gu, '').split(',').map((r) => r.trim()).filter((r) => r !== '')) {
    const range = /^([rsd])(\d+)-[rsd](\d+)$/u.exec(item);
    const size = item.startsWith('d') ? 8 : 4;
    bytes += range === null ? size : size * (Number(range[3]) - Number(range[2]) + 1);
  }
  return bytes;
}

/** How many bytes one instruction takes from the stack, or 'dynamic' for sp minus a register. */
function stackDecrement(mnemonic: string, operands: string): number | 'dynamic' {
  const op = mnemonic.replace(/\.[nw]$/u, '');
  if (op === 'push' || op === 'vpush') return registerBytes(operands);
  if ((op === 'stmdb' || op === 'stmfd' || op === 'vstmdb') && operands.startsWith('sp!')) return registerBytes(operands.slice(operands.indexOf('{')));
  if (/^str/u.test(op)) {
    const preDecrement = /\[sp, #-(\d+)\]!/u.exec(operands);
    return preDecrement === null ? 0 : Number(preDecrement[1]);
  }
  if ((op === 'sub' || op === 'subw') && /^sp,/u.test(operands)) {
    const immediate = /#(\d+)/u.exec(operands);
    return immediate === null ? 'dynamic' : Number(immediate[1]);
  }
  return 0;
}

/** Functions of `objdump -d --no-show-raw-insn` output, in address order. */
export function parseDisassembly(text: string): DisassembledFunction[] {
  interface Building { name: string; address: number; targets: number[]; pushedBytes: number; dynamicFrame: boolean; indirect: boolean }
  const functions: Building[] = [];
  let current: Building | undefined;
  for (const line of text.split('\n')) {
    const header = /^([0-9a-f]{8}) <([^>]+)>:$/u.exec(line);
    if (header !== null) {
      current = { name: header[2]!, address: Number.parseInt(header[1]!, 16), targets: [], pushedBytes: 0, dynamicFrame: false, indirect: false };
      functions.push(current);
      continue;
    }
    // objdump pads addresses below 0x10000000 with a space: " 8000040:", "10001950:".
    const instruction = /^\s*[0-9a-f]+:\s+([a-z][\w.]*)\s*(.*)$/u.exec(line);
    if (current === undefined || instruction === null) continue;
    const mnemonic = instruction[1]!;
    const operands = instruction[2]!.replace(/\s*@.*$/u, '').trim();
    const decrement = stackDecrement(mnemonic, operands);
    if (decrement === 'dynamic') current.dynamicFrame = true;
    else current.pushedBytes += decrement;
    const target = TARGET.exec(operands);
    if (CALL_OR_BRANCH.test(mnemonic)) {
      if (target !== null) current.targets.push(Number.parseInt(target[1]!, 16));
      else current.indirect = true; // blx r3
    } else if (/^bx/u.test(mnemonic) && operands !== 'lr') {
      current.indirect = true; // a tail call through a register
    } else if (/^(?:ldr|mov)/u.test(mnemonic) && /^pc,/u.test(operands) && !/^pc, \[sp\], #\d+$/u.test(operands)) {
      current.indirect = true; // a jump through a register or a table (ldr pc, [sp], #4 is a return)
    }
  }
  // Branches inside a function are not edges: only those that leave it.
  return functions.map((fn, i) => {
    const end = functions[i + 1]?.address ?? Infinity;
    return { ...fn, targets: [...new Set(fn.targets.filter((t) => t < fn.address || t >= end))] };
  });
}

/** The 32-bit words of `objdump -s` output (little-endian bytes, as printed). */
export function parseHexDump(text: string): number[] {
  const words: number[] = [];
  for (const line of text.split('\n')) {
    const match = /^ [0-9a-f]+ ((?:[0-9a-f]{8} ?){1,4})/u.exec(line);
    if (match === null) continue;
    for (const group of match[1]!.trim().split(' ')) words.push(Buffer.from(group, 'hex').readUInt32LE(0));
  }
  return words;
}

/** The deepest chain of calls from one entry point. */
export interface StackPath {
  readonly entry: string;
  /** Bytes of the chain, frames added up. */
  readonly bytes: number;
  /** The functions of the chain with their frames, the entry first. */
  readonly frames: readonly { readonly name: string; readonly bytes: number; readonly from: 'su' | 'instructions' }[];
}

export interface StackEstimate {
  /** From the reset handler: the runner, the methods and their kernels. */
  readonly thread: StackPath;
  /**
   * The exceptions that can be stacked on top of it: one handler of configurable priority (all
   * have the reset priority 0, so none preempts another: the deepest counts) and HardFault, which
   * preempts it. Each costs its exception frame besides its own chain.
   */
  readonly exceptions: readonly (StackPath & { readonly exceptionFrame: number })[];
  /** thread + exceptions (with their frames): the deepest the stack can get. */
  readonly worstCase: number;
}

export type StackAnalysis =
  | { readonly ok: true; readonly estimate: StackEstimate }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface StackAnalysisInput {
  readonly functions: readonly DisassembledFunction[];
  readonly usage: readonly StackUsageEntry[];
  /** The vector table's 16 words: initial sp, reset, NMI, HardFault, ... SysTick. */
  readonly vectors: readonly number[];
  /** Source files whose indirect calls are calls of the model's methods (the runner). */
  readonly dispatchSources: readonly string[];
  /** Source files of the generated model, whose *_run functions are the methods. */
  readonly methodSources: readonly string[];
  /** Bytes the core stacks on an exception: 32, or 104 with the FPU's context; plus 4 for the
   * alignment of the frame to 8 bytes. */
  readonly exceptionFrameBytes: number;
}

/** Vector numbers. MemManage, BusFault, UsageFault and SecureFault (4-7) are disabled at reset
 * and the runner never enables them: they escalate to HardFault. SVCall, DebugMonitor, PendSV
 * and SysTick (11-15) have configurable priorities, all 0 at reset. */
const VECTOR = { reset: 1, hardFault: 3, firstConfigurable: 11 } as const;

/** The worst-case stack depth, or the reasons it cannot be known. */
export function analyseStack(input: StackAnalysisInput): StackAnalysis {
  const problems = new Set<string>();
  const byAddress = new Map(input.functions.map((fn) => [fn.address, fn]));
  const starts = input.functions.map((fn) => fn.address);
  const containing = (address: number): DisassembledFunction | undefined => {
    let low = 0;
    let high = starts.length - 1;
    let found: DisassembledFunction | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! <= address) {
        found = input.functions[mid];
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };
  const usageByName = new Map<string, StackUsageEntry[]>();
  for (const entry of input.usage) usageByName.set(entry.name, [...(usageByName.get(entry.name) ?? []), entry]);
  const dispatchers = new Set(input.dispatchSources);
  const methodFiles = new Set(input.methodSources);
  const methodNames = new Set(input.usage.filter((u) => methodFiles.has(u.file) && u.name.endsWith('_run')).map((u) => u.name));
  const methods = input.functions.filter((fn) => methodNames.has(fn.name));

  // The larger of gcc's figure and the instructions' own: gcc says 0 for a naked function whose
  // assembly pushes registers, and static functions of different files may share a name.
  const frameOf = (fn: DisassembledFunction): { bytes: number; from: 'su' | 'instructions' } => {
    const entries = usageByName.get(fn.name) ?? [];
    if (entries.some((e) => e.kind === 'dynamic')) problems.add(`${fn.name} has a frame whose size depends on run-time values (gcc -fstack-usage: dynamic)`);
    else if (fn.dynamicFrame && !entries.some((e) => e.kind === 'bounded')) problems.add(`${fn.name} moves the stack pointer by a run-time value`);
    const reported = Math.max(0, ...entries.map((e) => e.bytes));
    return entries.length > 0 && reported >= fn.pushedBytes ? { bytes: reported, from: 'su' } : { bytes: fn.pushedBytes, from: 'instructions' };
  };
  const calleesOf = (fn: DisassembledFunction): DisassembledFunction[] => {
    const callees = fn.targets.map(containing).filter((c): c is DisassembledFunction => c !== undefined);
    if (fn.indirect) {
      const dispatches = (usageByName.get(fn.name) ?? []).some((e) => dispatchers.has(e.file));
      if (dispatches && methods.length > 0) callees.push(...methods);
      else problems.add(`${fn.name} calls a function through a pointer that etbuild cannot follow`);
    }
    return [...new Set(callees)];
  };

  const deepest = new Map<DisassembledFunction, StackPath['frames']>();
  const visiting: DisassembledFunction[] = [];
  const walk = (fn: DisassembledFunction): StackPath['frames'] => {
    const known = deepest.get(fn);
    if (known !== undefined) return known;
    if (visiting.includes(fn)) {
      const cycle = [...visiting.slice(visiting.indexOf(fn)), fn].map((f) => f.name);
      problems.add(`recursion: ${cycle.join(' → ')}`);
      return [];
    }
    visiting.push(fn);
    let below: StackPath['frames'] = [];
    for (const callee of calleesOf(fn)) {
      const chain = walk(callee);
      if (bytesOf(chain) > bytesOf(below)) below = chain;
    }
    visiting.pop();
    const chain = [{ name: fn.name, ...frameOf(fn) }, ...below];
    deepest.set(fn, chain);
    return chain;
  };
  const pathFrom = (vector: number): StackPath | undefined => {
    const address = (input.vectors[vector] ?? 0) & ~1;
    if (address === 0) return undefined;
    const fn = byAddress.get(address);
    if (fn === undefined) {
      problems.add(`vector ${vector} (0x${address.toString(16)}) is not the start of a function`);
      return undefined;
    }
    const frames = walk(fn);
    return { entry: fn.name, bytes: bytesOf(frames), frames };
  };

  if (input.vectors.length < 16) return { ok: false, problems: ['the firmware has no vector table (etb_vectors)'] };
  const thread = pathFrom(VECTOR.reset);
  const configurable = input.vectors.slice(VECTOR.firstConfigurable, 16)
    .map((_, i) => pathFrom(VECTOR.firstConfigurable + i))
    .filter((p): p is StackPath => p !== undefined)
    .reduce<StackPath | undefined>((a, b) => (a === undefined || b.bytes > a.bytes ? b : a), undefined);
  const hardFault = pathFrom(VECTOR.hardFault);
  if (thread === undefined) problems.add('the vector table has no reset handler');
  // A reset handler that never reaches main means the disassembly was not understood.
  else if (input.functions.some((fn) => fn.name === 'main') && ![...deepest.keys()].some((fn) => fn.name === 'main')) {
    problems.add(`no call from ${thread.entry} to main was found in the disassembly`);
  }
  if (problems.size > 0 || thread === undefined) return { ok: false, problems: [...problems] };
  const exceptions = [configurable, hardFault]
    .filter((p): p is StackPath => p !== undefined)
    .map((p) => ({ ...p, exceptionFrame: input.exceptionFrameBytes }));
  const worstCase = thread.bytes + exceptions.reduce((sum, e) => sum + e.exceptionFrame + e.bytes, 0);
  return { ok: true, estimate: { thread, exceptions, worstCase } };
}

function bytesOf(frames: StackPath['frames']): number {
  return frames.reduce((sum, frame) => sum + frame.bytes, 0);
}

export interface ComputeStackOptions {
  readonly suFiles: readonly string[];
  readonly dispatchSources: readonly string[];
  readonly methodSources: readonly string[];
  /** The core stacks the FPU's registers too on an exception. */
  readonly fpu: boolean;
}

/** Bytes the core pushes on exception entry: 8 words, 26 with the FPU's lazy context, plus up to
 * 4 bytes to align the frame to 8 (CCR.STKALIGN). */
export function exceptionFrameBytes(fpu: boolean): number {
  return (fpu ? 104 : 32) + 4;
}

/** Disassembles a linked firmware and computes its worst-case stack depth. */
export async function computeStack(elf: string, options: ComputeStackOptions): Promise<StackAnalysis> {
  const { stdout: disassembly } = await runTool('arm-none-eabi-objdump', ['-d', '--no-show-raw-insn', elf]);
  const functions = parseDisassembly(disassembly);
  const table = functions.find((fn) => fn.name === 'etb_vectors');
  let vectors: number[] = [];
  if (table !== undefined) {
    const range = [`--start-address=0x${table.address.toString(16)}`, `--stop-address=0x${(table.address + 64).toString(16)}`];
    const { stdout } = await runTool('arm-none-eabi-objdump', ['-s', ...range, elf]);
    vectors = parseHexDump(stdout);
  }
  return analyseStack({
    functions,
    usage: options.suFiles.flatMap((file) => parseStackUsage(readFileSync(file, 'utf8'))),
    vectors,
    dispatchSources: options.dispatchSources,
    methodSources: options.methodSources,
    exceptionFrameBytes: exceptionFrameBytes(options.fpu),
  });
}

// ---- choosing the stack's size ----

/**
 * Bytes added to the computed worst case: slack for what a static analysis cannot promise to
 * see (a library function whose frame was estimated from its instructions, an NMI, which the
 * runner's boards never raise and the worst case leaves out), and a size still a multiple of 8.
 */
export const STACK_MARGIN = 64;

/** How the stack of a firmware was sized (etbuild.json, memory.stack). */
export interface StackReport {
  /** Bytes of the stack region (the .stack section). */
  readonly size: number;
  /**
   * computed: the worst case plus STACK_MARGIN, rounded up to 8; board: the board's fixed
   * stackSize (stackSizing "fixed"); option: --stack-size; fallback: the board's stackSize,
   * because the worst case could not be computed (see warnings).
   */
  readonly sizing: 'computed' | 'board' | 'option' | 'fallback';
  /** The deepest the stack can get, or null when it cannot be computed. */
  readonly worstCase: number | null;
  readonly margin: number;
  /** The chains behind the worst case. */
  readonly estimate: StackEstimate | null;
  /** Why the worst case is unknown, or why a fixed size is too small for it. */
  readonly warnings: readonly string[];
}

/** The size a firmware's stack must have whatever the analysis finds (--stack-size, or a board
 * with stackSizing "fixed"), or undefined when it is computed. */
export function fixedStackSize(board: { readonly stackSize: number; readonly stackSizing: 'computed' | 'fixed' }, requested?: number): number | undefined {
  return requested ?? (board.stackSizing === 'fixed' ? board.stackSize : undefined);
}

export function sizeStack(
  analysis: StackAnalysis,
  board: { readonly id: string; readonly stackSize: number; readonly stackSizing: 'computed' | 'fixed' },
  requested?: number,
): StackReport {
  const estimate = analysis.ok ? analysis.estimate : null;
  const worstCase = estimate?.worstCase ?? null;
  const fixed = fixedStackSize(board, requested);
  if (fixed !== undefined) {
    const warnings = worstCase !== null && fixed < worstCase
      ? [`the stack (${fixed} bytes) is smaller than the firmware's worst case (${worstCase} bytes): it can overflow`]
      : [];
    return { size: fixed, sizing: requested !== undefined ? 'option' : 'board', worstCase, margin: 0, estimate, warnings };
  }
  if (!analysis.ok) {
    const warnings = [
      ...analysis.problems.map((p) => `cannot compute the worst-case stack: ${p}`),
      `the stack is board ${board.id}'s stackSize (${board.stackSize} bytes); --stack-size BYTES sets another`,
    ];
    return { size: board.stackSize, sizing: 'fallback', worstCase, margin: 0, estimate, warnings };
  }
  const size = Math.ceil((analysis.estimate.worstCase + STACK_MARGIN) / 8) * 8;
  return { size, sizing: 'computed', worstCase, margin: size - analysis.estimate.worstCase, estimate, warnings: [] };
}

/** One line for the build summary, e.g. "stack 1.2 KiB: worst case 1,148 B + 68 B margin". */
export function describeStack(stack: StackReport): string {
  const chain = stack.estimate?.thread.frames.map((f) => f.name).join(' → ');
  switch (stack.sizing) {
    case 'computed': return `stack ${stack.size} B: worst case ${stack.worstCase} B + ${stack.margin} B margin (deepest: ${chain})`;
    case 'option': return `stack ${stack.size} B (--stack-size)${stack.worstCase === null ? '' : `; computed worst case ${stack.worstCase} B`}`;
    case 'board': return `stack ${stack.size} B (the board's fixed stackSize)${stack.worstCase === null ? '' : `; computed worst case ${stack.worstCase} B`}`;
    case 'fallback': return `stack ${stack.size} B (the board's stackSize: the worst case could not be computed)`;
  }
}
