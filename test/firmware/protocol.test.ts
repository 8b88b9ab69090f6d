// The host side of the line protocol on its own: noise, split reads, version mismatches, and how
// refusals and crashes become errors. (The device side is exercised for real by the QEMU and
// host-runner tests.)
import { describe, expect, test } from 'vitest';
import { DeviceSession, encode, LineReader, parseLine, type LineTransport } from '../../src/device/protocol.js';
import { EtbError } from '../../src/core/errors.js';
import { rejection } from './helpers.js';

type Answer = string[] | ((command: string) => string[]);

/** A transport whose device answers each command (by its first letter) with scripted lines. */
function scripted(hello: string[], answers: Record<string, Answer>): { transport: LineTransport; sent: string[] } {
  const reader = new LineReader();
  const sent: string[] = [];
  reader.push(hello.map((l) => `${l}\n`).join(''));
  return {
    sent,
    transport: {
      write: async (text) => {
        sent.push(text);
        const answer = answers[text.charAt(0)] ?? [];
        const reply = typeof answer === 'function' ? answer(text) : answer;
        reader.push(reply.map((l) => `${l}\r\n`).join(''));
      },
      readLine: (ms) => reader.readLine(ms),
    },
  };
}

const HELLO = [
  'booting... some vendor banner',
  'ETB v1 hello board=b model=m sha256=ab mode=run methods=1',
  'ETB v1 method m=0 name=forward inputs=1 outputs=1 instructions=4',
  'ETB v1 input m=0 i=0 kind=0 dtype=6 nbytes=5',
  'ETB v1 output m=0 i=0 kind=0 dtype=1 nbytes=3',
  'ETB v1 ready',
];

describe('line protocol', () => {
  test('parses fields, ignores noise, refuses another version', () => {
    expect(parseLine('ETB v1 done status=0 instruction=3\r')).toEqual({ verb: 'done', fields: { status: '0', instruction: '3' }, text: 'ETB v1 done status=0 instruction=3' });
    expect(parseLine('[qemu] warning: something')).toBeUndefined();
    expect(parseLine('garbage before ETB v1 ready')?.verb).toBe('ready');
    expect(() => parseLine('ETB v2 hello board=x')).toThrow(EtbError);
    expect(encode.data(new Uint8Array([0, 255, 16]))).toBe('d 00ff10\n');
  });

  test('lines split across reads are joined; a closed stream ends pending reads', async () => {
    const reader = new LineReader();
    const first = reader.readLine(1000);
    reader.push(new TextEncoder().encode('ETB v1 re'));
    reader.push('ady\nnext');
    expect(await first).toBe('ETB v1 ready');
    reader.close('gone');
    expect(await reader.readLine(1000)).toBe('next');
    await expect(reader.readLine(1000)).rejects.toThrow('gone');
  });

  test('a session streams inputs in acknowledged chunks and collects hex outputs', async () => {
    let received = 0;
    const { transport, sent } = scripted(HELLO, {
      m: ['ETB v1 ack cmd=m m=0'],
      i: ['ETB v1 ack cmd=i i=0 nbytes=5'],
      d: (command) => {
        received += (command.length - 3) / 2;
        return [`ETB v1 ack cmd=d n=${received}`];
      },
      r: ['ETB v1 out i=0 kind=0 dtype=1 nbytes=3', 'noise', 'ETB v1 hex i=0 off=0 data=0102', 'ETB v1 hex i=0 off=2 data=ff', 'ETB v1 done status=0'],
    });
    const lines: string[] = [];
    const session = new DeviceSession(transport, { chunkBytes: 2, onLine: (line) => lines.push(line) });
    const device = await session.hello();
    expect(device).toMatchObject({ board: 'b', model: 'm', mode: 'run', timer: null });
    expect(device.methods[0]).toEqual({ index: 0, name: 'forward', instructions: 4, inputs: [{ kind: 0, dtype: 6, nbytes: 5 }], outputs: [{ kind: 0, dtype: 1, nbytes: 3 }] });
    expect(lines[0]).toBe('booting... some vendor banner');

    await session.sendInputs('forward', [new Uint8Array([1, 2, 3, 4, 5])]);
    expect(sent).toEqual(['m 0\n', 'i 0 5\n', 'd 0102\n', 'd 0304\n', 'd 05\n']);
    expect(await session.run()).toEqual({ status: 0, failedInstruction: null, outputs: [new Uint8Array([1, 2, 255])] });
  });
});

describe('device answers that are errors', () => {
  test('an error line is a refusal, a fault line a crash, silence a timeout', async () => {
    const refused = scripted(HELLO, { m: ['ETB v1 error what=no-such-method m=0'] });
    let session = new DeviceSession(refused.transport);
    await session.hello();
    const refusal = await rejection(session.sendInputs(0, [new Uint8Array(5)]));
    expect(refusal.code).toBe('ETB4102');
    expect(refusal.message).toContain('no-such-method (m=0)');

    const crashed = scripted(HELLO, {
      m: ['ETB v1 ack cmd=m m=0'],
      i: ['ETB v1 ack cmd=i i=0 nbytes=5'],
      d: ['ETB v1 ack cmd=d n=5'],
      r: ['ETB v1 fault pc=0x08000120 lr=0x080000f1 xpsr=0x01000003'],
    });
    session = new DeviceSession(crashed.transport);
    await session.hello();
    await session.sendInputs('forward', [new Uint8Array([1, 2, 3, 4, 5])]);
    expect(crashed.sent).toEqual(['m 0\n', 'i 0 5\n', 'd 0102030405\n']);
    const crash = await rejection(session.run());
    expect(crash.code).toBe('ETB4103');
    expect(crash.message).toContain('pc=0x08000120');

    const silent = scripted(HELLO, {});
    session = new DeviceSession(silent.transport, { runTimeoutMs: 50, peer: 'the board on /dev/ttyX' });
    await session.hello();
    const timeout = await rejection(session.run());
    expect(timeout.code).toBe('ETB4101');
    expect(timeout.message).toBe('no answer from the board on /dev/ttyX within 0.05 s (waiting for the run to finish)');
  });
});
