// Validates the bootloader simulator against an independent, real client of the protocol:
// Debian's stm32flash. Only a simulator that passes here is trusted to test etbuild's flasher.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Stm32BootloaderSim, type Stm32SimOptions } from '../../src/device/sim/stm32-bootloader-sim.js';
import { randomBytes, toolsAvailable } from './support.js';

const FLASH_BASE = 0x0800_0000;

describe.skipIf(!toolsAvailable('socat', 'stm32flash'))('bootloader simulator driven by the real stm32flash', { timeout: 30_000 }, () => {
  let dir = '';
  let sim: Stm32BootloaderSim | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etb-stm32flash-'));
  });
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function startSim(options: Stm32SimOptions): Promise<Stm32BootloaderSim> {
    sim = await Stm32BootloaderSim.start(options);
    return sim;
  }

  /** A pty has no parity, so stm32flash must use 8N1 there. */
  function stm32flash(device: string, ...args: string[]) {
    return execa('stm32flash', ['-m', '8n1', ...args, device], { reject: false, all: true, timeout: 20_000 });
  }

  test('writes, verifies and reads back a 5 KiB image; erases only the first 16 KiB sector', async () => {
    const device = await startSim({ initialFlash: 'random' });
    const image = randomBytes(5 * 1024, 0x5eed);
    const imagePath = join(dir, 'image.bin');
    await writeFile(imagePath, image);

    const write = await stm32flash(device.hostPath, '-w', imagePath, '-v');
    expect(write.all).toContain('Device ID    : 0x0413 (STM32F40xxx/41xxx)');
    expect(write.all).toContain('Version      : 0x31');
    expect(write.all).toMatch(/Wrote and verified address 0x08001400 \(100\.00%\)/);
    expect(write.exitCode).toBe(0);
    expect(device.eraseLog).toEqual([0]);
    expect(Buffer.from(device.flashAt(FLASH_BASE, image.length)).equals(Buffer.from(image))).toBe(true);

    // A second session without a reset: stm32flash's 0x7F now lands inside a command, and it
    // recovers the way AN3155 says the bootloader behaves (the next 0x7F completes a bad pair: NACK).
    const readPath = join(dir, 'read.bin');
    const read = await stm32flash(device.hostPath, '-r', readPath, '-S', `0x${FLASH_BASE.toString(16)}:${image.length}`);
    expect(read.exitCode, read.all).toBe(0);
    expect((await readFile(readPath)).equals(Buffer.from(image))).toBe(true);
    expect(device.failure).toBeUndefined();
  });

  test('GO starts the application at the requested address', async () => {
    const device = await startSim({});
    const go = await stm32flash(device.hostPath, '-g', '0x08000000');
    expect(go.exitCode, go.all).toBe(0);
    expect(device.startedAt).toBe(FLASH_BASE);
  });

  test('a write-protected sector makes stm32flash fail, and WRITE UNPROTECT clears it', async () => {
    const device = await startSim({ writeProtectedSectors: [0] });
    const imagePath = join(dir, 'image.bin');
    await writeFile(imagePath, randomBytes(1024, 7));

    const refused = await stm32flash(device.hostPath, '-w', imagePath);
    expect(refused.exitCode).not.toBe(0);
    expect(device.eraseLog).toEqual([]);

    const unprotect = await stm32flash(device.hostPath, '-u');
    expect(unprotect.exitCode, unprotect.all).toBe(0);
    const write = await stm32flash(device.hostPath, '-w', imagePath, '-v');
    expect(write.exitCode, write.all).toBe(0);
    expect(device.eraseLog).toEqual([0]);
  });

  test('reports the chip id of another simulated part', async () => {
    const device = await startSim({ chipId: 0x431 });
    const info = await stm32flash(device.hostPath);
    expect(info.exitCode, info.all).toBe(0);
    expect(info.all).toMatch(/Device ID\s+: 0x0431 \(STM32F411/);
  });
});
