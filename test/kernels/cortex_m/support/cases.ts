// The cortex_m cases of the shared op-conformance suite and the KWS golden runs, as programs and
// runs for the test driver.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../../../helpers/shared.js';
import type { ProgramRun } from './driver.js';

export interface ProgramCase {
  /** C identifier prefix. */
  readonly prefix: string;
  readonly pte: Uint8Array;
  readonly runs: readonly ProgramRun[];
}

function readBins(dir: string): Uint8Array[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^\d+\.bin$/.test(f))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((f) => new Uint8Array(readFileSync(join(dir, f))));
}

function identifier(name: string, index: number): string {
  return `p${index}_${name.replace(/[^A-Za-z0-9]+/g, '_')}`;
}

/** Every cortex_m case of op-conformance/index.json, one program each. */
export function conformanceCases(): ProgramCase[] {
  const index = JSON.parse(readFileSync(sharedPath('op-conformance', 'index.json'), 'utf8')) as { cases: { folder: string }[] };
  const names = index.cases.map((c) => c.folder).filter((c) => c.startsWith('cortex_m.'));
  return names.map((name, i) => {
    const dir = sharedPath('op-conformance', name);
    return {
      prefix: identifier(name, i),
      pte: new Uint8Array(readFileSync(join(dir, 'model.pte'))),
      runs: [{ name, inputs: readBins(join(dir, 'inputs')), expected: readBins(join(dir, 'outputs')) }],
    };
  });
}

/** One program (arduino-kws.pte or arduino-kws-v0.pte) with the ten golden MFCC runs of
 * arduino-kws.pte. The real runtime cannot run v0 (it rejects the 10-argument avg_pool2d call),
 * but it holds the same model, so the same scores are expected. */
export function kwsCase(model: 'arduino-kws' | 'arduino-kws-v0', prefix: string): ProgramCase {
  const golden = readdirSync(sharedPath('golden')).filter((d) => d === 'arduino-kws' || d.startsWith('arduino-kws@mfcc_')).sort();
  return {
    prefix,
    pte: new Uint8Array(readFileSync(sharedPath('pte-corpus', `${model}.pte`))),
    runs: golden.map((d) => {
      const inputSet = (JSON.parse(readFileSync(sharedPath('golden', d, 'case.json'), 'utf8')) as { input_set: string }).input_set;
      return {
        name: `${model}/${inputSet}`,
        inputs: readBins(sharedPath('golden', d, 'inputs')),
        expected: readBins(sharedPath('golden', d, 'outputs')),
      };
    }),
  };
}
