// linesOverBytes: a byte port (a serial port, QEMU's pty) as the line transport of the protocol
// session, including the tail a pty loses when its emulator exits.
import { describe, expect, test } from 'vitest';
import { LineClosedError, linesOverBytes, type ByteStream } from '../../src/device/protocol.js';

/** A port that delivers the given chunks, then fails as a vanished pty does. */
function port(chunks: string[], written: string[] = []): ByteStream {
  const queue = chunks.map((c) => new TextEncoder().encode(c));
  return {
    write: async (bytes) => { written.push(new TextDecoder().decode(bytes)); },
    readSome: async () => {
      const next = queue.shift();
      if (next === undefined) throw new Error('the device on /dev/pts/9 was disconnected');
      return next;
    },
  };
}

describe('linesOverBytes', () => {
  test('splits chunks into lines and writes commands as bytes', async () => {
    const written: string[] = [];
    const lines = linesOverBytes(port(['ETB v1 he', 'llo\nETB v1 ready\nnoi', 'se\n'], written));
    expect(await lines.readLine(1000)).toBe('ETB v1 hello');
    expect(await lines.readLine(1000)).toBe('ETB v1 ready');
    expect(await lines.readLine(1000)).toBe('noise');
    await lines.write('b 2 10\n');
    expect(written).toEqual(['b 2 10\n']);
  });

  test('when the port ends, the missed tail is delivered from the byte after the last one received', async () => {
    const log = 'ETB v1 iter i=0 cycles=5\nETB v1 done status=0\n';
    let receivedWhenClosed = -1;
    const lines = linesOverBytes(port(['ETB v1 iter i=0 cy']), {
      missedTail: (received) => {
        receivedWhenClosed = received;
        return new TextEncoder().encode(log).subarray(received);
      },
    });
    expect(await lines.readLine(1000)).toBe('ETB v1 iter i=0 cycles=5');
    expect(await lines.readLine(1000)).toBe('ETB v1 done status=0');
    expect(receivedWhenClosed).toBe(18);
    await expect(lines.readLine(1000)).rejects.toThrow(LineClosedError);
  });

  test('without a tail, reads after the end reject with why the port ended', async () => {
    const lines = linesOverBytes(port(['partial line']));
    expect(await lines.readLine(1000)).toBe('partial line');
    await expect(lines.readLine(1000)).rejects.toThrow('the device on /dev/pts/9 was disconnected');
  });
});
