// Board files: inheritance, resolution, validation and the errors a user sees.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import { knownBoardIds, listBoards, resolveBoard, BOARD_SCHEMA_FILE } from '../../src/boards/index.js';
import { validateJson } from '../../src/boards/json-schema.js';
import { consoleDivisor, platformFor } from '../../src/toolchain/platform.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

function thrown(run: () => unknown): EtbError {
  try {
    run();
  } catch (error) {
    if (error instanceof EtbError) return error;
    throw error;
  }
  throw new Error('expected an EtbError');
}

function boardDir(files: Record<string, unknown>): string {
  const dir = tempDir('boards');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

const MiB = 1024 * 1024;
const KiB = 1024;

describe('built-in boards', () => {
  test('the boards the issue asks for exist, and families are not offered', () => {
    expect(knownBoardIds()).toEqual([
      'host', 'mps2-an385', 'mps2-an386', 'mps2-an500', 'mps2-an505', 'mps3-an547',
      'nrf52840dk', 'nucleo-f446re', 'nucleo-h743zi', 'nucleo-l4r5zi', 'rp2040', 'stm32f4',
    ]);
    expect(listBoards().find((b) => b.id === 'stm32f4')).toMatchObject({ core: 'cortex-m4', qemuMachine: 'netduinoplus2' });
  });

  test('stm32f4 is an STM32F407: 1 MiB flash at 0x08000000, 128 KiB SRAM, 64 KiB CCM, USART1 console', () => {
    const board = resolveBoard('stm32f4');
    expect(board.memory).toEqual([
      { name: 'flash', kind: 'flash', origin: 0x08000000, length: 1 * MiB },
      { name: 'ram', kind: 'ram', origin: 0x20000000, length: 128 * KiB },
      { name: 'ccm', kind: 'ram', origin: 0x10000000, length: 64 * KiB },
    ]);
    expect(board.cpu).toMatchObject({ core: 'cortex-m4', fpu: 'fpv4-sp-d16', floatAbi: 'hard', dsp: true });
    expect(board.console).toMatchObject({ kind: 'stm32-usart', base: 0x40011000, baud: 115200 });
    expect(board.inherits).toEqual(['cortex-m', 'cortex-m4f', 'stm32', 'stm32f4xx']);
    // Inherited from cortex-m, overridden nowhere.
    expect(board.placement).toEqual({ code: 'flash', constants: 'flash', data: 'ram', planned: 'ram', stack: 'ram' });
    expect(board.timer).toBe('dwt');
  });

  test('the QEMU boards name machines this QEMU has, and their cores match', () => {
    const expected: Record<string, [string, string, string]> = {
      'mps2-an385': ['mps2-an385', 'cortex-m3', 'none'],
      'mps2-an386': ['mps2-an386', 'cortex-m4', 'fpv4-sp-d16'],
      'mps2-an500': ['mps2-an500', 'cortex-m7', 'fpv5-d16'],
      'mps2-an505': ['mps2-an505', 'cortex-m33', 'fpv5-sp-d16'],
      'mps3-an547': ['mps3-an547', 'cortex-m55', 'auto'],
    };
    for (const [id, [machine, core, fpu]] of Object.entries(expected)) {
      const board = resolveBoard(id);
      expect(board.qemu?.machine, id).toBe(machine);
      expect(board.cpu.core, id).toBe(core);
      expect(board.cpu.fpu, id).toBe(fpu);
      expect(board.console.kind, id).toBe('cmsdk-uart');
    }
    expect(resolveBoard('mps2-an385').cpu.floatAbi).toBe('soft');
    expect(resolveBoard('rp2040').backends).toEqual(['zephyr']);
    expect(resolveBoard('host')).toMatchObject({ toolchain: 'host', placement: null, memory: [] });
  });

  test('a list item added under an inherited name replaces it in place', () => {
    // stm32 lists stm32-uart (chip 0x413, the default) and st-flash; stm32f4xx adds openocd;
    // nucleo-f446re re-adds stm32-uart with its own chip id.
    const runners = resolveBoard('nucleo-f446re').runners;
    expect(runners.map((r) => r.name)).toEqual(['stm32-uart', 'st-flash', 'openocd']);
    expect(runners[0]).toEqual({ name: 'stm32-uart', kind: 'stm32-uart', chipId: 0x421, baud: 115200 });
    expect(resolveBoard('stm32f4').runners[0]).toMatchObject({ chipId: 0x413 });
  });

  test('every board file follows the schema, which is itself in the supported subset', () => {
    const schema = JSON.parse(readFileSync(BOARD_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    for (const id of [...knownBoardIds(), 'cortex-m', 'cortex-m4f', 'stm32', 'stm32f4xx', 'mps2']) {
      const data = JSON.parse(readFileSync(join(BOARD_SCHEMA_FILE, '../../boards', `${id}.json`), 'utf8')) as unknown;
      expect(validateJson(data, schema), id).toEqual([]);
    }
  });
});

describe('user board files', () => {
  test('inherit by id and by relative path, deep-merge objects, add and remove list items', () => {
    const dir = boardDir({
      'base.json': { abstract: true, inherits: ['stm32f4'], stackSize: '16K', cpu: { cflags_add: ['-DFROM_BASE=1'] } },
      'mine.json': {
        inherits: ['./base.json'],
        name: 'my board',
        memory: { ram: { length: '112K' } },
        placement: { planned: 'ccm' },
        cpu: { cflags_add: ['-DFROM_MINE=1'] },
        runners_remove: ['stm32-uart'],
        qemu: { machine: 'netduinoplus2' },
      },
    });
    const board = resolveBoard(join(dir, 'mine.json'));
    expect(board.id).toBe('mine');
    expect(board.name).toBe('my board');
    expect(board.inherits).toEqual(['cortex-m', 'cortex-m4f', 'stm32', 'stm32f4xx', 'stm32f4', 'base']);
    expect(board.memory.find((r) => r.name === 'ram')).toEqual({ name: 'ram', kind: 'ram', origin: 0x20000000, length: 112 * KiB });
    expect(board.placement).toMatchObject({ planned: 'ccm', stack: 'ram' });
    expect(board.stackSize).toBe(16 * KiB);
    expect(board.cpu.cflags).toEqual(['-DFROM_BASE=1', '-DFROM_MINE=1']);
    expect(board.runners.map((r) => r.name)).toEqual(['st-flash', 'openocd']);
    // A path relative to the working directory works too.
    expect(resolveBoard('./mine.json', dir).id).toBe('mine');
  });

  test('an unknown board id names the known ones', () => {
    const error = thrown(() => resolveBoard('stm32f9'));
    expect(error.code).toBe('ETB1101');
    expect(error.message).toContain('stm32f9');
    expect(error.hints[0]).toBe('did you mean stm32f4?');
    expect(error.hints.join('\n')).toContain('nucleo-f446re, nucleo-h743zi');
    expect(error.hints.join('\n')).toContain('--board ./my-board.json');
    expect(error.exitCode).toBe(2);
  });

  test('an unknown parent names the board that inherits it', () => {
    const dir = boardDir({ 'b.json': { inherits: ['cortex-m5'] } });
    const error = thrown(() => resolveBoard(join(dir, 'b.json')));
    expect(error.code).toBe('ETB1101');
    expect(error.message).toContain('inherited by b');
  });

  test('a family cannot be built for', () => {
    expect(thrown(() => resolveBoard('cortex-m4f')).code).toBe('ETB1105');
  });

  test('inheritance loops are reported with the chain', () => {
    const dir = boardDir({ 'a.json': { inherits: ['./b.json'] }, 'b.json': { inherits: ['./a.json'] } });
    const error = thrown(() => resolveBoard(join(dir, 'a.json')));
    expect(error.code).toBe('ETB1104');
    expect(error.message).toContain('a -> b -> a');
  });

  test('schema violations say where', () => {
    const dir = boardDir({
      'bad.json': { inherits: ['stm32f4'], cpu: { fpu: 'fpv9' }, memory: { ram: { origin: 'twenty' } }, colour: 'red' },
    });
    const error = thrown(() => resolveBoard(join(dir, 'bad.json')));
    expect(error.code).toBe('ETB1103');
    expect(error.message).toContain('cpu.fpu must be one of');
    expect(error.message).toContain('memory.ram.origin');
    expect(error.message).toContain('unknown property "colour"');
  });

  test('a placement naming a missing region, or a flash region for the stack, is refused', () => {
    const dir = boardDir({ 'p.json': { inherits: ['stm32f4'], placement: { planned: 'sdram', stack: 'flash' } } });
    const error = thrown(() => resolveBoard(join(dir, 'p.json')));
    expect(error.code).toBe('ETB1106');
    expect(error.message).toContain('placement.planned names region "sdram"');
    expect(error.message).toContain('placement.stack must be a ram region; flash is flash');
  });

  test('not JSON', () => {
    const dir = tempDir('boards');
    writeFileSync(join(dir, 'x.json'), '{ "name": ');
    expect(thrown(() => resolveBoard(join(dir, 'x.json'))).code).toBe('ETB1102');
  });
});

describe('console set-up derived from the board', () => {
  test('baud divisors follow each UART\'s formula', () => {
    // STM32 USART (16x oversampling): BRR = fck / baud; the LPUART: 256 * fck / baud; CMSDK: BAUDDIV = PCLK / baud.
    expect(consoleDivisor('x', { kind: 'stm32-usart', baud: 115200, clockHz: 16_000_000, setup: [] })).toBe(0x8b);
    expect(consoleDivisor('x', { kind: 'stm32-lpuart', baud: 115200, clockHz: 4_000_000, setup: [] })).toBe(8889);
    expect(consoleDivisor('x', { kind: 'cmsdk-uart', baud: 115200, clockHz: 25_000_000, setup: [] })).toBe(217);
    expect(consoleDivisor('x', { kind: 'nrf-uart', baud: 115200, setup: [] })).toBe(0x01d7e000);
    expect(() => consoleDivisor('x', { kind: 'stm32-usart', baud: 4_000_000, clockHz: 16_000_000, setup: [] })).toThrow(/BRR would be 4/u);
  });

  test('etb_board.h carries the console address, divisor and set-up writes', () => {
    const header = platformFor(resolveBoard('nucleo-f446re'), 'run').rendered.find((f) => f.name === 'etb_board.h')!.text;
    expect(header).toContain('#define ETB_CONSOLE_BASE 0x40004400u');
    expect(header).toContain('#define ETB_CONSOLE_DIVISOR 139u');
    expect(header).toContain('ETB_REG32(0x40023840u) = (ETB_REG32(0x40023840u) & ~0x00000000u) | 0x00020000u; /* RCC_APB1ENR: USART2 clock on */');
  });

  test('the linker script places each kind of content where the board says', () => {
    const dir = boardDir({ 'ccm.json': { inherits: ['stm32f4'], placement: { planned: 'ccm' } } });
    const script = platformFor(resolveBoard(join(dir, 'ccm.json')), 'run').rendered.find((f) => f.name === 'linker.ld')!.text;
    expect(script).toContain('ccm (rw) : ORIGIN = 0x10000000, LENGTH = 0x00010000');
    expect(script).toMatch(/\.etb_planned \(NOLOAD\)[^}]*\}\s*> ccm/u);
    expect(script).toMatch(/\.data : ALIGN\(4\)[^}]*\}\s*> ram AT > flash/u);
    expect(script).toMatch(/\. \+= 8192;/u);
  });
});
