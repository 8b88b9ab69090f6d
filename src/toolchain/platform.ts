// What a board adds to a firmware build: the platform sources from runtime-c/platform (console,
// timer, exit, runner main) and the files rendered from templates/firmware (etb_board.h, and for
// a cross build the startup code and the linker script). All arithmetic and choices are made
// here; the templates only place values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { PACKAGE_ROOT, RUNTIME_C_DIR, TEMPLATES_DIR } from '../core/paths.js';
import { EtbError } from '../core/errors.js';
import { BOARD_ERROR_CODES } from '../boards/resolve.js';
import type { Board, BoardConsole, ConsoleKind } from '../boards/types.js';

export type FirmwareMode = 'run' | 'bench';

export const PLATFORM_DIR = join(RUNTIME_C_DIR, 'platform');

export interface RenderedFile {
  readonly name: string;
  readonly text: string;
}

export interface PlatformPart {
  /** runtime-c/platform sources to compile (absolute paths). */
  readonly sources: readonly string[];
  /** Files rendered for this board, to write into the build's platform/ folder. */
  readonly rendered: readonly RenderedFile[];
  /** -D flags every source is compiled with. */
  readonly defines: readonly string[];
}

let versionCache: string | undefined;

export function etbuildVersion(): string {
  versionCache ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return versionCache;
}

const CONSOLE_SOURCES: Readonly<Record<ConsoleKind, string | null>> = {
  'stm32-usart': 'console_stm32_usart.c',
  'stm32-usart-v2': 'console_stm32_usart_v2.c',
  'stm32-lpuart': 'console_stm32_usart_v2.c',
  'cmsdk-uart': 'console_cmsdk_uart.c',
  'nrf-uart': 'console_nrf_uart.c',
  semihosting: 'console_semihosting.c',
  'host-stdio': 'console_host.c',
  pl011: null,
};

export function platformFor(board: Board, mode: FirmwareMode): PlatformPart {
  const consoleSource = CONSOLE_SOURCES[board.console.kind];
  if (consoleSource === null) {
    throw new EtbError(BOARD_ERROR_CODES.incompleteBoard, `board ${board.id}: etbuild's gcc backend has no driver for a ${board.console.kind} console`, {
      hints: ['use console kind semihosting (with a debugger attached), or a board whose UART etbuild drives'],
    });
  }
  const isHost = board.toolchain === 'host';
  const sources = [consoleSource, 'runner_main.c'];
  if (!isHost) sources.push('exit_semihosting.c');
  if (mode === 'bench') sources.push(isHost ? 'timer_host.c' : 'timer_cortex_m.c');
  const defines = mode === 'bench' ? ['-DETB_BENCH', '-DETB_PROFILE'] : [];
  // The startup paints the stack and the runner reports how deep it went (the `done` line).
  if (!isHost) defines.push('-DETB_STACK_PAINT');
  const view = boardView(board);
  const rendered: RenderedFile[] = [{ name: 'etb_board.h', text: render('etb_board.h.hbs', view) }];
  if (!isHost) {
    rendered.push({ name: 'startup.c', text: render('startup.c.hbs', view) });
    rendered.push(linkerScript(board, board.stackSize));
  }
  return { sources: sources.map((name) => join(PLATFORM_DIR, name)), rendered, defines };
}

/** The linker script for a board with a stack region of `stackSize` bytes (a multiple of 8). */
export function linkerScript(board: Board, stackSize: number): RenderedFile {
  return { name: 'linker.ld', text: render('linker.ld.hbs', { ...boardView(board), stackSize }) };
}

interface Define {
  readonly name: string;
  readonly value: string;
  readonly comment: string;
}

function boardView(board: Board) {
  const hex = (value: number): string => `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
  return {
    etbuildVersion: etbuildVersion(),
    boardId: board.id,
    clockHz: board.clockHz,
    enableFpu: board.cpu.fpu !== 'none',
    hasMve: board.cpu.mve !== 'none',
    defines: consoleDefines(board, hex).concat(board.timer === 'dwt' ? [{ name: 'ETB_TIMER_DWT', value: '1', comment: 'prefer the DWT cycle counter' }] : []),
    setup: board.console.setup.map((write) => ({ what: write.what, address: `${hex(write.address)}u`, clear: `${hex(write.clear)}u`, set: `${hex(write.set)}u` })),
    placement: board.placement,
    stackSize: board.stackSize,
    regions: board.memory.map((region) => ({
      name: region.name,
      attributes: region.kind === 'flash' ? 'rx' : 'rw',
      origin: hex(region.origin),
      length: hex(region.length),
    })),
  };
}

function consoleDefines(board: Board, hex: (value: number) => string): Define[] {
  const console = board.console;
  if (console.base === undefined) return [];
  const defines: Define[] = [
    { name: 'ETB_CONSOLE_BASE', value: `${hex(console.base)}u`, comment: `${console.kind}` },
    { name: 'ETB_CONSOLE_DIVISOR', value: `${consoleDivisor(board.id, console)}u`, comment: `${console.baud} baud` },
  ];
  if (console.txPin !== undefined) defines.push({ name: 'ETB_CONSOLE_TX_PIN', value: `${console.txPin}u`, comment: '' });
  if (console.rxPin !== undefined) defines.push({ name: 'ETB_CONSOLE_RX_PIN', value: `${console.rxPin}u`, comment: '' });
  return defines;
}

/** nRF52 UART BAUDRATE register values (the product specification's table; not a formula). */
const NRF_BAUDRATE: Readonly<Record<number, number>> = {
  9600: 0x00275000, 19200: 0x004ea000, 38400: 0x009d5000, 57600: 0x00ebf000, 115200: 0x01d7e000,
  230400: 0x03afb000, 460800: 0x075f7000, 921600: 0x0ebed000, 1000000: 0x10000000,
};

/** The value for the UART's baud register: BRR, BAUDDIV or BAUDRATE depending on the kind. */
export function consoleDivisor(boardId: string, console: BoardConsole): number {
  const baud = console.baud ?? 115200;
  const clock = console.clockHz ?? 0;
  const fail = (why: string): never => {
    throw new EtbError(BOARD_ERROR_CODES.incompleteBoard, `board ${boardId}: cannot make ${baud} baud on its ${console.kind} console: ${why}`, {
      hints: ['change console.baud or console.clockHz in the board file'],
    });
  };
  switch (console.kind) {
    case 'stm32-usart':
    case 'stm32-usart-v2': { // 16x oversampling: BRR = f / baud (mantissa and fraction together)
      const brr = Math.round(clock / baud);
      return brr >= 16 && brr <= 0xffff ? brr : fail(`BRR would be ${brr} (16..65535)`);
    }
    case 'stm32-lpuart': { // BRR = 256 * f / baud
      const brr = Math.round((256 * clock) / baud);
      return brr >= 0x300 && brr < 2 ** 20 ? brr : fail(`BRR would be ${brr} (768..1048575)`);
    }
    case 'cmsdk-uart': {
      const divisor = Math.floor(clock / baud);
      return divisor >= 16 ? divisor : fail(`BAUDDIV would be ${divisor} (at least 16)`);
    }
    case 'nrf-uart':
      return NRF_BAUDRATE[baud] ?? fail(`the nRF UART supports ${Object.keys(NRF_BAUDRATE).join(', ')}`);
    default:
      return 0;
  }
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

function render(template: string, view: object): string {
  let compiledTemplate = compiled.get(template);
  if (compiledTemplate === undefined) {
    const text = readFileSync(join(TEMPLATES_DIR, 'firmware', template), 'utf8');
    compiledTemplate = Handlebars.compile(text, { noEscape: true, strict: true });
    compiled.set(template, compiledTemplate);
  }
  return compiledTemplate(view);
}
