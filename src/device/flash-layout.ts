// Flash sector maps as data: a base address and runs of equally sized sectors, numbered from 0 in
// the order the STM32 bootloader's EXTENDED ERASE numbers them. Boards may give their own map;
// otherwise the chip id picks one from KNOWN_STM32_CHIPS.

export interface SectorRun {
  readonly size: number;
  readonly count: number;
}

export interface SectorMap {
  readonly base: number;
  readonly sectors: readonly SectorRun[];
}

export interface Sector {
  readonly index: number;
  readonly address: number;
  readonly size: number;
}

export interface Stm32Chip {
  readonly id: number;
  readonly name: string;
  readonly flash: SectorMap;
}

const KIB = 1024;
const FLASH_BASE = 0x0800_0000;

/** The STM32F4 pattern: four 16 KiB sectors, one 64 KiB, then 128 KiB sectors. */
function f4Sectors(largeCount: number): SectorMap {
  return { base: FLASH_BASE, sectors: [{ size: 16 * KIB, count: 4 }, { size: 64 * KIB, count: 1 }, { size: 128 * KIB, count: largeCount }] };
}

/** Chips whose flash layout is known; sizes are the largest part of each line (a board with less flash gives its own map). */
export const KNOWN_STM32_CHIPS: readonly Stm32Chip[] = [
  { id: 0x413, name: 'STM32F40x/41x', flash: f4Sectors(7) },
  { id: 0x419, name: 'STM32F42x/43x', flash: { base: FLASH_BASE, sectors: [...f4Sectors(7).sectors, ...f4Sectors(7).sectors] } },
  { id: 0x423, name: 'STM32F401xB/C', flash: f4Sectors(1) },
  { id: 0x433, name: 'STM32F401xD/E', flash: f4Sectors(3) },
  { id: 0x431, name: 'STM32F411xC/E', flash: f4Sectors(3) },
  { id: 0x421, name: 'STM32F446xx', flash: f4Sectors(3) },
  { id: 0x449, name: 'STM32F74x/75x', flash: { base: FLASH_BASE, sectors: [{ size: 32 * KIB, count: 4 }, { size: 128 * KIB, count: 1 }, { size: 256 * KIB, count: 3 }] } },
];

export function findChip(id: number): Stm32Chip | undefined {
  return KNOWN_STM32_CHIPS.find((chip) => chip.id === id);
}

export function listSectors(map: SectorMap): Sector[] {
  const sectors: Sector[] = [];
  let address = map.base;
  for (const run of map.sectors) {
    for (let i = 0; i < run.count; i++) {
      sectors.push({ index: sectors.length, address, size: run.size });
      address += run.size;
    }
  }
  return sectors;
}

export function flashSize(map: SectorMap): number {
  return map.sectors.reduce((total, run) => total + run.size * run.count, 0);
}

/** The sectors that [start, start + length) touches, in order. */
export function sectorsCovering(map: SectorMap, start: number, length: number): Sector[] {
  const end = start + length;
  return listSectors(map).filter((sector) => sector.address < end && sector.address + sector.size > start);
}

/** Checks a map read from a board file: positive whole sizes and counts, at least one sector. */
export function sectorMapProblem(map: SectorMap): string | undefined {
  if (!Number.isInteger(map.base) || map.base < 0) return `base ${map.base} is not an address`;
  if (map.sectors.length === 0) return 'it has no sectors';
  for (const run of map.sectors) {
    if (!Number.isInteger(run.size) || run.size <= 0 || !Number.isInteger(run.count) || run.count <= 0) {
      return `sector run {size: ${run.size}, count: ${run.count}} needs a positive size and count`;
    }
  }
  return undefined;
}

/**
 * The first `length` bytes of a map, in whole sectors: a board with less flash than the largest
 * part of its chip line (an STM32F407VE has 512 KiB of the F40x's 1 MiB) gives its flash size.
 */
export function limitSectorMap(map: SectorMap, length: number): SectorMap {
  const sectors: SectorRun[] = [];
  let left = length;
  for (const run of map.sectors) {
    const count = Math.min(run.count, Math.floor(left / run.size));
    if (count > 0) sectors.push({ size: run.size, count });
    left -= count * run.size;
    if (count < run.count) break;
  }
  return { base: map.base, sectors };
}
