// The host side of the firmware line protocol, version 1 (runtime-c/platform/runner_main.c has
// the device side and the full grammar). The device prints lines starting "ETB v1 "; anything
// else on the line (boot messages, emulator noise) is ignored. The host sends one command at a
// time and waits for its answer, which is what lets an input of any size cross a UART with no
// buffer: the firmware is always listening when a byte arrives.
//
// The code here only needs a LineTransport (write text, read lines), so the same session runs
// over QEMU's stdio, a pty or a real serial port.
import { EtbError } from '../core/errors.js';

export const PROTOCOL_VERSION = 1;
const PREFIX = 'ETB v1 ';

export const PROTOCOL_ERROR_CODES = {
  noAnswer: 'ETB4101',
  refused: 'ETB4102',
  fault: 'ETB4103',
  unexpected: 'ETB4104',
  closed: 'ETB4105',
  inputsMismatch: 'ETB1109',
} as const;

// ---- lines ----

export interface DeviceLine {
  readonly verb: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly text: string;
}

/** A protocol line, or undefined for noise. Throws ETB4104 for another protocol version. */
export function parseLine(text: string): DeviceLine | undefined {
  const line = text.replace(/\r$/u, '');
  const start = line.indexOf(PREFIX);
  if (start < 0) {
    const other = /ETB v(\d+) /u.exec(line);
    if (other !== null) {
      throw new EtbError(PROTOCOL_ERROR_CODES.unexpected, `the firmware speaks protocol v${other[1]}; this etbuild speaks v${PROTOCOL_VERSION}`, {
        hints: ['rebuild the firmware with this etbuild version'],
      });
    }
    return undefined;
  }
  const [verb = '', ...rest] = line.slice(start + PREFIX.length).trim().split(/\s+/u);
  const fields: Record<string, string> = {};
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq > 0) fields[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return { verb, fields, text: line };
}

/** Host-to-device commands, each one line. */
export const encode = {
  hello: (): string => 'h\n',
  method: (index: number): string => `m ${index}\n`,
  input: (index: number, nbytes: number): string => `i ${index} ${nbytes}\n`,
  data: (bytes: Uint8Array): string => `d ${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}\n`,
  run: (): string => 'r\n',
  bench: (warmup: number, iterations: number): string => `b ${warmup} ${iterations}\n`,
  exit: (): string => 'x\n',
};

// ---- transport ----

export interface LineTransport {
  write(text: string): Promise<void>;
  /** The next complete line (without its newline); rejects when `timeoutMs` passes first or
   * the transport closes. */
  readLine(timeoutMs: number): Promise<string>;
}

export class LineTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no line within ${timeoutMs} ms`);
    this.name = 'LineTimeoutError';
  }
}

export class LineClosedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'LineClosedError';
  }
}

/** Splits a byte stream into lines for readLine; feed it with push() from a 'data' handler. */
export class LineReader {
  private readonly decoder = new TextDecoder();
  private partial = '';
  private readonly lines: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (error: Error) => void; timer: NodeJS.Timeout } | undefined;
  private closed: LineClosedError | undefined;

  push(chunk: Uint8Array | string): void {
    this.partial += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const parts = this.partial.split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    this.settle();
  }

  /** No more data will come; a pending and every later read rejects once the lines run out. */
  close(reason: string): void {
    if (this.partial !== '') {
      this.lines.push(this.partial);
      this.partial = '';
    }
    this.closed ??= new LineClosedError(reason);
    this.settle();
  }

  readLine(timeoutMs: number): Promise<string> {
    if (this.waiter !== undefined) throw new Error('LineReader: a read is already waiting');
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new LineTimeoutError(timeoutMs));
      }, timeoutMs);
      this.waiter = { resolve, reject, timer };
      this.settle();
    });
  }

  private settle(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    const line = this.lines.shift();
    if (line === undefined && this.closed === undefined) return;
    this.waiter = undefined;
    clearTimeout(waiter.timer);
    if (line !== undefined) waiter.resolve(line);
    else waiter.reject(this.closed!);
  }
}

/** The byte-level side of a port that linesOverBytes needs (a serial Transport has it). */
export interface ByteStream {
  write(bytes: Uint8Array): Promise<void>;
  readSome(maxCount: number, timeoutMs: number): Promise<Uint8Array>;
}

/**
 * A LineTransport over a byte port (a board's serial port, or QEMU's pty opened the same way).
 * The lines end when the port does; `missedTail(bytesReceived)` may then supply what the port lost
 * (a pty drops the last bytes when its emulator exits; QEMU's serial log still has them).
 */
export function linesOverBytes(port: ByteStream, options: { readonly missedTail?: (bytesReceived: number) => Uint8Array } = {}): LineTransport {
  const lines = new LineReader();
  const encoder = new TextEncoder();
  let received = 0;
  void (async () => {
    try {
      for (;;) {
        const chunk = await port.readSome(4096, Infinity);
        received += chunk.length;
        lines.push(chunk);
      }
    } catch (error) {
      const tail = options.missedTail?.(received);
      if (tail !== undefined && tail.length > 0) lines.push(tail);
      lines.close(error instanceof Error ? error.message : String(error));
    }
  })();
  return {
    write: (text) => port.write(encoder.encode(text)),
    readLine: (timeoutMs) => lines.readLine(timeoutMs),
  };
}

// ---- session ----

export interface IoInfo {
  readonly kind: number;
  readonly dtype: number;
  readonly nbytes: number;
}

export interface MethodInfo {
  readonly index: number;
  readonly name: string;
  readonly instructions: number;
  readonly inputs: readonly IoInfo[];
  readonly outputs: readonly IoInfo[];
}

export interface DeviceInfo {
  readonly board: string;
  readonly model: string;
  readonly sha256: string;
  readonly mode: 'run' | 'bench';
  /** Bench builds: what the cycle counts are ("dwt", "systick", "host") and the core clock. */
  readonly timer: string | null;
  readonly clockHz: number | null;
  readonly methods: readonly MethodInfo[];
}

/** The stack's high-water mark since reset and its size, in bytes (firmware with a painted stack). */
export interface StackUse {
  readonly used: number;
  readonly size: number;
}

export interface RunResult {
  readonly status: number;
  /** The failing instruction when status is not 0 and the firmware said which. */
  readonly failedInstruction: number | null;
  readonly stack?: StackUse;
  readonly outputs: readonly Uint8Array[];
}

export interface BenchResult {
  readonly status: number;
  readonly failedInstruction: number | null;
  readonly stack?: StackUse;
  /** Counts per timed run, in the unit DeviceInfo.timer names. */
  readonly iterations: readonly number[];
  /** One entry per instruction of the profiled run, in execution order. */
  readonly ops: readonly { readonly instruction: number; readonly name: string; readonly cycles: number }[];
}

export interface SessionOptions {
  /** How long to wait for each answer (a run or bench answer may take longer: see runTimeoutMs). */
  readonly answerTimeoutMs?: number;
  /** How long to wait for a method run (or a whole bench) to finish. */
  readonly runTimeoutMs?: number;
  /** Bytes per input line (the device accepts any length; shorter lines mean more round trips). */
  readonly chunkBytes?: number;
  /** Every line received, protocol or not (for logs and `--verbose`). */
  readonly onLine?: (line: string) => void;
  /** Describes the other end in error messages, e.g. "QEMU mps2-an385" or "/dev/ttyACM0". */
  readonly peer?: string;
}

const num = (line: DeviceLine, key: string): number => {
  const value = line.fields[key];
  if (value === undefined || !/^\d+$/u.test(value)) {
    throw new EtbError(PROTOCOL_ERROR_CODES.unexpected, `malformed line from the firmware (no number ${key}=): ${line.text}`);
  }
  return Number(value);
};

/** One conversation with a runner firmware over any LineTransport. */
export class DeviceSession {
  private readonly answerTimeoutMs: number;
  private readonly runTimeoutMs: number;
  private readonly chunkBytes: number;
  private readonly peer: string;
  private info: DeviceInfo | undefined;

  constructor(private readonly transport: LineTransport, private readonly options: SessionOptions = {}) {
    this.answerTimeoutMs = options.answerTimeoutMs ?? 10_000;
    this.runTimeoutMs = options.runTimeoutMs ?? 60_000;
    this.chunkBytes = options.chunkBytes ?? 1024;
    this.peer = options.peer ?? 'the device';
  }

  get device(): DeviceInfo {
    if (this.info === undefined) throw new Error('DeviceSession: call hello() first');
    return this.info;
  }

  /** Reads the hello block (asking for it first when `ask`: a port opened after boot). */
  async hello(ask = false): Promise<DeviceInfo> {
    if (ask) await this.transport.write(encode.hello());
    let hello: DeviceLine | undefined;
    const methods: { index: number; name: string; instructions: number; inputs: IoInfo[]; outputs: IoInfo[] }[] = [];
    for (;;) {
      const line = await this.next('the hello line', this.answerTimeoutMs);
      if (line.verb === 'hello') {
        hello = line;
        methods.length = 0;
      } else if (hello === undefined) {
        continue; // the end of an earlier conversation
      } else if (line.verb === 'method') {
        methods.push({ index: num(line, 'm'), name: line.fields.name ?? '', instructions: num(line, 'instructions'), inputs: [], outputs: [] });
      } else if (line.verb === 'input' || line.verb === 'output') {
        const method = methods[num(line, 'm')];
        if (method === undefined) throw this.unexpected(line, 'an io line for an unknown method');
        (line.verb === 'input' ? method.inputs : method.outputs).push({ kind: num(line, 'kind'), dtype: num(line, 'dtype'), nbytes: num(line, 'nbytes') });
      } else if (line.verb === 'ready') {
        break;
      } else {
        throw this.unexpected(line, 'the hello block');
      }
    }
    const f = hello.fields;
    this.info = {
      board: f.board ?? '',
      model: f.model ?? '',
      sha256: f.sha256 ?? '',
      mode: f.mode === 'bench' ? 'bench' : 'run',
      timer: f.timer ?? null,
      clockHz: f.clock === undefined ? null : Number(f.clock),
      methods,
    };
    return this.info;
  }

  /** The method's index, by name or index; ETB1109 if there is no such method. */
  methodIndex(method: string | number): number {
    const methods = this.device.methods;
    const found = typeof method === 'number' ? methods[method] : methods.find((m) => m.name === method);
    if (found === undefined) {
      throw new EtbError(PROTOCOL_ERROR_CODES.inputsMismatch, `the firmware's model has no method ${JSON.stringify(method)}`, {
        hints: [`its methods: ${methods.map((m) => m.name).join(', ')}`],
      });
    }
    return found.index;
  }

  /** Selects the method and streams every input to it, checking sizes first. */
  async sendInputs(method: string | number, inputs: readonly Uint8Array[]): Promise<void> {
    const index = this.methodIndex(method);
    const info = this.device.methods[index]!;
    checkInputs(info, inputs);
    await this.command(encode.method(index), 'm');
    for (const [i, bytes] of inputs.entries()) {
      await this.command(encode.input(i, bytes.length), 'i');
      for (let offset = 0; offset < bytes.length; offset += this.chunkBytes) {
        const chunk = bytes.subarray(offset, offset + this.chunkBytes);
        const ack = await this.command(encode.data(chunk), 'd');
        if (num(ack, 'n') !== offset + chunk.length) throw this.unexpected(ack, `an acknowledgement of ${offset + chunk.length} bytes`);
      }
    }
  }

  /** Runs the selected method; outputs are the raw bytes of each output, in order. */
  async run(): Promise<RunResult> {
    await this.transport.write(encode.run());
    const outputs: Uint8Array[] = [];
    for (;;) {
      const line = await this.answer('the run to finish', this.runTimeoutMs);
      if (line.verb === 'out') {
        const i = num(line, 'i');
        if (i !== outputs.length) throw this.unexpected(line, `output ${outputs.length}`);
        outputs.push(await this.readHex(i, num(line, 'nbytes')));
      } else if (line.verb === 'done') {
        return { ...this.doneFields(line), outputs };
      } else {
        throw this.unexpected(line, 'outputs or done');
      }
    }
  }

  /** Bench builds: `warmup` untimed runs, `iterations` timed runs, one profiled run. */
  async bench(warmup: number, iterations: number): Promise<BenchResult> {
    await this.transport.write(encode.bench(warmup, iterations));
    const counts: number[] = [];
    const ops: { instruction: number; name: string; cycles: number }[] = [];
    for (;;) {
      const line = await this.answer('the benchmark to finish', this.runTimeoutMs);
      if (line.verb === 'iter') counts.push(num(line, 'cycles'));
      else if (line.verb === 'op') ops.push({ instruction: num(line, 'i'), name: line.fields.name ?? '', cycles: num(line, 'cycles') });
      else if (line.verb === 'done') return { ...this.doneFields(line), iterations: counts, ops };
      else throw this.unexpected(line, 'iter, op or done');
    }
  }

  /** Asks the firmware to stop with the last run's status (emulators and debuggers only). */
  async exit(): Promise<void> {
    await this.transport.write(encode.exit());
  }

  private doneFields(line: DeviceLine): { status: number; failedInstruction: number | null; stack?: StackUse } {
    return {
      status: num(line, 'status'),
      failedInstruction: line.fields.instruction === undefined ? null : num(line, 'instruction'),
      ...(line.fields.stack_used === undefined ? {} : { stack: { used: num(line, 'stack_used'), size: num(line, 'stack_size') } }),
    };
  }

  private async readHex(index: number, nbytes: number): Promise<Uint8Array> {
    const bytes = new Uint8Array(nbytes);
    let filled = 0;
    while (filled < nbytes) {
      const line = await this.answer(`the bytes of output ${index}`, this.answerTimeoutMs);
      if (line.verb !== 'hex' || num(line, 'i') !== index || num(line, 'off') !== filled) {
        throw this.unexpected(line, `hex i=${index} off=${filled}`);
      }
      const chunk = Buffer.from(line.fields.data ?? '', 'hex');
      if (chunk.length === 0 || filled + chunk.length > nbytes) throw this.unexpected(line, `at most ${nbytes - filled} bytes of hex`);
      bytes.set(chunk, filled);
      filled += chunk.length;
    }
    return bytes;
  }

  /** Sends a command and waits for its `ack cmd=…`. */
  private async command(text: string, cmd: string): Promise<DeviceLine> {
    await this.transport.write(text);
    const line = await this.answer(`an answer to "${text.trim().slice(0, 40)}"`, this.answerTimeoutMs);
    if (line.verb !== 'ack' || line.fields.cmd !== cmd) throw this.unexpected(line, `ack cmd=${cmd}`);
    return line;
  }

  /** The next protocol line; `error` and `fault` lines become errors here. */
  private async answer(waitingFor: string, timeoutMs: number): Promise<DeviceLine> {
    const line = await this.next(waitingFor, timeoutMs);
    if (line.verb === 'error') {
      const details = Object.entries(line.fields).filter(([k]) => k !== 'what').map(([k, v]) => `${k}=${v}`).join(' ');
      throw new EtbError(PROTOCOL_ERROR_CODES.refused, `${this.peer} refused a command: ${line.fields.what ?? 'unknown'}${details === '' ? '' : ` (${details})`}`, {
        hints: ['the firmware and the inputs may come from different models: rebuild, or check the inputs'],
      });
    }
    return line;
  }

  private async next(waitingFor: string, timeoutMs: number): Promise<DeviceLine> {
    for (;;) {
      let text: string;
      try {
        text = await this.transport.readLine(timeoutMs);
      } catch (cause) {
        if (cause instanceof LineTimeoutError) {
          throw new EtbError(PROTOCOL_ERROR_CODES.noAnswer, `no answer from ${this.peer} within ${timeoutMs / 1000} s (waiting for ${waitingFor})`, {
            cause,
            hints: ['check that the firmware on the device was built by etbuild and that nothing else uses the port'],
          });
        }
        if (cause instanceof LineClosedError) {
          throw new EtbError(PROTOCOL_ERROR_CODES.closed, `${this.peer} stopped while etbuild was waiting for ${waitingFor}: ${cause.reason}`, { cause });
        }
        throw cause;
      }
      this.options.onLine?.(text);
      const line = parseLine(text);
      if (line === undefined) continue;
      if (line.verb === 'fault') {
        throw new EtbError(PROTOCOL_ERROR_CODES.fault, `the firmware crashed (a Cortex-M fault) at pc=${line.fields.pc ?? '?'} lr=${line.fields.lr ?? '?'}`, {
          hints: ['arm-none-eabi-addr2line -e firmware.elf <pc> names the function', 'a stack overflow is a common cause: raise stackSize in a board file'],
        });
      }
      return line;
    }
  }

  private unexpected(line: DeviceLine, expected: string): EtbError {
    return new EtbError(PROTOCOL_ERROR_CODES.unexpected, `unexpected line from ${this.peer} (expected ${expected}): ${line.text}`);
  }
}

/** Host-side check that the inputs have the count and sizes the method declares. */
export function checkInputs(method: MethodInfo, inputs: readonly Uint8Array[]): void {
  const problems: string[] = [];
  if (inputs.length !== method.inputs.length) problems.push(`it takes ${method.inputs.length} input(s), got ${inputs.length}`);
  method.inputs.forEach((io, i) => {
    const given = inputs[i];
    if (given !== undefined && given.length !== io.nbytes) problems.push(`input ${i} must be ${io.nbytes} bytes, got ${given.length}`);
  });
  if (problems.length > 0) {
    throw new EtbError(PROTOCOL_ERROR_CODES.inputsMismatch, `inputs do not match method ${method.name}: ${problems.join('; ')}`, {
      hints: ['inputs are raw little-endian bytes, one file per input, in the method\'s input order'],
    });
  }
}
