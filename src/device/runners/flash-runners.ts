// Flash methods a board declares (`runners` in its file): the STM32 system bootloader over a
// UART (etbuild's own client), openocd, st-flash, or any command line with {elf} {bin} {hex}
// {port} placeholders. Each says whether the bytes on the chip were checked afterwards.
import { readFile } from 'node:fs/promises';
import { runnerConfigError } from '../errors.js';
import { findChip, limitSectorMap, type SectorMap } from '../flash-layout.js';
import type { SignalWiring } from '../reset-signals.js';
import { flashStm32, type FlashEvent, type FlashResult, type Stm32Timeouts } from '../stm32-bootloader.js';
import type { Parity } from '../transport/serial.js';
import { runTool } from './exec.js';

export type FlashRunnerKind = 'stm32-uart' | 'openocd' | 'st-flash' | 'command';

/** A runner as a board file declares it (structurally the boards' BoardRunner, plus serial details). */
export interface FlashRunnerConfig {
  readonly name: string;
  readonly kind: FlashRunnerKind;
  /** stm32-uart: the expected GID. */
  readonly chipId?: number;
  readonly baud?: number;
  /** stm32-uart and st-flash: where the .bin goes (default the flash base). */
  readonly address?: number;
  /** openocd: its configuration arguments; command: the whole command line (a template). */
  readonly args?: readonly string[];
  /** stm32-uart: default 'even'. */
  readonly parity?: Parity;
  readonly signals?: SignalWiring;
  readonly sectorMap?: SectorMap;
}

export interface FlashArtefacts {
  readonly elf?: string;
  readonly bin?: string;
  readonly hex?: string;
}

export interface FlashRunContext {
  readonly artefacts: FlashArtefacts;
  readonly port?: string;
  /** Overrides the runner's baud rate (stm32-uart). */
  readonly baud?: number;
  /** Default true. */
  readonly verify?: boolean;
  readonly massErase?: boolean;
  /** The board's flash size: limits the chip's sector map to the sectors that exist. */
  readonly flashLength?: number;
  readonly timeouts?: Partial<Stm32Timeouts>;
  readonly onEvent?: (event: FlashEvent) => void;
  /** Output lines of external tools. */
  readonly onOutput?: (line: string) => void;
}

export interface FlashOutcome {
  readonly runner: string;
  /** Who read the flash back and compared it, if anyone. */
  readonly verifiedBy: 'etbuild' | 'openocd' | 'st-flash' | undefined;
  /** The bootloader client's result (stm32-uart only). */
  readonly stm32?: FlashResult;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Replaces {elf} {bin} {hex} {port} in every argument; an unknown or unavailable one is an error. */
export function expandTemplate(template: readonly string[], values: FlashArtefacts & { readonly port?: string }, runner: string): string[] {
  const known: Record<string, string | undefined> = { elf: values.elf, bin: values.bin, hex: values.hex, port: values.port };
  return template.map((arg) => arg.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in known)) {
      throw runnerConfigError(`runner ${runner}: unknown placeholder ${whole} in \`${template.join(' ')}\``, [
        'the placeholders are {elf}, {bin}, {hex} and {port}',
      ]);
    }
    const value = known[name];
    if (value === undefined) {
      throw runnerConfigError(`runner ${runner} needs ${whole}, and there is none`, [
        name === 'port' ? 'pass the serial port with -p/--port' : `the build did not produce a .${name} file`,
      ]);
    }
    return value;
  }));
}

/** The command line an external runner executes, placeholders still in it. */
export function runnerCommandTemplate(runner: FlashRunnerConfig, verify: boolean): string[] {
  switch (runner.kind) {
    case 'openocd':
      return ['openocd', ...(runner.args ?? []), '-c', `program {elf} ${verify ? 'verify ' : ''}reset exit`];
    case 'st-flash':
      // st-flash reads the flash back after writing on its own; it has no switch to skip that.
      return ['st-flash', '--reset', 'write', '{bin}', `0x${(runner.address ?? 0x0800_0000).toString(16)}`];
    case 'command':
      if (runner.args === undefined || runner.args.length === 0) {
        throw runnerConfigError(`runner ${runner.name} (command) has no command line`, [
          'give it "args": the program and its arguments, e.g. ["my-flasher", "--port", "{port}", "{hex}"]',
        ]);
      }
      return [...runner.args];
    case 'stm32-uart':
      throw runnerConfigError(`runner ${runner.name} is etbuild's own bootloader client, not a command line`);
  }
}

export async function runFlashRunner(runner: FlashRunnerConfig, context: FlashRunContext): Promise<FlashOutcome> {
  const verify = context.verify ?? true;
  if (runner.kind === 'stm32-uart') return runStm32Uart(runner, context, verify);
  const argv = expandTemplate(runnerCommandTemplate(runner, verify), { ...context.artefacts, ...(context.port === undefined ? {} : { port: context.port }) }, runner.name);
  await runTool(argv, { runner: runner.name, ...(context.onOutput === undefined ? {} : { onOutput: context.onOutput }) });
  const verifiedBy = runner.kind === 'st-flash' ? 'st-flash' : runner.kind === 'openocd' && verify ? 'openocd' : undefined;
  return { runner: runner.name, verifiedBy };
}

async function runStm32Uart(runner: FlashRunnerConfig, context: FlashRunContext, verify: boolean): Promise<FlashOutcome> {
  if (context.port === undefined) {
    throw runnerConfigError(`runner ${runner.name} flashes through a serial port, and none was given`, ['pass the port with -p/--port (`etbuild ports` lists them)']);
  }
  if (context.artefacts.bin === undefined) throw runnerConfigError(`runner ${runner.name} needs the firmware as a .bin, and the build has none`);
  const chipMap = runner.sectorMap ?? (runner.chipId === undefined ? undefined : findChip(runner.chipId)?.flash);
  const sectorMap = chipMap !== undefined && context.flashLength !== undefined ? limitSectorMap(chipMap, context.flashLength) : chipMap;
  const result = await flashStm32({
    port: context.port,
    image: new Uint8Array(await readFile(context.artefacts.bin)),
    verify,
    ...optional('baud', context.baud ?? runner.baud),
    ...optional('parity', runner.parity),
    ...optional('address', runner.address),
    ...optional('chipId', runner.chipId),
    ...optional('sectorMap', sectorMap),
    ...optional('signals', runner.signals),
    ...optional('massErase', context.massErase),
    ...optional('timeouts', context.timeouts),
    ...optional('onEvent', context.onEvent),
  });
  return { runner: runner.name, verifiedBy: result.verified ? 'etbuild' : undefined, stm32: result };
}

/** `{ key: value }`, or nothing when value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
