// Where the bytes of each memory region go: every sized symbol of the firmware (from
// `arm-none-eabi-nm -S -l`, which also names the source file through the debug information) is
// put into one part (runtime, kernels, model, constants, planned buffers, stack, other) and
// counted in the region that holds it (and, for initialised data, also in the flash region that
// stores its initial value). What no symbol covers (alignment, padding) is "other", so the parts
// of a region always add up to the region's use as the build measured it.
import type { MemoryReport, SectionPlacement } from '../toolchain/memory.js';
import { runTool } from '../toolchain/exec.js';

export const MEMORY_PARTS = ['runtime', 'kernels', 'model', 'constants', 'planned', 'stack', 'other'] as const;
export type MemoryPart = (typeof MEMORY_PARTS)[number];

export const PART_LABELS: Readonly<Record<MemoryPart, string>> = {
  runtime: 'runtime',
  kernels: 'kernels',
  model: 'model code & tables',
  constants: 'constants (weights)',
  planned: 'planned buffers',
  stack: 'stack',
  other: 'other (libc, OS, padding)',
};

export interface ElfSymbol {
  readonly name: string;
  readonly address: number;
  readonly size: number;
  /** nm's type letter: T/t code, R/r read-only data, D/d data, B/b zeroed data, W weak. */
  readonly type: string;
  /** The source file the debug information names, or null. */
  readonly file: string | null;
}

/** Lines of `nm -S --size-sort -l`: "08000c80 00000002 T name<TAB>/path/file.c:71". */
export function parseNmSymbols(text: string): ElfSymbol[] {
  const symbols: ElfSymbol[] = [];
  for (const line of text.split('\n')) {
    const match = /^([0-9a-fA-F]+) ([0-9a-fA-F]+) (\S) (\S+)(?:\t(.+?)(?::\d+)?)?\s*$/u.exec(line);
    if (match === null) continue;
    symbols.push({
      name: match[4]!,
      address: Number.parseInt(match[1]!, 16),
      size: Number.parseInt(match[2]!, 16),
      type: match[3]!,
      file: match[5] ?? null,
    });
  }
  return symbols;
}

export async function readElfSymbols(elf: string): Promise<ElfSymbol[]> {
  const { stdout } = await runTool('arm-none-eabi-nm', ['-S', '--size-sort', '-l', elf]);
  return parseNmSymbols(stdout);
}

/** Zephyr's thread and interrupt stacks. */
const ZEPHYR_STACKS = /^z_(main_stack|interrupt_stacks|idle_stacks)$/u;

/**
 * The part a symbol belongs to. `plannedBuffers` are the generated names of the planned buffers
 * (`forward_mem1`); constants are `etb_const_N`; the rest is told apart by its source file.
 */
export function classifySymbol(symbol: ElfSymbol, plannedBuffers: ReadonlySet<string>): MemoryPart {
  if (plannedBuffers.has(symbol.name)) return 'planned';
  if (/^etb_const_\d+$/u.test(symbol.name)) return 'constants';
  if (ZEPHYR_STACKS.test(symbol.name)) return 'stack';
  const file = symbol.file?.replaceAll('\\', '/') ?? null;
  if (file === null) return symbol.name.startsWith('etb_op_') ? 'kernels' : 'other';
  if (/(^|\/)kernels\//u.test(file) || /(^|\/)include\/etb\/[^/]+\.h$/u.test(file)) return 'kernels';
  if (/(^|\/)etb_model\.[ch]$/u.test(file)) return 'model';
  // runtime-c's own files, wherever a build copied them; a Zephyr application's src/main.c is
  // etbuild's runner too (src/zephyr/app.ts).
  if (/(^|\/)(runtime-c|runtime|platform)\//u.test(file) || /(^|\/)etb_[a-z_]+\.[ch]$/u.test(file) || /(^|\/)src\/main\.c$/u.test(file)) return 'runtime';
  return 'other';
}

export interface PartBytes {
  readonly part: MemoryPart;
  readonly bytes: number;
}

export interface RegionBreakdown {
  readonly name: string;
  readonly kind: 'flash' | 'ram';
  readonly origin: number;
  readonly length: number;
  readonly used: number;
  /** Every part, in MEMORY_PARTS order, zeros included; they add up to `used` (symbols never
   * overlap once aliases are merged). */
  readonly parts: readonly PartBytes[];
}

function sectionAt(sections: readonly SectionPlacement[], address: number): SectionPlacement | undefined {
  return sections.find((s) => address >= s.address && address < s.address + s.size);
}

/**
 * Splits each region's use into parts. Without symbols (a stripped ELF, or none given) only the
 * stack section is known and everything else is "other".
 */
export function attributeMemory(memory: MemoryReport, symbols: readonly ElfSymbol[], plannedBuffers: ReadonlySet<string>): RegionBreakdown[] {
  const counted = new Map<string, Map<MemoryPart, number>>(memory.regions.map((r) => [r.name, new Map()]));
  const add = (region: string | null, part: MemoryPart, bytes: number): void => {
    const parts = region === null ? undefined : counted.get(region);
    if (parts !== undefined) parts.set(part, (parts.get(part) ?? 0) + bytes);
  };
  for (const section of memory.sections) {
    if (section.name === '.stack') add(section.region, 'stack', section.size);
  }
  // Aliases (a weak handler and the default it points to) share an address: count it once.
  const seen = new Set<number>();
  for (const symbol of [...symbols].sort((a, b) => b.size - a.size)) {
    if (symbol.size === 0 || seen.has(symbol.address)) continue;
    const section = sectionAt(memory.sections, symbol.address);
    if (section === undefined || section.name === '.stack') continue;
    seen.add(symbol.address);
    const part = classifySymbol(symbol, plannedBuffers);
    add(section.region, part, symbol.size);
    add(section.loadRegion, part, symbol.size);
  }
  return memory.regions.map((region) => {
    const parts = counted.get(region.name) ?? new Map<MemoryPart, number>();
    const known = MEMORY_PARTS.filter((p) => p !== 'other').reduce((sum, p) => sum + (parts.get(p) ?? 0), 0);
    // "other" is what the named parts leave: libc and OS symbols, and padding no symbol covers.
    const list = MEMORY_PARTS.map((part): PartBytes => ({ part, bytes: part === 'other' ? Math.max(region.used - known, 0) : parts.get(part) ?? 0 }));
    return { name: region.name, kind: region.kind, origin: region.origin, length: region.length, used: region.used, parts: list };
  });
}
