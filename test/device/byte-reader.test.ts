import { describe, expect, test } from 'vitest';
import { ByteReader, ReadTimeoutError } from '../../src/device/transport/byte-reader.js';

describe('ByteReader', () => {
  test('assembles exactly n bytes across chunks and keeps the rest for the next read', async () => {
    const reader = new ByteReader();
    const read = reader.readExactly(5, 1000);
    reader.push(Uint8Array.of(1, 2));
    reader.push(Uint8Array.of(3, 4, 5, 6, 7));
    expect([...(await read)]).toEqual([1, 2, 3, 4, 5]);
    expect(reader.available).toBe(2);
    expect(await reader.readByte(1000)).toBe(6);
    expect([...(await reader.readSome(10, 1000))]).toEqual([7]);
  });

  test('times out with what arrived, and the bytes stay consumed', async () => {
    const reader = new ByteReader();
    reader.push(Uint8Array.of(9));
    const error = await reader.readExactly(3, 20).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect([...(error as ReadTimeoutError).received]).toEqual([9]);
    expect(reader.available).toBe(0);
  });

  test('discard drops stale bytes; fail rejects the waiting read and every later one', async () => {
    const reader = new ByteReader();
    reader.push(Uint8Array.of(1, 2, 3));
    expect(reader.discard()).toBe(3);
    const waiting = reader.readExactly(1, Infinity);
    const gone = new Error('gone');
    reader.fail(gone);
    await expect(waiting).rejects.toBe(gone);
    await expect(reader.readByte(10)).rejects.toBe(gone);
  });

  test('a second concurrent read is a programming error', () => {
    const reader = new ByteReader();
    void reader.readExactly(1, 50).catch(() => undefined);
    expect(() => reader.readExactly(1, 50)).toThrow(/already waiting/);
  });
});
