// Shared by the firmware tests: temporary folders, the fake model, and expected values computed
// independently of the firmware (in JavaScript, with float32 rounding).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EtbError } from '../../src/core/errors.js';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures/firmware');
export const FAKE_MODEL = join(FIXTURES, 'fake_model.c');
export const FAKE_MODEL_INFO = { file: 'fake.pte', sha256: '0'.repeat(63) + '1' };

const created: string[] = [];

/** A new temporary folder, removed by removeTempDirs (each test file calls it in afterAll). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `etb-${prefix}-`));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function bytesOf(view: Float32Array | BigInt64Array | Uint32Array): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export function floatsOf(bytes: Uint8Array): Float32Array {
  return new Float32Array(bytes.slice().buffer);
}

/** Inputs of the fake model's `stream` method and the outputs it must give. */
export function streamCase(): { inputs: Uint8Array[]; values: Float32Array; expected: Float32Array; negatives: bigint } {
  const count = 4000;
  const values = new Float32Array(count).map((_, i) => Math.fround(Math.sin(i) * 1000));
  const offset = 7n;
  const expected = new Float32Array(count).map((_, i) => Math.fround(values[count - 1 - i]! + Number(offset)));
  const negatives = BigInt(values.filter((v) => v < 0).length);
  return { inputs: [bytesOf(values), bytesOf(new BigInt64Array([offset]))], values, expected, negatives };
}

export async function rejection(promise: Promise<unknown>): Promise<EtbError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EtbError) return error;
    throw error;
  }
  throw new Error('expected an EtbError');
}
