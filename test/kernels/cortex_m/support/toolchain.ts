// Builds a kernel test driver for the host (gcc, AddressSanitizer + UndefinedBehaviorSanitizer)
// or for a Cortex-M core (arm-none-eabi-gcc, own start-up) and runs it, natively or under QEMU.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const KERNELS_DIR = join(REPO_ROOT, 'runtime-c/kernels/cortex_m');
const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
const INCLUDES = [join(REPO_ROOT, 'runtime-c/include'), KERNELS_DIR, FIXTURES_DIR].map((d) => `-I${d}`);
const WARNINGS = ['-std=c11', '-Wall', '-Wextra', '-Werror'];

function kernelSources(): string[] {
  return readdirSync(KERNELS_DIR).filter((f) => f.endsWith('.c')).sort().map((f) => join(KERNELS_DIR, f));
}

export interface Machine {
  readonly name: string;
  readonly qemuMachine: string;
  readonly cflags: readonly string[];
  readonly code: readonly [number, number];
  readonly data: readonly [number, number];
}

const MPS2_CODE = [0x00000000, 0x00400000] as const;
const MPS2_DATA = [0x20000000, 0x00400000] as const;

export const MACHINES = {
  /** Cortex-M4F: the DSP path. */
  m4: { name: 'cortex-m4', qemuMachine: 'mps2-an386', cflags: ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16'], code: MPS2_CODE, data: MPS2_DATA },
  /** Cortex-M3, no DSP extension, no FPU: the plain path on a real target. */
  m3: { name: 'cortex-m3', qemuMachine: 'mps2-an385', cflags: ['-mcpu=cortex-m3', '-mthumb', '-mfloat-abi=soft'], code: MPS2_CODE, data: MPS2_DATA },
  /** Cortex-M7: the DSP path. */
  m7: { name: 'cortex-m7', qemuMachine: 'mps2-an500', cflags: ['-mcpu=cortex-m7', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv5-d16'], code: MPS2_CODE, data: MPS2_DATA },
  /** Cortex-M33 (Armv8-M with TrustZone; the image runs secure from the SSRAM aliases). */
  m33: { name: 'cortex-m33', qemuMachine: 'mps2-an505', cflags: ['-mcpu=cortex-m33', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv5-sp-d16'], code: [0x10000000, 0x00400000], data: [0x38000000, 0x00200000] },
  /** Cortex-M55 (MVE cores have the DSP extension too). */
  m55: { name: 'cortex-m55', qemuMachine: 'mps3-an547', cflags: ['-mcpu=cortex-m55', '-mthumb', '-mfloat-abi=hard'], code: [0x00000000, 0x00080000], data: [0x20000000, 0x00080000] },
} satisfies Record<string, Machine>;

export interface DriverResult {
  readonly exitCode: number;
  readonly output: string;
  /** Case name -> "ok" or the failure text. */
  readonly cases: ReadonlyMap<string, string>;
  /** Case name -> timer ticks around the program run (0 on the host). */
  readonly ticks: ReadonlyMap<string, number>;
  /** Instruction profile lines: `OP <program> <index> <operator> <ticks>`. */
  readonly ops: readonly string[];
}

/** Starts a build and run now, for tests that await it later: a failure is reported by the test
 * that awaits it, not as an unhandled rejection. */
export function started<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

function parse(exitCode: number, output: string): DriverResult {
  const cases = new Map<string, string>();
  const ticks = new Map<string, number>();
  const ops: string[] = [];
  for (const line of output.split('\n')) {
    const c = /^CASE (\S+) (ok|FAIL .*)$/.exec(line);
    if (c?.[1] && c[2]) cases.set(c[1], c[2]);
    const t = /^TICKS (\S+) (\d+)$/.exec(line);
    if (t?.[1] && t[2]) ticks.set(t[1], Number(t[2]));
    if (line.startsWith('OP ')) ops.push(line);
  }
  return { exitCode, output, cases, ticks, ops };
}

async function execute(file: string, args: readonly string[], timeout: number): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { timeout, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string; killed?: boolean };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, output: (e.stdout ?? '') + (e.stderr ?? '') };
  }
}

export interface BuildOptions {
  /** Kernel functions the driver calls: etb_config.h defines ETB_USE_<function> for each. */
  readonly uses: Iterable<string>;
  /** Compile the kernel sources in (default true); a driver that only uses the headers skips them. */
  readonly kernels?: boolean;
}

/** The driver's etb_config.h (what the generator writes for a program) in `dir`. */
function writeConfig(dir: string, uses: Iterable<string>): void {
  const defines = [...uses].sort().map((fn) => `#define ETB_USE_${fn} 1`);
  writeFileSync(join(dir, 'etb_config.h'), ['#ifndef ETB_CONFIG_H', '#define ETB_CONFIG_H', ...defines, '#endif', ''].join('\n'));
}

/** Host build: the plain path, with sanitizers. */
export async function runOnHost(dir: string, source: string, options: BuildOptions): Promise<DriverResult> {
  const driver = join(dir, 'driver.c');
  writeFileSync(driver, source);
  writeConfig(dir, options.uses);
  const exe = join(dir, 'driver-host');
  const kernels = options.kernels === false ? [] : kernelSources();
  await run('gcc', [...WARNINGS, '-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all',
    `-I${dir}`, ...INCLUDES, driver, join(FIXTURES_DIR, 'host.c'), ...kernels, '-lm', '-o', exe], { maxBuffer: 16 * 1024 * 1024 });
  const { code, output } = await execute(exe, [], 60_000);
  return parse(code, output);
}

/** Cross build for `machine`, run under QEMU with semihosting; `-icount shift=0` makes the
 * SysTick ticks a deterministic count of executed instructions. */
export async function runOnQemu(dir: string, source: string, machine: Machine, options: BuildOptions): Promise<DriverResult> {
  const driver = join(dir, `driver-${machine.name}.c`);
  writeFileSync(driver, source);
  writeConfig(dir, options.uses);
  const script = join(dir, `link-${machine.name}.ld`);
  const hex = (n: number): string => `0x${n.toString(16)}`;
  writeFileSync(script, readFileSync(join(FIXTURES_DIR, 'link.ld'), 'utf8')
    .replace('@CODE_ORIGIN@', hex(machine.code[0])).replace('@CODE_LENGTH@', hex(machine.code[1]))
    .replace('@DATA_ORIGIN@', hex(machine.data[0])).replace('@DATA_LENGTH@', hex(machine.data[1])));
  const elf = join(dir, `driver-${machine.name}.elf`);
  const kernels = options.kernels === false ? [] : kernelSources();
  await run('arm-none-eabi-gcc', [...WARNINGS, '-Os', ...machine.cflags, '-ffunction-sections', '-fdata-sections',
    `-I${dir}`, ...INCLUDES, driver, join(FIXTURES_DIR, 'startup.c'), ...kernels,
    '-nostartfiles', '--specs=nano.specs', '--specs=nosys.specs', `-T${script}`, '-Wl,--gc-sections', '-lm', '-o', elf], { maxBuffer: 16 * 1024 * 1024 });
  const { code, output } = await execute('qemu-system-arm', ['-M', machine.qemuMachine, '-nographic', '-monitor', 'none', '-serial', 'none',
    '-semihosting-config', 'enable=on,target=native', '-icount', 'shift=0', '-kernel', elf], 120_000);
  return parse(code, output);
}
