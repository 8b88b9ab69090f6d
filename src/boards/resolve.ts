// Finding, reading, merging and checking boards. A board is named by its id (a file in boards/)
// or by a path to the user's own file; `inherits` entries are ids or paths relative to the file
// that names them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { BOARDS_DIR, PACKAGE_ROOT } from '../core/paths.js';
import { EtbError } from '../core/errors.js';
import { isPlainObject, validateJson, type JsonSchema } from './json-schema.js';
import { mergeBoardData } from './merge.js';
import type {
  Board, BoardConsole, BoardCpu, BoardRunner, MemoryRegion, Placement, RegisterWrite,
} from './types.js';

export const BOARD_SCHEMA_FILE = join(PACKAGE_ROOT, 'schema', 'board.schema.json');

export const BOARD_ERROR_CODES = {
  unknownBoard: 'ETB1101',
  unreadableBoardFile: 'ETB1102',
  invalidBoardFile: 'ETB1103',
  inheritanceCycle: 'ETB1104',
  abstractBoard: 'ETB1105',
  incompleteBoard: 'ETB1106',
} as const;

type JsonObject = Record<string, unknown>;

interface BoardFile {
  readonly id: string;
  readonly file: string;
  readonly data: JsonObject;
}

export interface BoardSummary {
  readonly id: string;
  readonly name: string;
  readonly core: string;
  readonly qemuMachine: string | null;
}

/** Ids of the boards etbuild ships that can be built for (families left out), sorted. */
export function knownBoardIds(): string[] {
  return builtInFiles().filter((f) => f.data.abstract !== true).map((f) => f.id).sort();
}

/** One line per built-in board, for `etbuild boards`. */
export function listBoards(): BoardSummary[] {
  return knownBoardIds().map((id) => {
    const board = resolveBoard(id);
    return { id, name: board.name, core: board.cpu.core, qemuMachine: board.qemu?.machine ?? null };
  });
}

/**
 * Reads and resolves a board. `idOrPath` is a built-in id ("stm32f4") or a path to a board file
 * ("./my-board.json", resolved against `cwd`). Throws EtbError ETB11xx with what is wrong.
 */
export function resolveBoard(idOrPath: string, cwd: string = process.cwd()): Board {
  const file = locate(idOrPath, cwd, undefined);
  if (file.data.abstract === true) {
    throw new EtbError(BOARD_ERROR_CODES.abstractBoard, `board ${file.id} is a family that other boards inherit from, not a board to build for`, {
      hints: [`pick one of: ${knownBoardIds().join(', ')}`],
    });
  }
  const { data, ancestry } = mergeAncestry(file, []);
  return finish(file, data, ancestry);
}

function isPathLike(reference: string): boolean {
  return reference.includes('/') || reference.includes('\\') || reference.endsWith('.json');
}

function locate(reference: string, cwd: string, referencedFrom: string | undefined): BoardFile {
  if (isPathLike(reference)) {
    const file = isAbsolute(reference) ? reference : resolvePath(cwd, reference);
    if (!existsSync(file)) {
      throw new EtbError(BOARD_ERROR_CODES.unreadableBoardFile, `board file ${file} does not exist${from(referencedFrom)}`, {
        hints: ['a board is a built-in id (`etbuild boards` lists them) or a path to a .json board file'],
      });
    }
    return readBoardFile(file);
  }
  const file = join(BOARDS_DIR, `${reference}.json`);
  if (!/^[a-z0-9][a-z0-9._-]*$/u.test(reference) || !existsSync(file)) {
    const known = knownBoardIds();
    const close = known.filter((id) => editDistance(id, reference) <= 2);
    throw new EtbError(BOARD_ERROR_CODES.unknownBoard, `unknown board ${JSON.stringify(reference)}${from(referencedFrom)}`, {
      hints: [
        ...(close.length > 0 ? [`did you mean ${close.join(' or ')}?`] : []),
        `known boards: ${known.join(', ')}`,
        'or pass the path of your own board file, e.g. --board ./my-board.json',
      ],
    });
  }
  return readBoardFile(file);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function from(referencedFrom: string | undefined): string {
  return referencedFrom === undefined ? '' : ` (inherited by ${referencedFrom})`;
}

let schemaCache: JsonSchema | undefined;

function boardSchema(): JsonSchema {
  schemaCache ??= JSON.parse(readFileSync(BOARD_SCHEMA_FILE, 'utf8')) as JsonSchema;
  return schemaCache;
}

function readBoardFile(file: string): BoardFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new EtbError(BOARD_ERROR_CODES.unreadableBoardFile, `cannot read board file ${file}: ${(cause as Error).message}`, {
      cause,
      hints: ['a board file is JSON; schema/board.schema.json describes it'],
    });
  }
  const problems = validateJson(data, boardSchema());
  if (problems.length > 0 || !isPlainObject(data)) {
    throw new EtbError(BOARD_ERROR_CODES.invalidBoardFile, `board file ${file} is not valid:\n  ${problems.join('\n  ')}`, {
      location: { file },
      hints: ['schema/board.schema.json describes every property; point "$schema" at it for editor help'],
    });
  }
  const id = typeof data.id === 'string' ? data.id : basename(file, '.json');
  return { id, file, data };
}

function builtInFiles(): BoardFile[] {
  return readdirSync(BOARDS_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => readBoardFile(join(BOARDS_DIR, name)));
}

/** Parents merged left to right (each resolved the same way), then the board itself. */
function mergeAncestry(file: BoardFile, chain: readonly string[]): { data: JsonObject; ancestry: string[] } {
  if (chain.includes(file.file)) {
    const names = [...chain, file.file].map((f) => basename(f, '.json'));
    throw new EtbError(BOARD_ERROR_CODES.inheritanceCycle, `board inheritance loops: ${names.join(' -> ')}`, {
      location: { file: file.file },
    });
  }
  let data: JsonObject = {};
  const ancestry: string[] = [];
  const parents = Array.isArray(file.data.inherits) ? (file.data.inherits as string[]) : [];
  for (const reference of parents) {
    const parent = locate(reference, dirname(file.file), file.id);
    const merged = mergeAncestry(parent, [...chain, file.file]);
    data = mergeBoardData(data, merged.data);
    for (const id of [...merged.ancestry, parent.id]) if (!ancestry.includes(id)) ancestry.push(id);
  }
  return { data: mergeBoardData(data, file.data), ancestry };
}

// ---- from merged JSON to a checked Board ----

function finish(file: BoardFile, data: JsonObject, ancestry: string[]): Board {
  const problems: string[] = [];
  const need = <T>(value: T | undefined, path: string): T | undefined => {
    if (value === undefined) problems.push(`${path} is missing`);
    return value;
  };
  const cpuData = (data.cpu ?? {}) as JsonObject;
  const cpu = {
    core: need(cpuData.core, 'cpu.core'),
    arch: need(cpuData.arch, 'cpu.arch'),
    fpu: need(cpuData.fpu, 'cpu.fpu'),
    floatAbi: need(cpuData.floatAbi, 'cpu.floatAbi'),
    dsp: need(cpuData.dsp, 'cpu.dsp'),
    mve: need(cpuData.mve, 'cpu.mve'),
    cflags: (cpuData.cflags ?? []) as string[],
  } as BoardCpu;
  const toolchain = need(data.toolchain, 'toolchain') as Board['toolchain'];
  const isHost = toolchain === 'host';

  const memory: MemoryRegion[] = Object.entries((data.memory ?? {}) as Record<string, JsonObject>).map(([name, region]) => ({
    name,
    kind: need(region.kind, `memory.${name}.kind`) as MemoryRegion['kind'],
    origin: toNumber(need(region.origin, `memory.${name}.origin`) ?? 0),
    length: toNumber(need(region.length, `memory.${name}.length`) ?? 0),
  }));

  const consoleData = (data.console ?? {}) as JsonObject;
  const console = {
    kind: need(consoleData.kind, 'console.kind'),
    ...optionalNumber('base', consoleData.base),
    ...optionalNumber('baud', consoleData.baud),
    ...optionalNumber('clockHz', consoleData.clockHz),
    ...optionalNumber('txPin', consoleData.txPin),
    ...optionalNumber('rxPin', consoleData.rxPin),
    setup: ((consoleData.setup ?? []) as JsonObject[]).map((write): RegisterWrite => ({
      what: String(write.what),
      address: toNumber(write.address),
      clear: toNumber(write.clear),
      set: toNumber(write.set),
    })),
  } as BoardConsole;

  const runners = ((data.runners ?? []) as JsonObject[]).map((runner): BoardRunner => ({
    name: String(runner.name),
    kind: runner.kind as BoardRunner['kind'],
    ...optionalNumber('chipId', runner.chipId),
    ...optionalNumber('baud', runner.baud),
    ...optionalNumber('address', runner.address),
    ...(Array.isArray(runner.args) ? { args: runner.args as string[] } : {}),
  }));

  const placement = isHost ? null : (data.placement as Placement | undefined) ?? null;
  const board: Board = {
    id: file.id,
    name: need(data.name, 'name') as string,
    ...(typeof data.vendor === 'string' ? { vendor: data.vendor } : {}),
    file: file.file,
    inherits: ancestry,
    toolchain,
    backends: (need(data.backends, 'backends') ?? []) as Board['backends'],
    cpu,
    clockHz: need(data.clockHz, 'clockHz') as number,
    memory,
    placement,
    stackSize: data.stackSize === undefined ? 0 : toNumber(data.stackSize),
    stackSizing: data.stackSizing === 'fixed' ? 'fixed' : 'computed',
    console,
    timer: need(data.timer, 'timer') as Board['timer'],
    runners,
    usb: (data.usb ?? []) as Board['usb'],
    ...(isPlainObject(data.qemu) ? { qemu: data.qemu as { machine: string; icountShift?: number } } : {}),
    ...(isPlainObject(data.zephyr) ? { zephyr: data.zephyr as { board: string } } : {}),
  };
  if (board.qemu !== undefined && typeof board.qemu.machine !== 'string') problems.push('qemu.machine is missing');
  if (!isHost) checkTarget(board, data, problems);
  if (problems.length > 0) {
    throw new EtbError(BOARD_ERROR_CODES.incompleteBoard, `board ${board.id} (${file.file}) cannot be used:\n  ${problems.join('\n  ')}`, {
      location: { file: file.file },
      hints: ['add the missing properties to the board file or inherit them from a family such as cortex-m4f'],
    });
  }
  return board;
}

const UART_KINDS_NEEDING_CLOCK = new Set(['stm32-usart', 'stm32-usart-v2', 'stm32-lpuart', 'cmsdk-uart']);

/** Checks that only matter for a board with its own linker script and startup. */
function checkTarget(board: Board, data: JsonObject, problems: string[]): void {
  if (board.memory.length === 0) problems.push('memory has no regions');
  const byName = new Map(board.memory.map((region) => [region.name, region]));
  const placement = board.placement;
  if (placement === null) problems.push('placement is missing');
  else {
    const wanted: Record<keyof Placement, MemoryRegion['kind']> = {
      code: 'flash', constants: 'flash', data: 'ram', planned: 'ram', stack: 'ram',
    };
    for (const [what, kind] of Object.entries(wanted) as [keyof Placement, MemoryRegion['kind']][]) {
      const name = placement[what];
      const region = name === undefined ? undefined : byName.get(name);
      if (name === undefined) problems.push(`placement.${what} is missing`);
      else if (region === undefined) problems.push(`placement.${what} names region ${JSON.stringify(name)}, which is not in memory (${[...byName.keys()].join(', ')})`);
      else if (region.kind !== kind) problems.push(`placement.${what} must be a ${kind} region; ${name} is ${region.kind}`);
    }
  }
  if (data.stackSize === undefined || board.stackSize < 256) problems.push('stackSize must be at least 256 bytes');
  for (const region of board.memory) {
    if (region.length === 0) problems.push(`memory.${region.name} is empty`);
    if (region.origin + region.length > 2 ** 32) problems.push(`memory.${region.name} ends beyond 4 GiB`);
  }
  for (const [i, a] of board.memory.entries()) {
    for (const b of board.memory.slice(i + 1)) {
      if (a.origin < b.origin + b.length && b.origin < a.origin + a.length) problems.push(`memory.${a.name} and memory.${b.name} overlap`);
    }
  }
  const { cpu, console } = board;
  if (cpu.fpu === 'none' && cpu.floatAbi !== 'soft') problems.push('cpu.floatAbi must be "soft" when cpu.fpu is "none"');
  if (cpu.fpu !== 'none' && cpu.floatAbi === 'soft') problems.push(`cpu.floatAbi "soft" wastes the ${cpu.fpu} FPU; use "hard" (or "softfp")`);
  if (console.kind !== 'semihosting' && console.kind !== 'host-stdio') {
    if (console.base === undefined) problems.push(`console.base is missing (a ${console.kind} console needs its register address)`);
    if (console.baud === undefined) problems.push('console.baud is missing');
  }
  if (UART_KINDS_NEEDING_CLOCK.has(console.kind) && console.clockHz === undefined) {
    problems.push(`console.clockHz is missing (a ${console.kind} console derives its baud divisor from it)`);
  }
  if (console.kind === 'nrf-uart' && (console.txPin === undefined || console.rxPin === undefined)) {
    problems.push('console.txPin and console.rxPin are needed for an nrf-uart console');
  }
  if (console.kind === 'host-stdio') problems.push('console.kind host-stdio is only for the host toolchain');
  if (board.timer === 'host') problems.push('timer "host" is only for the host toolchain');
}

function optionalNumber<K extends string>(key: K, value: unknown): { [P in K]?: number } {
  return value === undefined ? {} : ({ [key]: toNumber(value) } as { [P in K]: number });
}

/** The schema's address and size forms: integers, "0x…" hex, or decimal with a K/M suffix. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  const text = String(value);
  if (/^0x[0-9a-f]+$/iu.test(text)) return Number.parseInt(text.slice(2), 16);
  const match = /^([0-9]+)([KM]?)$/u.exec(text);
  if (match === null) throw new Error(`not a number: ${text}`);
  const scale = match[2] === 'K' ? 1024 : match[2] === 'M' ? 1024 * 1024 : 1;
  return Number(match[1]) * scale;
}
