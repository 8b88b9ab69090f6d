// A simulated STM32 system bootloader (AN3155, USART, version 3.1) on one end of a socat pty pair,
// with NOR flash (erase sets 0xFF, programming can only clear bits), write-protected sectors, and
// faults injected on chosen commands. Clients (stm32flash, etbuild) open `hostPath`.
import { findChip, flashSize, listSectors, type Sector, type SectorMap } from '../flash-layout.js';
import { ReaderClosedError } from '../transport/byte-reader.js';
import { openSerial, type Transport } from '../transport/serial.js';
import { openPtyPair, type PtyPair } from './pty-pair.js';

const ACK = 0x79;
const NACK = 0x1f;
const SYNC = 0x7f;

const GET = 0x00;
const GET_VERSION = 0x01;
const GET_ID = 0x02;
const READ_MEMORY = 0x11;
const GO = 0x21;
const WRITE_MEMORY = 0x31;
const EXTENDED_ERASE = 0x44;
const WRITE_UNPROTECT = 0x73;
const SUPPORTED_COMMANDS = [GET, GET_VERSION, GET_ID, READ_MEMORY, GO, WRITE_MEMORY, EXTENDED_ERASE, WRITE_UNPROTECT];

/**
 * Which command a fault hits: the `occurrence`-th valid command (1-based) whose opcode is `command`
 * (any opcode when absent), and the `times - 1` matching commands after it (default times: 1).
 */
export interface FaultTrigger {
  readonly command?: number;
  readonly occurrence: number;
  readonly times?: number;
}

export type SimFault =
  /** Answer NACK instead of ACK to the command bytes. */
  | (FaultTrigger & { readonly kind: 'nack' })
  /** Lose one byte: 'to-device' counts the bytes after the command pair, 'to-host' the bytes of the answer (0 = the ACK). */
  | (FaultTrigger & { readonly kind: 'drop-byte'; readonly direction: 'to-device' | 'to-host'; readonly byteIndex?: number })
  /** Say nothing for `ms` (Infinity: hang for good), then carry on with whatever arrived meanwhile. */
  | (FaultTrigger & { readonly kind: 'stall'; readonly ms: number })
  /** Hang up the line (socat stops), as when a USB adapter is unplugged. */
  | (FaultTrigger & { readonly kind: 'disconnect' })
  /** ACK the matching WRITE MEMORY (`command` is implied) but store its byte at `byteIndex` (default 0) with the lowest bit flipped. */
  | (FaultTrigger & { readonly kind: 'corrupt-write'; readonly byteIndex?: number });

export interface Stm32SimOptions {
  /** Default 0x413 (STM32F40x/41x). */
  readonly chipId?: number;
  /** Default: the chip's known layout. */
  readonly flash?: SectorMap;
  /** Default 0x31. */
  readonly bootloaderVersion?: number;
  readonly writeProtectedSectors?: readonly number[];
  /** Flash content at power-up: 'erased' (all 0xFF, default) or 'random' (an old firmware). */
  readonly initialFlash?: 'erased' | 'random';
  readonly faults?: readonly SimFault[];
}

interface FrameFaults {
  received: number;
  sent: number;
  dropIncoming: number | undefined;
  dropOutgoing: number | undefined;
  corruptByte: number | undefined;
}

const RAM = { base: 0x2000_0000, size: 128 * 1024 };

export class Stm32BootloaderSim {
  /** The end of the pty pair a client opens. */
  readonly hostPath: string;
  readonly chipId: number;
  readonly flashMap: SectorMap;
  readonly flash: Uint8Array;
  readonly ram = new Uint8Array(RAM.size);
  /** Opcodes of every valid command received, in order. */
  readonly commandLog: number[] = [];
  /** Sector indices erased, in order ('mass' for a mass erase). */
  readonly eraseLog: (number | 'mass')[] = [];
  /** Set once a GO was accepted: the simulated chip then runs the application and ignores the line. */
  startedAt: number | undefined;
  /** An error that stopped the simulator unexpectedly (a bug in it or in the test). */
  failure: unknown;

  private readonly version: number;
  private readonly sectors: Sector[];
  private readonly protectedSectors: Set<number>;
  private readonly faults: readonly SimFault[];
  private readonly seen = new Map<number | undefined, number>();
  private state: 'waiting-sync' | 'commands' | 'application' = 'waiting-sync';
  private frame: FrameFaults = { received: 0, sent: 0, dropIncoming: undefined, dropOutgoing: undefined, corruptByte: undefined };
  private closing = false;
  private readonly stopped: Promise<void>;
  private wakeUp: () => void = () => undefined;
  private readonly closed = new Promise<void>((resolve) => { this.wakeUp = resolve; });

  private constructor(private readonly pty: PtyPair, private readonly port: Transport, options: Stm32SimOptions) {
    this.hostPath = pty.paths[1];
    this.chipId = options.chipId ?? 0x413;
    const map = options.flash ?? findChip(this.chipId)?.flash;
    if (map === undefined) throw new Error(`the simulator knows no flash layout for chip 0x${this.chipId.toString(16)}; pass one`);
    this.flashMap = map;
    this.sectors = listSectors(map);
    this.flash = new Uint8Array(flashSize(map)).fill(0xff);
    if (options.initialFlash === 'random') {
      for (let i = 0; i < this.flash.length; i++) this.flash[i] = Math.floor(Math.random() * 256);
    }
    this.version = options.bootloaderVersion ?? 0x31;
    this.protectedSectors = new Set(options.writeProtectedSectors ?? []);
    this.faults = options.faults ?? [];
    this.stopped = this.run();
  }

  static async start(options: Stm32SimOptions = {}): Promise<Stm32BootloaderSim> {
    const pty = await openPtyPair();
    try {
      const port = await openSerial({ path: pty.paths[0], baudRate: 115200, parity: 'none' });
      return new Stm32BootloaderSim(pty, port, options);
    } catch (error) {
      await pty.close();
      throw error;
    }
  }

  /** The bytes of flash at [address, address + length). */
  flashAt(address: number, length: number): Uint8Array {
    const offset = address - this.flashMap.base;
    return this.flash.subarray(offset, offset + length);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.wakeUp();
    await this.port.close();
    await this.pty.close();
    await this.stopped;
  }

  private async run(): Promise<void> {
    try {
      for (;;) await this.step();
    } catch (error) {
      if (!this.closing && !(error instanceof ReaderClosedError) && (error as { code?: string }).code !== 'ETB4007') {
        this.failure = error;
      }
    }
  }

  private async step(): Promise<void> {
    this.frame = { received: 0, sent: 0, dropIncoming: undefined, dropOutgoing: undefined, corruptByte: undefined };
    if (this.state === 'application') {
      await this.receive(1);
      return;
    }
    if (this.state === 'waiting-sync') {
      const [byte] = await this.receive(1);
      if (byte === SYNC) {
        this.state = 'commands';
        await this.send(ACK);
      }
      return;
    }
    const [command, complement] = await this.receive(2);
    if ((command! ^ complement!) !== 0xff) {
      await this.send(NACK);
      return;
    }
    this.commandLog.push(command!);
    this.frame = { received: 0, sent: 0, dropIncoming: undefined, dropOutgoing: undefined, corruptByte: undefined };
    if (!SUPPORTED_COMMANDS.includes(command!)) {
      await this.send(NACK);
      return;
    }
    if (await this.applyFaults(command!)) return;
    await this.send(ACK);
    await this.handle(command!);
  }

  /** Counts the command against every fault; returns true when a fault consumed the command. */
  private async applyFaults(command: number): Promise<boolean> {
    const counts = new Map<number | undefined, number>();
    for (const key of [undefined, command]) {
      const count = (this.seen.get(key) ?? 0) + 1;
      this.seen.set(key, count);
      counts.set(key, count);
    }
    let consumed = false;
    for (const fault of this.faults) {
      const filter = fault.kind === 'corrupt-write' ? WRITE_MEMORY : fault.command;
      if (filter !== undefined && filter !== command) continue;
      const count = counts.get(filter)!;
      if (count < fault.occurrence || count >= fault.occurrence + (fault.times ?? 1)) continue;
      switch (fault.kind) {
        case 'nack':
          await this.send(NACK);
          consumed = true;
          break;
        case 'drop-byte':
          if (fault.direction === 'to-device') this.frame.dropIncoming = fault.byteIndex ?? 0;
          else this.frame.dropOutgoing = fault.byteIndex ?? 0;
          break;
        case 'stall':
          await Promise.race([this.closed, new Promise((resolve) => {
            if (Number.isFinite(fault.ms)) setTimeout(resolve, fault.ms);
          })]);
          break;
        case 'disconnect':
          await this.pty.close();
          consumed = true;
          break;
        case 'corrupt-write':
          this.frame.corruptByte = fault.byteIndex ?? 0;
          break;
      }
    }
    return consumed;
  }

  private async handle(command: number): Promise<void> {
    switch (command) {
      case GET:
        await this.send(SUPPORTED_COMMANDS.length, this.version, ...SUPPORTED_COMMANDS, ACK);
        return;
      case GET_VERSION:
        await this.send(this.version, 0x00, 0x00, ACK);
        return;
      case GET_ID:
        await this.send(1, this.chipId >> 8, this.chipId & 0xff, ACK);
        return;
      case READ_MEMORY: {
        const address = await this.receiveAddress();
        if (address === undefined || this.memory(address, 1) === undefined) return this.send(NACK);
        await this.send(ACK);
        const [count, complement] = await this.receive(2);
        const memory = this.memory(address, count! + 1);
        if ((count! ^ complement!) !== 0xff || memory === undefined) return this.send(NACK);
        await this.send(ACK, ...memory);
        return;
      }
      case GO: {
        const address = await this.receiveAddress();
        if (address === undefined || this.memory(address, 4) === undefined) return this.send(NACK);
        await this.send(ACK);
        this.startedAt = address;
        this.state = 'application';
        return;
      }
      case WRITE_MEMORY:
        return this.writeMemory();
      case EXTENDED_ERASE:
        return this.extendedErase();
      case WRITE_UNPROTECT:
        this.protectedSectors.clear();
        await this.send(ACK);
        // The real bootloader resets the chip after changing option bytes.
        this.state = 'waiting-sync';
        return;
    }
  }

  private async writeMemory(): Promise<void> {
    const address = await this.receiveAddress();
    if (address === undefined || this.memory(address, 1) === undefined) return this.send(NACK);
    await this.send(ACK);
    const [count] = await this.receive(1);
    const data = await this.receive(count! + 1);
    const [checksum] = await this.receive(1);
    const target = this.memory(address, data.length);
    if (checksum !== data.reduce((sum, byte) => sum ^ byte, count!) || target === undefined) return this.send(NACK);
    if (this.touchesProtectedSector(address, data.length)) return this.send(NACK);
    if (this.frame.corruptByte !== undefined && this.frame.corruptByte < data.length) data[this.frame.corruptByte]! ^= 0x01;
    const isFlash = address >= this.flashMap.base;
    // NOR flash: programming can only turn 1 bits into 0 bits; RAM just takes the bytes.
    data.forEach((byte, i) => { target[i] = isFlash ? target[i]! & byte : byte; });
    await this.send(ACK);
  }

  private async extendedErase(): Promise<void> {
    const header = await this.receive(2);
    const count = (header[0]! << 8) | header[1]!;
    if (count >= 0xfff0) {
      const [checksum] = await this.receive(1);
      const anyProtected = this.sectors.some((sector) => this.protectedSectors.has(sector.index));
      if (count !== 0xffff || checksum !== (header[0]! ^ header[1]!) || anyProtected) return this.send(NACK);
      this.flash.fill(0xff);
      this.eraseLog.push('mass');
      return this.send(ACK);
    }
    const pages = await this.receive((count + 1) * 2);
    const [checksum] = await this.receive(1);
    const indices = Array.from({ length: count + 1 }, (_, i) => (pages[2 * i]! << 8) | pages[2 * i + 1]!);
    const valid = checksum === pages.reduce((sum, byte) => sum ^ byte, header[0]! ^ header[1]!)
      && indices.every((index) => index < this.sectors.length && !this.protectedSectors.has(index));
    if (!valid) return this.send(NACK);
    for (const index of indices) {
      const sector = this.sectors[index]!;
      this.flashAt(sector.address, sector.size).fill(0xff);
      this.eraseLog.push(index);
    }
    await this.send(ACK);
  }

  private async receiveAddress(): Promise<number | undefined> {
    const frame = await this.receive(5);
    if ((frame[0]! ^ frame[1]! ^ frame[2]! ^ frame[3]!) !== frame[4]) return undefined;
    return new DataView(frame.buffer, frame.byteOffset).getUint32(0, false);
  }

  /** The simulated memory at [address, address + length), or undefined outside flash and RAM. */
  private memory(address: number, length: number): Uint8Array | undefined {
    for (const [base, bytes] of [[this.flashMap.base, this.flash], [RAM.base, this.ram]] as const) {
      if (address >= base && address + length <= base + bytes.length) return bytes.subarray(address - base, address - base + length);
    }
    return undefined;
  }

  private touchesProtectedSector(address: number, length: number): boolean {
    return this.sectors.some((sector) => this.protectedSectors.has(sector.index)
      && sector.address < address + length && sector.address + sector.size > address);
  }

  private async receive(count: number): Promise<Uint8Array> {
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const chunk = await this.port.readExactly(count - filled, Infinity);
      for (const byte of chunk) {
        if (this.frame.received++ === this.frame.dropIncoming) continue;
        out[filled++] = byte;
      }
    }
    return out;
  }

  private async send(...bytes: number[]): Promise<void> {
    const kept = bytes.filter(() => this.frame.sent++ !== this.frame.dropOutgoing);
    if (kept.length > 0) await this.port.write(Uint8Array.from(kept));
  }
}
