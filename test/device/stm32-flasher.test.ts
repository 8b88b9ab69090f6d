// etbuild's AN3155 flasher against the simulator (itself validated against stm32flash in
// stm32-sim-vs-stm32flash.test.ts), on a real pty pair: the happy path and every injected fault.
import { afterEach, describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import { openPtyPair } from '../../src/device/sim/pty-pair.js';
import { Stm32BootloaderSim, type Stm32SimOptions } from '../../src/device/sim/stm32-bootloader-sim.js';
import { flashStm32, Stm32Command, type FlashEvent, type FlashStm32Options } from '../../src/device/stm32-bootloader.js';
import { randomBytes, toolsAvailable } from './support.js';

const FLASH_BASE = 0x0800_0000;
const KIB = 1024;
/** Without faults the simulator answers at once; roomy timeouts keep a loaded CI machine from causing retries. */
const ROOMY = { replyMs: 1000, writeMs: 1000, sectorEraseMs: 1000, massEraseMs: 1000 };
/** Faults cost a timeout or two each: short ones keep every fault test around a second. */
const FAST = { replyMs: 150, writeMs: 150, sectorEraseMs: 200, massEraseMs: 300 };

describe.skipIf(!toolsAvailable('socat'))('flashStm32 against the simulated bootloader', { timeout: 30_000 }, () => {
  let sim: Stm32BootloaderSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function startSim(options: Stm32SimOptions = {}): Promise<Stm32BootloaderSim> {
    sim = await Stm32BootloaderSim.start({ initialFlash: 'random', ...options });
    return sim;
  }

  function flash(device: Stm32BootloaderSim, image: Uint8Array, options: Partial<FlashStm32Options> = {}) {
    const events: FlashEvent[] = [];
    const result = flashStm32({
      port: device.hostPath, parity: 'none', image, chipId: 0x413, timeouts: ROOMY, onEvent: (event) => events.push(event), ...options,
    });
    return { result, events };
  }

  async function expectEtbError(promise: Promise<unknown>, code: string): Promise<EtbError> {
    const error = await promise.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(EtbError);
    expect((error as EtbError).code, (error as Error).message).toBe(code);
    return error as EtbError;
  }

  function flashEquals(device: Stm32BootloaderSim, address: number, image: Uint8Array): boolean {
    return Buffer.from(device.flashAt(address, image.length)).equals(Buffer.from(image));
  }

  test('erases only the covered sectors, writes, verifies and starts the image', async () => {
    const device = await startSim();
    // 16 KiB + 3 bytes from the start of sector 3 spill into sector 4 (64 KiB); 0..2 and 5.. stay.
    const address = FLASH_BASE + 48 * KIB;
    const image = randomBytes(16 * KIB + 3, 1);
    const before = device.flashAt(FLASH_BASE, 16 * KIB).slice();
    const { result, events } = flash(device, image, { address });

    await expect(result).resolves.toMatchObject({
      chipId: 0x413, chipName: 'STM32F40x/41x', bootloaderVersion: 0x31, erased: [3, 4],
      verified: true, started: 'go', retries: 0, bytesWritten: image.length,
    });
    expect(device.eraseLog).toEqual([3, 4]);
    expect(flashEquals(device, address, image)).toBe(true);
    expect(Buffer.from(device.flashAt(FLASH_BASE, 16 * KIB)).equals(Buffer.from(before))).toBe(true);
    // The 3 bytes past the last whole word were padded with 0xFF, as WRITE MEMORY requires.
    expect([...device.flashAt(address + image.length, 1)]).toEqual([0xff]);
    expect(device.startedAt).toBe(address);
    expect(device.commandLog.filter((command) => command === Stm32Command.writeMemory)).toHaveLength(65);

    const phases = events.flatMap((event) => (event.kind === 'progress' ? [event] : []));
    for (const phase of ['erase', 'write', 'verify'] as const) {
      const last = phases.filter((event) => event.phase === phase).at(-1);
      expect(last).toMatchObject({ done: last?.total });
    }
    expect(phases.find((event) => event.phase === 'erase')?.total).toBe(80 * KIB);
    expect(device.failure).toBeUndefined();
  });

  test('mass erase on request; without verify the result says it was not verified', async () => {
    const device = await startSim();
    const image = randomBytes(600, 2);
    const { result, events } = flash(device, image, { massErase: true, verify: false, start: 'none' });
    await expect(result).resolves.toMatchObject({ erased: 'mass', verified: false, started: 'none' });
    expect(device.eraseLog).toEqual(['mass']);
    expect(device.commandLog).not.toContain(Stm32Command.readMemory);
    expect(device.startedAt).toBeUndefined();
    expect(flashEquals(device, FLASH_BASE, image)).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'warning', message: expect.stringContaining('NOT read back') }));
  });

  test('DTR/RTS wiring on a pty (no such lines) warns and still flashes a board already in its bootloader', async () => {
    const device = await startSim();
    const image = randomBytes(1000, 3);
    const { result, events } = flash(device, image, { signals: { boot0: 'rts', nrst: 'dtr' }, start: 'reset' });
    await expect(result).resolves.toMatchObject({ verified: true, started: 'reset-unsupported' });
    expect(events.filter((event) => event.kind === 'warning')).toHaveLength(2);
  });

  test('a NACKed command is retried and the flash succeeds', async () => {
    const device = await startSim({ faults: [{ kind: 'nack', command: Stm32Command.writeMemory, occurrence: 3 }] });
    const image = randomBytes(2 * KIB, 4);
    const { result, events } = flash(device, image, { timeouts: FAST });
    const done = await result;
    expect(done.verified).toBe(true);
    expect(done.retries).toBeGreaterThanOrEqual(1);
    expect(flashEquals(device, FLASH_BASE, image)).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'retry', operation: 'WRITE MEMORY at 0x08000200', attempt: 1 }));
  });

  test('a command NACKed on every attempt is reported after the retries', async () => {
    const device = await startSim({ faults: [{ kind: 'nack', command: Stm32Command.writeMemory, occurrence: 2, times: Infinity }] });
    const { result } = flash(device, randomBytes(2 * KIB, 5), { attempts: 3, timeouts: FAST });
    const error = await expectEtbError(result, 'ETB4008');
    expect(error.message).toContain('WRITE MEMORY at 0x08000100');
    expect(device.commandLog.filter((command) => command === Stm32Command.writeMemory)).toHaveLength(4);
  });

  test.each([
    ['to-device', 'the first address byte', 0],
    ['to-device', 'a data byte', 100],
    ['to-host', 'the ACK', 0],
    ['to-host', 'a byte of the READ answer', 40],
  ] as const)('a dropped byte (%s, %s) times out, resynchronises and retries', async (direction, _what, byteIndex) => {
    const command = direction === 'to-host' && byteIndex > 0 ? Stm32Command.readMemory : Stm32Command.writeMemory;
    const device = await startSim({ faults: [{ kind: 'drop-byte', command, occurrence: 2, direction, byteIndex }] });
    const image = randomBytes(3 * KIB, 6);
    const { result } = flash(device, image, { timeouts: FAST });
    const done = await result;
    expect(done.verified).toBe(true);
    expect(done.retries).toBeGreaterThanOrEqual(1);
    expect(flashEquals(device, FLASH_BASE, image)).toBe(true);
    expect(device.failure).toBeUndefined();
  });

  test('a stall longer than the reply timeout is survived', async () => {
    const device = await startSim({ faults: [{ kind: 'stall', command: Stm32Command.writeMemory, occurrence: 2, ms: 400 }] });
    const image = randomBytes(2 * KIB, 7);
    const { result } = flash(device, image, { timeouts: FAST });
    const done = await result;
    expect(done.verified).toBe(true);
    expect(done.retries).toBeGreaterThanOrEqual(1);
    expect(flashEquals(device, FLASH_BASE, image)).toBe(true);
  });

  test('a device that hangs for good is reported as not responding, without hanging', async () => {
    const device = await startSim({ faults: [{ kind: 'stall', command: Stm32Command.extendedErase, occurrence: 1, ms: Infinity }] });
    const { result } = flash(device, randomBytes(KIB, 8), { timeouts: FAST, attempts: 2 });
    const error = await expectEtbError(result, 'ETB4001');
    expect(error.message).toContain('EXTENDED ERASE of sector 0');
    expect(error.hints.join('\n')).toContain('BOOT0');
  });

  test('nothing answers on the line: ETB4001 naming the sync', async () => {
    const pty = await openPtyPair();
    try {
      const result = flashStm32({ port: pty.paths[1], parity: 'none', image: randomBytes(KIB, 9), chipId: 0x413, timeouts: FAST, attempts: 2 });
      const error = await expectEtbError(result, 'ETB4001');
      expect(error.message).toContain('0x7F');
    } finally {
      await pty.close();
    }
  });

  test('a disconnect is reported as such, at once', async () => {
    const device = await startSim({ faults: [{ kind: 'disconnect', command: Stm32Command.writeMemory, occurrence: 5 }] });
    const { result, events } = flash(device, randomBytes(4 * KIB, 10));
    const error = await expectEtbError(result, 'ETB4007');
    expect(error.message).toContain(device.hostPath);
    expect(events.some((event) => event.kind === 'retry')).toBe(false);
  });

  test('a corrupted block fails verification with the first bad address', async () => {
    const device = await startSim({ faults: [{ kind: 'corrupt-write', occurrence: 3, byteIndex: 17 }] });
    const image = randomBytes(2 * KIB, 11);
    const { result } = flash(device, image);
    const error = await expectEtbError(result, 'ETB4005');
    expect(error.message).toContain('first bad byte at 0x08000211');
    expect(device.startedAt).toBeUndefined();
  });

  test('a different chip is refused before anything is erased', async () => {
    const device = await startSim({ chipId: 0x419 });
    const { result } = flash(device, randomBytes(KIB, 12));
    const error = await expectEtbError(result, 'ETB4002');
    expect(error.message).toContain('0x413');
    expect(error.message).toContain('0x419 (STM32F42x/43x)');
    expect(device.eraseLog).toEqual([]);
  });

  test('an image larger than the flash is refused before the port is opened', async () => {
    const device = await startSim();
    const { result } = flash(device, new Uint8Array(1024 * KIB + 4));
    await expectEtbError(result, 'ETB4003');
    expect(device.commandLog).toEqual([]);
  });

  test('an image past the end of a smaller board flash (board sector map) is refused', async () => {
    const device = await startSim();
    const sectorMap = { base: FLASH_BASE, sectors: [{ size: 16 * KIB, count: 4 }, { size: 64 * KIB, count: 1 }] };
    const { result } = flash(device, new Uint8Array(8 * KIB), { sectorMap, address: FLASH_BASE + 124 * KIB });
    const error = await expectEtbError(result, 'ETB4003');
    expect(error.message).toContain('128 KiB');
  });

  test('a write-protected sector is reported as write protection', async () => {
    const device = await startSim({ writeProtectedSectors: [1] });
    const { result } = flash(device, randomBytes(20 * KIB, 13), { timeouts: FAST });
    const error = await expectEtbError(result, 'ETB4004');
    expect(error.message).toContain('erase sector 1 at 0x08004000');
    expect(device.eraseLog).toEqual([0]);
  });

  test('a port that does not exist cannot be opened', async () => {
    await expectEtbError(flashStm32({ port: '/dev/does-not-exist', image: new Uint8Array(4), chipId: 0x413 }), 'ETB4006');
  });
});
