// A serial port as device protocols want it: write bytes, read exactly n bytes with a timeout,
// drive DTR/RTS where the port has them, and one clear error when the device goes away.
import { access } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { disconnectedError, portOpenError } from '../errors.js';
import { ByteReader, ReaderClosedError } from './byte-reader.js';

export type Parity = 'even' | 'none';

export interface SerialOptions {
  readonly path: string;
  readonly baudRate: number;
  /** 'even' for the STM32 bootloader (8E1); 'none' for a pseudo-terminal, which drops parity. */
  readonly parity?: Parity;
  readonly dataBits?: 7 | 8;
}

export interface ControlSignals {
  readonly dtr?: boolean;
  readonly rts?: boolean;
}

/** The byte-level view of a port that the device protocols use; tests may provide their own. */
export interface Transport {
  readonly path: string;
  readonly isOpen: boolean;
  write(bytes: Uint8Array): Promise<void>;
  /** Rejects with ReadTimeoutError when the bytes do not all arrive within timeoutMs (Infinity: no limit). */
  readExactly(count: number, timeoutMs: number): Promise<Uint8Array>;
  readByte(timeoutMs: number): Promise<number>;
  /** Between 1 and maxCount bytes, as soon as some are there (for monitors). */
  readSome(maxCount: number, timeoutMs: number): Promise<Uint8Array>;
  /** Drops bytes received and not read yet; returns how many. */
  discardInput(): number;
  /** Sets DTR/RTS (true = asserted). Resolves false where the port has no such lines (a pty). */
  setSignals(signals: ControlSignals): Promise<boolean>;
  close(): Promise<void>;
}

export async function openSerial(options: SerialOptions): Promise<Transport> {
  const port = new SerialPort({
    path: options.path,
    baudRate: options.baudRate,
    dataBits: options.dataBits ?? 8,
    parity: options.parity ?? 'none',
    stopBits: 1,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((error) => (error ? reject(portOpenError(options.path, error)) : resolve()));
  });
  return new SerialTransport(options.path, port);
}

/** How often an open port checks that its device node still exists. */
const NODE_CHECK_MS = 200;

class SerialTransport implements Transport {
  private readonly reader = new ByteReader();
  /** Set once the device went away; every later operation reports it. */
  private lost: Error | undefined;
  private signals = { dtr: true, rts: true };
  private readonly nodeCheck: NodeJS.Timeout;

  constructor(readonly path: string, private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => this.reader.push(chunk));
    port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
      if (error?.disconnected === true) this.markLost(error);
      else this.reader.fail(new ReaderClosedError());
    });
    // A stream 'error' without a listener would crash the process; on a serial port it means the
    // line is unusable, which the caller sees as a disconnect.
    port.on('error', (error: Error) => this.markLost(error));
    // A tty that hangs up before the binding's first poll reads 0 bytes forever and never reports
    // a disconnect; the device node disappearing (USB unplugged, pty master closed) always does.
    this.nodeCheck = setInterval(() => void this.checkNodeExists(), NODE_CHECK_MS);
    this.nodeCheck.unref();
  }

  get isOpen(): boolean {
    return this.port.isOpen && this.lost === undefined;
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.throwIfLost();
    await new Promise<void>((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (error) => {
        if (error) reject(this.lostOr(error));
      });
      this.port.drain((error) => (error ? reject(this.lostOr(error)) : resolve()));
    });
  }

  readExactly(count: number, timeoutMs: number): Promise<Uint8Array> {
    return this.reader.readExactly(count, timeoutMs);
  }

  readByte(timeoutMs: number): Promise<number> {
    return this.reader.readByte(timeoutMs);
  }

  readSome(maxCount: number, timeoutMs: number): Promise<Uint8Array> {
    return this.reader.readSome(maxCount, timeoutMs);
  }

  discardInput(): number {
    return this.reader.discard();
  }

  async setSignals(signals: ControlSignals): Promise<boolean> {
    this.throwIfLost();
    const wanted = { ...this.signals, ...signals };
    // SerialPort.set() resets every flag it is not given, so both lines are always passed.
    const supported = await new Promise<boolean>((resolve) => {
      this.port.set({ dtr: wanted.dtr, rts: wanted.rts }, (error) => resolve(!error));
    });
    if (supported) this.signals = wanted;
    return supported;
  }

  async close(): Promise<void> {
    clearInterval(this.nodeCheck);
    this.reader.fail(new ReaderClosedError());
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private markLost(cause: Error): void {
    clearInterval(this.nodeCheck);
    this.lost ??= disconnectedError(this.path, cause);
    this.reader.fail(this.lost);
  }

  private async checkNodeExists(): Promise<void> {
    try {
      await access(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !this.port.isOpen) return;
      this.markLost(error as Error);
      this.port.close(() => undefined);
    }
  }

  private throwIfLost(): void {
    if (this.lost !== undefined) throw this.lost;
    if (!this.port.isOpen) throw new ReaderClosedError();
  }

  private lostOr(error: Error): Error {
    if (this.lost !== undefined) return this.lost;
    if (!this.port.isOpen) return new ReaderClosedError();
    this.markLost(error);
    return this.lost ?? error;
  }
}
