// The cortex_m kernels against the real runtime, bit for bit: every cortex_m case of the
// op-conformance suite, and the keyword-spotting DS-CNN (arduino-kws.pte, and its older export
// arduino-kws-v0.pte with the 10-argument quantized_avg_pool2d) on the ten real MFCC inputs. The
// programs go through the cortex_m lowering into one self-checking driver per target:
//   host   the plain C path, with AddressSanitizer and UndefinedBehaviorSanitizer
//   m4     Cortex-M4 under QEMU: the DSP path
//   m3     Cortex-M3 under QEMU: the plain path on a core without the DSP extension
//   m7, m33, m55   Cortex-M7, M33 (Armv8-M) and M55 (Armv8.1-M) under QEMU: the DSP path
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedAvailable } from '../../helpers/shared.js';
import { conformanceCases, kwsCase, type ProgramCase } from './support/cases.js';
import { TestDriver } from './support/driver.js';
import { MACHINES, runOnHost, runOnQemu, started, type DriverResult } from './support/toolchain.js';

const conformance: ProgramCase[] = sharedAvailable ? conformanceCases() : [];
const kws: ProgramCase[] = sharedAvailable ? [kwsCase('arduino-kws', 'kws'), kwsCase('arduino-kws-v0', 'kws_v0')] : [];
const runNames = (programs: readonly ProgramCase[]): string[] => programs.flatMap((p) => p.runs.map((r) => r.name));
const TARGETS = ['host', 'm4', 'm3', 'm7', 'm33', 'm55'] as const;
type Target = (typeof TARGETS)[number];

describe.skipIf(!sharedAvailable)('cortex_m kernels', () => {
  let work = '';
  const results = new Map<Target, Promise<DriverResult>>();

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'etb-cortex-m-'));
    const driver = new TestDriver();
    for (const p of [...conformance, ...kws]) driver.addProgram(p.prefix, p.pte, p.runs);
    const source = driver.source();
    const options = { uses: driver.uses };
    results.set('host', started(runOnHost(work, source, options)));
    results.set('m4', started(runOnQemu(work, source, MACHINES.m4, options)));
    results.set('m3', started(runOnQemu(work, source, MACHINES.m3, options)));
    results.set('m7', started(runOnQemu(work, source, MACHINES.m7, options)));
    results.set('m33', started(runOnQemu(work, source, MACHINES.m33, options)));
    results.set('m55', started(runOnQemu(work, source, MACHINES.m55, options)));
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('finds the cases: the cortex_m op-conformance suite, ten KWS inputs for each export', () => {
    expect(runNames(conformance).length).toBeGreaterThan(0);
    expect(runNames(kws).length).toBe(20);
  });

  for (const target of TARGETS) {
    describe(target, () => {
      it('runs every case to the end', async () => {
        const result = await results.get(target);
        expect(result?.output, result?.output.slice(-2000)).toMatch(/^DONE \d+$/m);
      });
      it.each(runNames(conformance))('%s', async (name) => {
        expect((await results.get(target))?.cases.get(name)).toBe('ok');
      });
      it.each(runNames(kws))('%s', async (name) => {
        expect((await results.get(target))?.cases.get(name)).toBe('ok');
      });
    });
  }
});
