import { describe, expect, test } from 'vitest';
import { findChip, flashSize, limitSectorMap, listSectors, sectorMapProblem, sectorsCovering } from '../../src/device/flash-layout.js';

const KIB = 1024;
const f40x = findChip(0x413)!.flash;

describe('STM32F4 sector map', () => {
  test('has 4x16K, 1x64K, 7x128K sectors from 0x08000000 (RM0090 table 5)', () => {
    const sectors = listSectors(f40x);
    expect(sectors).toHaveLength(12);
    expect(sectors.map((sector) => sector.address.toString(16))).toEqual([
      '8000000', '8004000', '8008000', '800c000', '8010000', '8020000',
      '8040000', '8060000', '8080000', '80a0000', '80c0000', '80e0000',
    ]);
    expect(flashSize(f40x)).toBe(1024 * KIB);
  });

  test('covering sectors: only those the image touches, boundaries exclusive', () => {
    const indices = (start: number, length: number) => sectorsCovering(f40x, start, length).map((sector) => sector.index);
    expect(indices(0x0800_0000, 1)).toEqual([0]);
    expect(indices(0x0800_0000, 16 * KIB)).toEqual([0]);
    expect(indices(0x0800_0000, 16 * KIB + 1)).toEqual([0, 1]);
    expect(indices(0x0800_c000, 80 * KIB)).toEqual([3, 4]);
    expect(indices(0x0801_fffc, 8)).toEqual([4, 5]);
  });

  test('a smaller part keeps whole sectors only', () => {
    expect(limitSectorMap(f40x, 512 * KIB).sectors).toEqual([{ size: 16 * KIB, count: 4 }, { size: 64 * KIB, count: 1 }, { size: 128 * KIB, count: 3 }]);
    expect(flashSize(limitSectorMap(f40x, 100 * KIB))).toBe(64 * KIB);
  });

  test('rejects maps that are not maps', () => {
    expect(sectorMapProblem(f40x)).toBeUndefined();
    expect(sectorMapProblem({ base: 0, sectors: [] })).toMatch(/no sectors/);
    expect(sectorMapProblem({ base: 0, sectors: [{ size: 0, count: 1 }] })).toMatch(/positive/);
  });
});
