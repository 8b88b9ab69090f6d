// A byte queue between a port's 'data' events and a protocol that wants "exactly n bytes, or
// tell me it timed out". Only one read may wait at a time: protocols on a serial line are
// strictly request/response, and a second reader would only hide a bug.

/** The expected bytes did not all arrive in time. Protocols catch it to retry or resynchronise. */
export class ReadTimeoutError extends Error {
  constructor(readonly expected: number, readonly received: Uint8Array, readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms waiting for ${expected} byte(s) (got ${received.length})`);
    this.name = 'ReadTimeoutError';
  }
}

/** The reader was ended on purpose (the port was closed by its owner). */
export class ReaderClosedError extends Error {
  constructor() {
    super('the port was closed');
    this.name = 'ReaderClosedError';
  }
}

interface PendingRead {
  readonly count: number;
  /** true: resolve with whatever is there once at least one byte arrived (up to count). */
  readonly atLeastOne: boolean;
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout | undefined;
}

export class ByteReader {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private pending: PendingRead | undefined;
  private failure: unknown;

  /** Bytes received and not read yet. */
  get available(): number {
    return this.buffered;
  }

  push(chunk: Uint8Array): void {
    if (this.failure !== undefined || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.settle();
  }

  /** Ends the reader: the waiting read and every later one reject with `error`. */
  fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }

  /** Drops every byte received so far (stale answers after a timeout). Returns how many. */
  discard(): number {
    const dropped = this.buffered;
    this.chunks = [];
    this.buffered = 0;
    return dropped;
  }

  /** Resolves with exactly `count` bytes; rejects with ReadTimeoutError after `timeoutMs` (Infinity: wait forever). */
  readExactly(count: number, timeoutMs: number): Promise<Uint8Array> {
    return this.startRead(count, false, timeoutMs);
  }

  async readByte(timeoutMs: number): Promise<number> {
    const bytes = await this.readExactly(1, timeoutMs);
    return bytes[0]!;
  }

  /** Resolves with between 1 and `maxCount` bytes, as soon as any are there. */
  readSome(maxCount: number, timeoutMs: number): Promise<Uint8Array> {
    return this.startRead(maxCount, true, timeoutMs);
  }

  private startRead(count: number, atLeastOne: boolean, timeoutMs: number): Promise<Uint8Array> {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`cannot read ${count} bytes`);
    if (this.pending !== undefined) throw new Error('ByteReader: a read is already waiting');
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
          this.pending = undefined;
          reject(new ReadTimeoutError(count, this.take(Math.min(this.buffered, count)), timeoutMs));
        }, timeoutMs)
        : undefined;
      this.pending = { count, atLeastOne, resolve, reject, timer };
      this.settle();
    });
  }

  private settle(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    const ready = pending.atLeastOne ? this.buffered > 0 : this.buffered >= pending.count;
    if (!ready) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(this.take(Math.min(pending.count, this.buffered)));
  }

  private take(count: number): Uint8Array {
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const head = this.chunks[0]!;
      const used = Math.min(head.length, count - filled);
      out.set(head.subarray(0, used), filled);
      filled += used;
      if (used === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(used);
    }
    this.buffered -= count;
    return out;
  }
}
