// Memory accounting: how much of each region a firmware uses (from the ELF's section headers),
// whether a model can fit before anything is linked, and the linker's own overflow message
// turned into a named error.
import { EtbError } from '../core/errors.js';
import { knownBoardIds, resolveBoard } from '../boards/resolve.js';
import type { Board, MemoryRegion, Placement } from '../boards/types.js';
import { runTool } from './exec.js';
import type { StackReport } from './stack.js';

export const MEMORY_ERROR_CODES = {
  doesNotFit: 'ETB2201',
  regionOverflow: 'ETB2202',
} as const;

export interface SectionPlacement {
  readonly name: string;
  readonly address: number;
  readonly size: number;
  /** Where the section lives at run time. */
  readonly region: string | null;
  /** Where its initial contents are stored in the image, when that differs (.data). */
  readonly loadRegion: string | null;
}

export interface RegionUsage {
  readonly name: string;
  readonly kind: MemoryRegion['kind'];
  readonly origin: number;
  readonly length: number;
  readonly used: number;
}

export interface Usage {
  readonly used: number;
  readonly available: number;
}

export interface MemoryReport {
  readonly regions: readonly RegionUsage[];
  /** All flash regions together: code, constants and the initial values of .data. */
  readonly flash: Usage;
  /** All RAM regions together: data, zeroed data, planned buffers and the stack. */
  readonly ram: Usage;
  readonly sections: readonly SectionPlacement[];
  /** How the stack was sized (firmware built by etbuild's gcc backend). */
  readonly stack?: StackReport;
}

interface ElfSection {
  readonly name: string;
  readonly size: number;
  readonly vma: number;
  readonly lma: number;
  readonly flags: readonly string[];
}

/** Section headers as `objdump -h` prints them (name, size, VMA, LMA and flags). */
export function parseObjdumpHeaders(text: string): ElfSection[] {
  const sections: ElfSection[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^\s*\d+\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+2\*\*\d+\s*$/u.exec(lines[i] ?? '');
    if (match === null) continue;
    const flags = (lines[i + 1] ?? '').split(',').map((flag) => flag.trim()).filter((flag) => flag !== '');
    sections.push({
      name: match[1]!,
      size: Number.parseInt(match[2]!, 16),
      vma: Number.parseInt(match[3]!, 16),
      lma: Number.parseInt(match[4]!, 16),
      flags,
    });
  }
  return sections;
}

function regionAt(board: Board, address: number): MemoryRegion | undefined {
  return board.memory.find((region) => address >= region.origin && address < region.origin + region.length);
}

/** Region usage from the ELF's allocated sections. */
export function memoryReport(board: Board, headers: readonly ElfSection[]): MemoryReport {
  const used = new Map(board.memory.map((region) => [region.name, 0]));
  const sections: SectionPlacement[] = [];
  for (const section of headers) {
    if (!section.flags.includes('ALLOC') || section.size === 0) continue;
    const region = regionAt(board, section.vma);
    const loadRegion = section.flags.includes('LOAD') && section.lma !== section.vma ? regionAt(board, section.lma) : undefined;
    if (region !== undefined) used.set(region.name, (used.get(region.name) ?? 0) + section.size);
    if (loadRegion !== undefined) used.set(loadRegion.name, (used.get(loadRegion.name) ?? 0) + section.size);
    sections.push({ name: section.name, address: section.vma, size: section.size, region: region?.name ?? null, loadRegion: loadRegion?.name ?? null });
  }
  const regions = board.memory.map((region) => ({ ...region, used: used.get(region.name) ?? 0 }));
  const total = (kind: MemoryRegion['kind']): Usage => ({
    used: regions.filter((r) => r.kind === kind).reduce((sum, r) => sum + r.used, 0),
    available: regions.filter((r) => r.kind === kind).reduce((sum, r) => sum + r.length, 0),
  });
  return { regions, flash: total('flash'), ram: total('ram'), sections };
}

export async function readMemoryReport(board: Board, elf: string): Promise<MemoryReport> {
  const { stdout } = await runTool('arm-none-eabi-objdump', ['-h', elf]);
  return memoryReport(board, parseObjdumpHeaders(stdout));
}

// ---- before linking ----

export interface FitRequest {
  /** Bytes of the model's planned buffers (all memory ids together). */
  readonly plannedBytes: number;
  /** Bytes of the model's constants (weights), which go to flash. */
  readonly constantBytes: number;
  /** Other static RAM the model needs beyond its planned buffers (I/O storage, state), if known. */
  readonly dataBytes?: number;
  /** The stack, when its size is known before compiling (default: the board's stackSize); 0 when
   * it is computed from the compiled firmware, which the link then checks. */
  readonly stackBytes?: number;
}

export interface RegionNeed {
  readonly region: string;
  readonly kind: MemoryRegion['kind'];
  readonly available: number;
  readonly needed: number;
  readonly parts: readonly { readonly what: string; readonly bytes: number }[];
}

/** What each region must hold for this model on this board, known before compiling anything. */
export function regionNeeds(board: Board, request: FitRequest): RegionNeed[] {
  const placement = board.placement;
  if (placement === null) return [];
  const parts: [keyof Placement, string, number][] = [
    ['planned', 'planned buffers', request.plannedBytes],
    ['constants', 'constants', request.constantBytes],
    ['data', 'model data', request.dataBytes ?? 0],
    ['stack', 'stack', request.stackBytes ?? board.stackSize],
  ];
  return board.memory.map((region) => {
    const mine = parts
      .filter(([where, , bytes]) => placement[where] === region.name && bytes > 0)
      .map(([, what, bytes]) => ({ what, bytes }));
    return {
      region: region.name,
      kind: region.kind,
      available: region.length,
      needed: mine.reduce((sum, part) => sum + part.bytes, 0),
      parts: mine,
    };
  });
}

/** Built-in boards (gcc backend) whose regions can hold the model, for a hint. */
export function boardsThatFit(request: FitRequest): string[] {
  return knownBoardIds()
    .map((id) => resolveBoard(id))
    .filter((board) => board.toolchain !== 'host' && board.backends.includes('gcc'))
    .filter((board) => regionNeeds(board, request).every((need) => need.needed <= need.available))
    .map((board) => board.id);
}

/**
 * Refuses, before linking, a model whose planned buffers, constants and stack cannot fit the
 * board's regions (EtbError ETB2201 with needed versus available per region, and the built-in
 * boards it would fit). Returns the needs otherwise.
 */
export function checkFit(board: Board, request: FitRequest): RegionNeed[] {
  const needs = regionNeeds(board, request);
  const over = needs.filter((need) => need.needed > need.available);
  if (over.length === 0) return needs;
  const fits = boardsThatFit(request);
  const lines = over.map((need) => {
    const parts = need.parts.map((part) => `${part.what} ${formatBytes(part.bytes)}`).join(' + ');
    return `region ${need.region}: needs ${formatBytes(need.needed)} (${parts}), has ${formatBytes(need.available)}`;
  });
  const hints = [
    `a board file can place the planned buffers or the stack in another region (placement.planned, placement.stack); ${board.id} has ${board.memory.map((r) => `${r.name} ${formatBytes(r.length)}`).join(', ')}`,
  ];
  if (fits.length > 0) hints.unshift(`it fits on: ${fits.join(', ')}`);
  throw new EtbError(MEMORY_ERROR_CODES.doesNotFit, `the model does not fit board ${board.id}:\n  ${lines.join('\n  ')}`, { hints });
}

// ---- the linker's verdict ----

/** "region `ram' overflowed by 1234 bytes" from ld, as a named error (or undefined). */
export function regionOverflowError(board: Board, linkerOutput: string): EtbError | undefined {
  const overflows = [...linkerOutput.matchAll(/region [`']([^`']+)' overflowed by (\d+) bytes/gu)];
  if (overflows.length === 0) return undefined;
  const lines = [...new Map(overflows.map((m) => [m[1]!, Number(m[2])])).entries()].map(([name, bytes]) => {
    const region = board.memory.find((r) => r.name === name);
    const length = region === undefined ? '' : ` (has ${formatBytes(region.length)}, needs ${formatBytes(region.length + bytes)})`;
    return `region ${name} overflowed by ${formatBytes(bytes)}${length}`;
  });
  return new EtbError(MEMORY_ERROR_CODES.regionOverflow, `the firmware does not fit board ${board.id}:\n  ${lines.join('\n  ')}`, {
    hints: [
      'the map file (firmware.map in the build folder) shows what takes the space',
      'pick a board with more memory, or move content to another region with a board file (placement)',
    ],
  });
}

/** The short summary printed after a build: one line per region, e.g. "flash  3.2 KiB / 1 MiB (0.3%)". */
export function memorySummary(report: MemoryReport): string[] {
  const width = Math.max(...report.regions.map((region) => region.name.length));
  return report.regions.map((region) => {
    const percent = (100 * region.used) / region.length;
    return `${region.name.padEnd(width)}  ${formatBytes(region.used)} / ${formatBytes(region.length)} (${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)}%)`;
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kib = bytes / 1024;
  if (kib < 1024) return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB`;
  const mib = kib / 1024;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(2)} MiB`;
}
