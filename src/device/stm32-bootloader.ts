// A client of the STM32 system memory bootloader over a UART (ST application note AN3155):
// sync, GET/GV/GID, EXTENDED ERASE, WRITE MEMORY, READ MEMORY, GO. Every exchange is bounded by a
// timeout and retried a bounded number of times after a resynchronisation; `flashStm32` only
// reports success after reading every byte back, unless the caller turned verification off.
import { EtbError } from '../core/errors.js';
import {
  commandRefusedError, hex32, imageDoesNotFitError, invalidSectorMapError, noResponseError,
  unknownFlashLayoutError, verifyMismatchError, writeProtectedError, wrongChipError,
} from './errors.js';
import { findChip, flashSize, sectorMapProblem, sectorsCovering, type Sector, type SectorMap } from './flash-layout.js';
import { applySignals, type SignalWiring } from './reset-signals.js';
import { ReadTimeoutError } from './transport/byte-reader.js';
import { openSerial, type Parity, type Transport } from './transport/serial.js';

export const ACK = 0x79;
export const NACK = 0x1f;
export const SYNC = 0x7f;

export const Stm32Command = {
  get: 0x00,
  getVersion: 0x01,
  getId: 0x02,
  readMemory: 0x11,
  go: 0x21,
  writeMemory: 0x31,
  extendedErase: 0x44,
  writeUnprotect: 0x73,
} as const;

/** The most bytes one WRITE MEMORY or READ MEMORY moves. */
export const BLOCK_SIZE = 256;

export type FlashPhase = 'erase' | 'write' | 'verify';

export type FlashEvent =
  | { readonly kind: 'connected'; readonly port: string; readonly chipId: number; readonly chipName: string | undefined; readonly bootloaderVersion: number }
  | { readonly kind: 'progress'; readonly phase: FlashPhase; readonly done: number; readonly total: number }
  | { readonly kind: 'retry'; readonly operation: string; readonly attempt: number; readonly reason: string }
  | { readonly kind: 'warning'; readonly message: string };

export interface Stm32Timeouts {
  /** Wait for an ACK or a short answer, on top of the time the bytes take on the wire. */
  readonly replyMs: number;
  /** Wait for the ACK that ends a 256-byte WRITE MEMORY. */
  readonly writeMs: number;
  /** Wait for the ACK that ends the erase of one sector. */
  readonly sectorEraseMs: number;
  readonly massEraseMs: number;
}

export const DEFAULT_TIMEOUTS: Stm32Timeouts = { replyMs: 1000, writeMs: 1000, sectorEraseMs: 5000, massEraseMs: 40000 };

export type StartMode = 'go' | 'reset' | 'none';

export interface FlashStm32Options {
  readonly port: string;
  /** Default 115200. */
  readonly baud?: number;
  /** Default 'even' (8E1, what the bootloader speaks); 'none' for a pseudo-terminal. */
  readonly parity?: Parity;
  readonly image: Uint8Array;
  /** Load address; default the flash base. Must be a multiple of 4. */
  readonly address?: number;
  /** The chip id the board expects (GID); a different chip is refused. */
  readonly chipId?: number;
  /** The flash layout; default the known layout of the chip id. */
  readonly sectorMap?: SectorMap;
  /** Erase the whole flash instead of only the sectors the image covers. */
  readonly massErase?: boolean;
  /** Default true. When false the result says `verified: false`. */
  readonly verify?: boolean;
  /** What to do after flashing: GO to the image (default), pulse NRST with BOOT0 low, or nothing. */
  readonly start?: StartMode;
  /** DTR/RTS wiring to BOOT0/NRST; without it the board must already sit in its bootloader. */
  readonly signals?: SignalWiring;
  /** Tries per exchange (default 3). */
  readonly attempts?: number;
  readonly timeouts?: Partial<Stm32Timeouts>;
  readonly onEvent?: (event: FlashEvent) => void;
}

export interface FlashResult {
  readonly port: string;
  readonly chipId: number;
  readonly chipName: string | undefined;
  readonly bootloaderVersion: number;
  readonly address: number;
  readonly bytesWritten: number;
  /** 'mass', or the indices of the sectors erased. */
  readonly erased: 'mass' | readonly number[];
  /** True only when every byte was read back and compared. */
  readonly verified: boolean;
  /** How the application was started: 'go', 'reset', 'none', or 'reset-unsupported' (the port has no DTR/RTS). */
  readonly started: StartMode | 'reset-unsupported';
  /** Exchanges that had to be repeated. */
  readonly retries: number;
}

export interface BootloaderInfo {
  readonly version: number;
  readonly commands: readonly number[];
  readonly optionBytes: readonly [number, number];
  readonly chipId: number;
}

/** Where in an exchange the device answered NACK (or garbage): decides which error a user sees. */
type ExchangeStage = 'command' | 'address' | 'payload';

class NotAcknowledged extends Error {
  constructor(readonly stage: ExchangeStage, readonly byte: number) {
    super(byte === NACK ? `NACK after the ${stage}` : `0x${byte.toString(16)} instead of ACK after the ${stage}`);
  }
}

function xorAll(bytes: Iterable<number>, seed = 0): number {
  let sum = seed;
  for (const byte of bytes) sum ^= byte;
  return sum;
}

function addressFrame(address: number): Uint8Array {
  const frame = new Uint8Array(5);
  new DataView(frame.buffer).setUint32(0, address >>> 0, false);
  frame[4] = xorAll(frame.subarray(0, 4));
  return frame;
}

/** The AN3155 exchanges over one transport, each bounded and retried after resynchronising. */
export class Stm32BootloaderSession {
  retries = 0;
  private readonly timeouts: Stm32Timeouts;
  private readonly attempts: number;
  private readonly baud: number;
  private readonly bitsPerByte: number;
  private readonly onEvent: ((event: FlashEvent) => void) | undefined;

  constructor(
    private readonly transport: Transport,
    options: { readonly baud: number; readonly parity: Parity; readonly attempts?: number; readonly timeouts?: Partial<Stm32Timeouts>; readonly onEvent?: (event: FlashEvent) => void },
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.bitsPerByte = options.parity === 'none' ? 10 : 11;
    this.baud = options.baud;
    this.onEvent = options.onEvent;
  }

  /** Autobaud: 0x7F answered by ACK; NACK means the bootloader was already synchronised. */
  async sync(): Promise<void> {
    this.transport.discardInput();
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (await this.probe()) return;
      if (attempt < this.attempts) this.noteRetry('sync', attempt, 'no answer to 0x7F');
    }
    throw noResponseError(this.transport.path, `no answer to the sync byte 0x7F after ${this.attempts} attempts`);
  }

  async identify(): Promise<BootloaderInfo> {
    const get = await this.exchange('GET', async () => {
      await this.sendCommand(Stm32Command.get);
      const count = await this.read(1);
      const body = await this.read(count[0]! + 1);
      await this.expectAck('payload', this.timeouts.replyMs);
      return { version: body[0]!, commands: [...body.subarray(1)] };
    });
    const optionBytes = await this.exchange('GV', async () => {
      await this.sendCommand(Stm32Command.getVersion);
      const reply = await this.read(3);
      await this.expectAck('payload', this.timeouts.replyMs);
      return [reply[1]!, reply[2]!] as const;
    });
    const chipId = await this.exchange('GID', async () => {
      await this.sendCommand(Stm32Command.getId);
      const count = await this.read(1);
      const id = await this.read(count[0]! + 1);
      await this.expectAck('payload', this.timeouts.replyMs);
      return (id[0]! << 8) | id[1]!;
    });
    return { version: get.version, commands: get.commands, optionBytes, chipId };
  }

  async eraseSector(sector: Sector): Promise<void> {
    const frame = [0x00, 0x00, sector.index >> 8, sector.index & 0xff];
    await this.exchange(`EXTENDED ERASE of sector ${sector.index} (${hex32(sector.address)})`, async () => {
      await this.sendCommand(Stm32Command.extendedErase);
      await this.transport.write(Uint8Array.from([...frame, xorAll(frame)]));
      await this.expectAck('payload', this.timeouts.sectorEraseMs);
    }, `erase sector ${sector.index} at ${hex32(sector.address)}`);
  }

  async massErase(): Promise<void> {
    await this.exchange('EXTENDED ERASE (mass erase)', async () => {
      await this.sendCommand(Stm32Command.extendedErase);
      await this.transport.write(Uint8Array.of(0xff, 0xff, 0x00));
      await this.expectAck('payload', this.timeouts.massEraseMs);
    }, 'mass erase the flash');
  }

  /** Writes up to 256 bytes; pads to a multiple of 4 with 0xFF as the bootloader requires. */
  async writeBlock(address: number, data: Uint8Array): Promise<void> {
    const padded = new Uint8Array((data.length + 3) & ~3).fill(0xff);
    padded.set(data);
    const frame = new Uint8Array(padded.length + 2);
    frame[0] = padded.length - 1;
    frame.set(padded, 1);
    frame[frame.length - 1] = xorAll(padded, padded.length - 1);
    await this.exchange(`WRITE MEMORY at ${hex32(address)}`, async () => {
      await this.sendCommand(Stm32Command.writeMemory);
      await this.transport.write(addressFrame(address));
      await this.expectAck('address', this.timeouts.replyMs);
      await this.transport.write(frame);
      await this.expectAck('payload', this.timeouts.writeMs + this.wireMs(frame.length));
    }, `write ${data.length} bytes at ${hex32(address)}`);
  }

  async readBlock(address: number, length: number): Promise<Uint8Array> {
    return this.exchange(`READ MEMORY at ${hex32(address)}`, async () => {
      await this.sendCommand(Stm32Command.readMemory);
      await this.transport.write(addressFrame(address));
      await this.expectAck('address', this.timeouts.replyMs);
      await this.transport.write(Uint8Array.of(length - 1, (length - 1) ^ 0xff));
      await this.expectAck('payload', this.timeouts.replyMs);
      return this.read(length);
    });
  }

  async go(address: number): Promise<void> {
    await this.exchange(`GO ${hex32(address)}`, async () => {
      await this.sendCommand(Stm32Command.go);
      await this.transport.write(addressFrame(address));
      await this.expectAck('address', this.timeouts.replyMs);
    });
  }

  /**
   * Runs one exchange up to `attempts` times. A timeout or a NACK leaves the bootloader somewhere
   * inside a frame, so before trying again the session resynchronises. `protectedAction` names
   * what a final NACK of the payload means: the area is write protected.
   */
  private async exchange<T>(operation: string, body: () => Promise<T>, protectedAction?: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await body();
      } catch (error) {
        if (!(error instanceof ReadTimeoutError || error instanceof NotAcknowledged)) throw error;
        if (attempt >= this.attempts) throw this.finalError(operation, error, protectedAction);
        this.noteRetry(operation, attempt, error.message);
        await this.resync();
      }
    }
  }

  private finalError(operation: string, error: ReadTimeoutError | NotAcknowledged, protectedAction: string | undefined): EtbError {
    const port = this.transport.path;
    if (error instanceof ReadTimeoutError) {
      return noResponseError(port, `${operation}: no answer after ${this.attempts} attempts`, error);
    }
    if (error.stage === 'payload' && error.byte === NACK && protectedAction !== undefined) {
      return writeProtectedError(port, protectedAction);
    }
    const hints = error.stage === 'address'
      ? ['the address is outside the chip\'s memory, or readout protection is active (it blocks READ and GO)']
      : [];
    return commandRefusedError(port, `${operation} (${error.message}, ${this.attempts} attempts)`, hints);
  }

  /**
   * Brings the bootloader back to "waiting for a command" from anywhere inside a frame: 0xFF bytes
   * complete any frame with a wrong checksum (so nothing is written or erased; the device answers
   * NACK) and then form invalid command pairs. The probe's 0x7F then either pairs with a left-over
   * 0xFF (NACK) or starts a pair that a second 0x7F completes (NACK), exactly as after a host restart.
   */
  private async resync(): Promise<void> {
    await this.transport.write(new Uint8Array(BLOCK_SIZE + 44).fill(0xff));
    await this.waitForQuiet();
    await this.probe();
  }

  /**
   * Sends 0x7F until the bootloader answers ACK (it was waiting for the autobaud byte) or NACK (the
   * byte completed an invalid command), then makes sure nothing else follows: more bytes mean the
   * answer was a stale one and the device is still working through earlier input.
   */
  private async probe(): Promise<boolean> {
    for (let i = 0; i < 3; i++) {
      this.transport.discardInput();
      await this.transport.write(Uint8Array.of(SYNC));
      try {
        const answer = await this.transport.readByte(this.timeouts.replyMs);
        if ((answer === ACK || answer === NACK) && (await this.waitForQuiet()) === 0) return true;
      } catch (error) {
        if (!(error instanceof ReadTimeoutError)) throw error;
      }
    }
    return false;
  }

  /** Reads and drops answers until the line has been silent for a moment; returns how many were dropped. */
  private async waitForQuiet(): Promise<number> {
    const quietMs = Math.min(100, this.timeouts.replyMs);
    let dropped = 0;
    for (;;) {
      try {
        dropped += (await this.transport.readSome(4096, quietMs)).length;
      } catch (error) {
        if (error instanceof ReadTimeoutError) return dropped;
        throw error;
      }
    }
  }

  private async sendCommand(command: number): Promise<void> {
    this.transport.discardInput();
    await this.transport.write(Uint8Array.of(command, command ^ 0xff));
    await this.expectAck('command', this.timeouts.replyMs);
  }

  private async expectAck(stage: ExchangeStage, timeoutMs: number): Promise<void> {
    const answer = await this.transport.readByte(timeoutMs);
    if (answer !== ACK) throw new NotAcknowledged(stage, answer);
  }

  private read(count: number): Promise<Uint8Array> {
    return this.transport.readExactly(count, this.timeouts.replyMs + this.wireMs(count));
  }

  /** How long `count` bytes take on the wire at the configured baud rate. */
  private wireMs(count: number): number {
    return Math.ceil((count * this.bitsPerByte * 1000) / this.baud);
  }

  private noteRetry(operation: string, attempt: number, reason: string): void {
    this.retries++;
    this.onEvent?.({ kind: 'retry', operation, attempt, reason });
  }
}

/** Checks the image against the flash before any byte is sent. */
function checkImageFits(image: Uint8Array, address: number, map: SectorMap): void {
  const size = flashSize(map);
  const end = map.base + size;
  if (image.length === 0) throw imageDoesNotFitError('the image is empty');
  if (address % 4 !== 0) throw imageDoesNotFitError(`the load address ${hex32(address)} is not a multiple of 4`);
  if (address < map.base || address + image.length > end) {
    throw imageDoesNotFitError(
      `the image (${image.length} bytes at ${hex32(address)}) does not fit the flash (${size / 1024} KiB at ${hex32(map.base)}..${hex32(end)})`);
  }
}

function resolveSectorMap(sectorMap: SectorMap | undefined, chipId: number | undefined): SectorMap | undefined {
  if (sectorMap !== undefined) {
    const problem = sectorMapProblem(sectorMap);
    if (problem !== undefined) throw invalidSectorMapError(problem);
    return sectorMap;
  }
  return chipId === undefined ? undefined : findChip(chipId)?.flash;
}

/** Opens the port, flashes the image through the bootloader, and closes the port whatever happens. */
export async function flashStm32(options: FlashStm32Options): Promise<FlashResult> {
  // Fail on an image that cannot fit before touching the port.
  const knownMap = resolveSectorMap(options.sectorMap, options.chipId);
  if (knownMap !== undefined) checkImageFits(options.image, options.address ?? knownMap.base, knownMap);
  const parity = options.parity ?? 'even';
  const baud = options.baud ?? 115200;
  const transport = await openSerial({ path: options.port, baudRate: baud, parity });
  try {
    return await flashStm32OverTransport(transport, { ...options, baud, parity });
  } finally {
    await transport.close();
  }
}

export async function flashStm32OverTransport(
  transport: Transport,
  options: FlashStm32Options & { readonly baud: number; readonly parity: Parity },
): Promise<FlashResult> {
  const emit = (event: FlashEvent): void => options.onEvent?.(event);
  const session = new Stm32BootloaderSession(transport, {
    baud: options.baud,
    parity: options.parity,
    ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
    ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
  });

  if (options.signals !== undefined && !(await applySignals(transport, options.signals, 'enter-bootloader'))) {
    emit({ kind: 'warning', message: `${transport.path} has no DTR/RTS lines: put the board into its bootloader by hand (BOOT0 high, reset)` });
  }
  await session.sync();
  const info = await session.identify();
  const chip = findChip(info.chipId);
  emit({ kind: 'connected', port: transport.path, chipId: info.chipId, chipName: chip?.name, bootloaderVersion: info.version });
  if (options.chipId !== undefined && options.chipId !== info.chipId) {
    throw wrongChipError(transport.path, options.chipId, info.chipId, chip?.name);
  }
  for (const [command, name] of [[Stm32Command.extendedErase, 'EXTENDED ERASE'], [Stm32Command.writeMemory, 'WRITE MEMORY'], [Stm32Command.readMemory, 'READ MEMORY']] as const) {
    if (!info.commands.includes(command)) {
      throw commandRefusedError(transport.path, `${name} (0x${command.toString(16)}): this bootloader does not offer it`);
    }
  }

  const map = resolveSectorMap(options.sectorMap, info.chipId);
  if (map === undefined) throw unknownFlashLayoutError(info.chipId);
  const address = options.address ?? map.base;
  const image = options.image;
  checkImageFits(image, address, map);

  let erased: FlashResult['erased'];
  if (options.massErase === true) {
    const total = flashSize(map);
    emit({ kind: 'progress', phase: 'erase', done: 0, total });
    await session.massErase();
    emit({ kind: 'progress', phase: 'erase', done: total, total });
    erased = 'mass';
  } else {
    const sectors = sectorsCovering(map, address, image.length);
    const total = sectors.reduce((sum, sector) => sum + sector.size, 0);
    let done = 0;
    emit({ kind: 'progress', phase: 'erase', done, total });
    for (const sector of sectors) {
      await session.eraseSector(sector);
      done += sector.size;
      emit({ kind: 'progress', phase: 'erase', done, total });
    }
    erased = sectors.map((sector) => sector.index);
  }

  emit({ kind: 'progress', phase: 'write', done: 0, total: image.length });
  for (let offset = 0; offset < image.length; offset += BLOCK_SIZE) {
    const block = image.subarray(offset, offset + BLOCK_SIZE);
    await session.writeBlock(address + offset, block);
    emit({ kind: 'progress', phase: 'write', done: offset + block.length, total: image.length });
  }

  const verify = options.verify ?? true;
  if (verify) {
    emit({ kind: 'progress', phase: 'verify', done: 0, total: image.length });
    for (let offset = 0; offset < image.length; offset += BLOCK_SIZE) {
      const expected = image.subarray(offset, offset + BLOCK_SIZE);
      const actual = await session.readBlock(address + offset, expected.length);
      const firstBad = expected.findIndex((byte, i) => actual[i] !== byte);
      if (firstBad >= 0) {
        const badCount = expected.reduce((count, byte, i) => count + (actual[i] === byte ? 0 : 1), 0);
        throw verifyMismatchError(address + offset + firstBad, expected[firstBad]!, actual[firstBad]!, badCount);
      }
      emit({ kind: 'progress', phase: 'verify', done: offset + expected.length, total: image.length });
    }
  } else {
    emit({ kind: 'warning', message: 'verification was turned off: the flash was NOT read back' });
  }

  const start = options.start ?? 'go';
  let started: FlashResult['started'] = start;
  if (start === 'go') {
    await session.go(address);
  } else if (start === 'reset') {
    const wiring = options.signals;
    if (wiring === undefined || !(await applySignals(transport, wiring, 'run-application'))) {
      started = 'reset-unsupported';
      emit({ kind: 'warning', message: `cannot reset the board through ${transport.path} (no DTR/RTS wiring or lines): reset it by hand` });
    }
  }

  return {
    port: transport.path,
    chipId: info.chipId,
    chipName: chip?.name,
    bootloaderVersion: info.version,
    address,
    bytesWritten: image.length,
    erased,
    verified: verify,
    started,
    retries: session.retries,
  };
}
