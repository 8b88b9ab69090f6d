// Flash runners: the command template really runs (node records the argv it was given), external
// tool failures and absences are named errors, and the stm32-uart runner flashes a .bin file
// through the simulated bootloader.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import { expandTemplate, runFlashRunner, runnerCommandTemplate, type FlashRunnerConfig } from '../../src/device/runners/flash-runners.js';
import { Stm32BootloaderSim } from '../../src/device/sim/stm32-bootloader-sim.js';
import { randomBytes, toolsAvailable } from './support.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'etb-runners-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<EtbError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(EtbError);
  return error as EtbError;
}

describe('command template runner', () => {
  const artefacts = { elf: '/b/fw.elf', bin: '/b/fw.bin', hex: '/b/fw.hex' };

  test('runs the command with every placeholder replaced, no shell involved', async () => {
    const recorded = join(dir, 'argv.json');
    const runner: FlashRunnerConfig = {
      name: 'my-tool',
      kind: 'command',
      args: [process.execPath, '-e', 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2))); console.log("flashed")',
        recorded, '--elf={elf}', '{bin}', '{hex}', '--port', '{port}', 'a b;$(echo no)'],
    };
    const lines: string[] = [];
    const outcome = await runFlashRunner(runner, { artefacts, port: '/dev/ttyACM0', onOutput: (line) => lines.push(line) });
    expect(outcome).toEqual({ runner: 'my-tool', verifiedBy: undefined });
    expect(JSON.parse(await readFile(recorded, 'utf8'))).toEqual(['--elf=/b/fw.elf', '/b/fw.bin', '/b/fw.hex', '--port', '/dev/ttyACM0', 'a b;$(echo no)']);
    expect(lines).toEqual(['flashed']);
  });

  test('a failing command is ETB4012 with its exit code and output', async () => {
    const runner: FlashRunnerConfig = { name: 'broken', kind: 'command', args: [process.execPath, '-e', 'console.error("no target found"); process.exit(3)'] };
    const error = await rejection(runFlashRunner(runner, { artefacts }));
    expect(error.code).toBe('ETB4012');
    expect(error.message).toContain('exited with code 3');
    expect(error.message).toContain('no target found');
  });

  test('a program that is not installed is ETB4011', async () => {
    const runner: FlashRunnerConfig = { name: 'ghost', kind: 'command', args: ['etbuild-no-such-flasher', '{bin}'] };
    const error = await rejection(runFlashRunner(runner, { artefacts }));
    expect(error.code).toBe('ETB4011');
    expect(error.message).toContain('etbuild-no-such-flasher');
  });

  test('unknown placeholders and missing values are configuration errors (ETB4010)', () => {
    expect(() => expandTemplate(['x', '{elff}'], artefacts, 'r')).toThrow(/unknown placeholder \{elff\}/);
    expect(() => expandTemplate(['x', '{port}'], artefacts, 'r')).toThrow(/needs \{port\}/);
    expect(() => runnerCommandTemplate({ name: 'empty', kind: 'command' }, true)).toThrow(EtbError);
  });
});

describe('openocd and st-flash command lines', () => {
  test('openocd programs the ELF with the board\'s configuration, verifying unless told not to', () => {
    const runner: FlashRunnerConfig = { name: 'openocd', kind: 'openocd', args: ['-f', 'interface/stlink.cfg', '-f', 'target/stm32f4x.cfg'] };
    expect(expandTemplate(runnerCommandTemplate(runner, true), { elf: '/b/fw.elf' }, 'openocd')).toEqual(
      ['openocd', '-f', 'interface/stlink.cfg', '-f', 'target/stm32f4x.cfg', '-c', 'program /b/fw.elf verify reset exit']);
    expect(runnerCommandTemplate(runner, false).at(-1)).toBe('program {elf} reset exit');
  });

  test('st-flash writes the .bin at the runner\'s address and resets', () => {
    const runner: FlashRunnerConfig = { name: 'st-flash', kind: 'st-flash', address: 0x0800_4000 };
    expect(expandTemplate(runnerCommandTemplate(runner, true), { bin: '/b/fw.bin' }, 'st-flash')).toEqual(
      ['st-flash', '--reset', 'write', '/b/fw.bin', '0x8004000']);
  });
});

describe.skipIf(!toolsAvailable('socat'))('stm32-uart runner', { timeout: 30_000 }, () => {
  test('flashes the build\'s .bin through the bootloader and reports etbuild\'s verification', async () => {
    const sim = await Stm32BootloaderSim.start({ initialFlash: 'random' });
    try {
      const image = randomBytes(3000, 21);
      const bin = join(dir, 'fw.bin');
      await writeFile(bin, image);
      const runner: FlashRunnerConfig = { name: 'stm32-uart', kind: 'stm32-uart', chipId: 0x413, baud: 115200, parity: 'none' };
      const outcome = await runFlashRunner(runner, { artefacts: { bin }, port: sim.hostPath, flashLength: 512 * 1024 });
      expect(outcome.verifiedBy).toBe('etbuild');
      expect(outcome.stm32).toMatchObject({ erased: [0], verified: true, bytesWritten: 3000 });
      expect(Buffer.from(sim.flashAt(0x0800_0000, image.length)).equals(Buffer.from(image))).toBe(true);
    } finally {
      await sim.close();
    }
  });

  test('without a port it is a configuration error', async () => {
    const error = await rejection(runFlashRunner({ name: 'stm32-uart', kind: 'stm32-uart', chipId: 0x413 }, { artefacts: { bin: '/b/fw.bin' } }));
    expect(error.code).toBe('ETB4010');
  });
});
