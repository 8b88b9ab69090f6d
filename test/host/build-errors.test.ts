// What etbuild cannot build fails at build time with a named error that says where, and leaves
// no output folder behind.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import { build } from '../../src/pipeline.js';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';

const work = mkdtempSync(join(tmpdir(), 'etb-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function buildError(model: string, data?: string): Promise<{ error: EtbError; outDir: string }> {
  const outDir = join(work, model.replace(/\W/g, '_'));
  try {
    await build({ modelPath: sharedPath('pte-corpus', model), board: 'host', outDir, ...(data ? { dataPath: sharedPath('pte-corpus', data) } : {}) });
  } catch (error) {
    if (error instanceof EtbError) return { error, outDir };
    throw error;
  }
  throw new Error(`${model} built, but it should not`);
}

describe.skipIf(!sharedAvailable)('build-time errors', () => {
  test('a delegate names its id and says what to do', async () => {
    const { error, outDir } = await buildError('npr-xnnpack-add.pte');
    expect(error.code).toBe('ETB2104');
    expect(error.message).toContain('XnnpackBackend');
    expect(error.hints.join(' ')).toMatch(/export without that partitioner/);
    expect(error.location?.method).toBe('forward');
    expect(existsSync(outDir)).toBe(false);
  });

  test('an operator without a kernel names the operator, overload, dtype and instruction', async () => {
    const { error, outDir } = await buildError('npr-lstm-custom-op.pte');
    expect(error.code).toBe('ETB2101');
    expect(error.message).toMatch(/etnp::lstm\.out \(FLOAT/);
    expect(error.location?.instruction).toBeTypeOf('number');
    expect(existsSync(outDir)).toBe(false);
  });

  test('external tensors without their .ptd are named, with the --data hint', async () => {
    const { error } = await buildError('etrs-data-map.pte');
    expect(error.code).toBe('ETB2106');
    expect(error.message).toMatch(/\b(a|b)\b/);
    expect(error.hints.join(' ')).toContain('--data');
  });
});
