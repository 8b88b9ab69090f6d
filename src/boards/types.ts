// A resolved board: inheritance applied, sizes and addresses turned into numbers, checked.
// Plain JSON-serialisable data (it is written into etbuild.json as is).

export type Toolchain = 'arm-none-eabi' | 'host';
export type Backend = 'gcc' | 'zephyr';
export type CpuCore = 'cortex-m0plus' | 'cortex-m3' | 'cortex-m4' | 'cortex-m7' | 'cortex-m33' | 'cortex-m55' | 'host';
export type CpuArch = 'armv6-m' | 'armv7-m' | 'armv7e-m' | 'armv8-m.main' | 'armv8.1-m.main' | 'host';
export type FpuName = 'none' | 'fpv4-sp-d16' | 'fpv5-sp-d16' | 'fpv5-d16' | 'auto';
export type FloatAbi = 'soft' | 'softfp' | 'hard';
export type ConsoleKind =
  | 'stm32-usart' | 'stm32-usart-v2' | 'stm32-lpuart' | 'cmsdk-uart' | 'nrf-uart' | 'pl011' | 'semihosting' | 'host-stdio';
export type TimerKind = 'dwt' | 'systick' | 'host';
export type RunnerKind = 'stm32-uart' | 'openocd' | 'st-flash' | 'command';

export interface BoardCpu {
  readonly core: CpuCore;
  readonly arch: CpuArch;
  readonly fpu: FpuName;
  readonly floatAbi: FloatAbi;
  readonly dsp: boolean;
  readonly mve: 'none' | 'int' | 'float';
  /** Extra compiler flags for this board, after the ones etbuild derives from core/fpu/floatAbi. */
  readonly cflags: readonly string[];
}

export interface MemoryRegion {
  readonly name: string;
  readonly kind: 'flash' | 'ram';
  readonly origin: number;
  readonly length: number;
}

export interface Placement {
  readonly code: string;
  readonly constants: string;
  readonly data: string;
  readonly planned: string;
  readonly stack: string;
}

/** value = (value & ~clear) | set on the 32-bit register at address. */
export interface RegisterWrite {
  readonly what: string;
  readonly address: number;
  readonly clear: number;
  readonly set: number;
}

export interface BoardConsole {
  readonly kind: ConsoleKind;
  readonly base?: number;
  readonly baud?: number;
  readonly clockHz?: number;
  readonly txPin?: number;
  readonly rxPin?: number;
  readonly setup: readonly RegisterWrite[];
}

export interface BoardRunner {
  readonly name: string;
  readonly kind: RunnerKind;
  readonly chipId?: number;
  readonly baud?: number;
  readonly address?: number;
  readonly args?: readonly string[];
}

export interface Board {
  readonly id: string;
  readonly name: string;
  readonly vendor?: string;
  /** The board file it was read from. */
  readonly file: string;
  /** The ancestry, nearest last: e.g. ["cortex-m", "cortex-m4f", "stm32", "stm32f4xx"]. */
  readonly inherits: readonly string[];
  readonly toolchain: Toolchain;
  readonly backends: readonly Backend[];
  readonly cpu: BoardCpu;
  readonly clockHz: number;
  /** In the order of the board file (and its parents). Empty for the host. */
  readonly memory: readonly MemoryRegion[];
  /** null for the host, whose memory is the operating system's business. */
  readonly placement: Placement | null;
  /** The main stack's size when it is fixed (stackSizing "fixed"), and the fallback when the
   * firmware's worst-case stack depth cannot be computed. */
  readonly stackSize: number;
  /** computed (the default): the stack region is the firmware's worst-case stack depth, computed
   * at build time, plus a margin (src/toolchain/stack.ts); fixed: it is always stackSize. */
  readonly stackSizing: 'computed' | 'fixed';
  readonly console: BoardConsole;
  readonly timer: TimerKind;
  readonly runners: readonly BoardRunner[];
  readonly usb: readonly { readonly vid: string; readonly pid: string }[];
  readonly qemu?: { readonly machine: string; readonly icountShift?: number };
  readonly zephyr?: { readonly board: string };
}
