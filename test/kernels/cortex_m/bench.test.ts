// Instruction counts of the keyword-spotting model on the cortex_m kernels, per operator (timer
// restarted around each kernel call; the total is their sum), for BENCHMARKS-cortex-m.md. A
// measurement, not a check of speed: it runs only when asked,
//   ETB_CM_BENCH=1 npx vitest run test/kernels/cortex_m/bench.test.ts
// and still requires bit-exact scores. QEMU with `-icount shift=0` executes one instruction per
// nanosecond of virtual time and the MPS2/MPS3 SysTick counts a 25 MHz clock, so one tick is 40
// instructions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/pte/read.js';
import { tensorNumel } from '../../../src/pte/model.js';
import { sharedAvailable } from '../../helpers/shared.js';
import { kwsCase } from './support/cases.js';
import { TestDriver } from './support/driver.js';
import { MACHINES, runOnQemu, type Machine } from './support/toolchain.js';

const INSTRUCTIONS_PER_TICK = 40;

/** Multiply-accumulates of each instruction (convolutions and linear layers), from the program. */
function macsPerInstruction(pte: Uint8Array): number[] {
  const model = readModelFile(pte);
  if (model.kind !== 'program') throw new Error('not a program');
  const method = model.program.methods[0];
  if (!method) throw new Error('no method');
  return method.chains.flatMap((chain) => chain.instructions.map((ins) => {
    if (ins.kind !== 'KernelCall') return 0;
    const op = method.operators[ins.opIndex]?.name ?? '';
    const tensor = (k: number) => {
      const v = method.values[ins.args[k] ?? -1];
      return v?.kind === 'Tensor' ? v : null;
    };
    const weight = tensor(1), out = ins.args.length > 2 ? tensor(ins.args.length - 2) : null;
    if (!weight || !out) return 0;
    if (op === 'cortex_m::quantized_conv2d') return tensorNumel(out) * tensorNumel(weight) / (weight.sizes[0] ?? 1);
    if (op === 'cortex_m::quantized_depthwise_conv2d') return tensorNumel(out) * (weight.sizes[1] ?? 1) * (weight.sizes[2] ?? 1);
    if (op === 'cortex_m::quantized_linear') return tensorNumel(out) * (weight.sizes[1] ?? 1);
    return 0;
  }));
}

describe.skipIf(!sharedAvailable || !process.env.ETB_CM_BENCH)('keyword spotting: instructions per inference', () => {
  // Both MPS2 machines (25 MHz SysTick clock); the MPS3 one counts another clock.
  const machines: readonly Machine[] = [MACHINES.m4, MACHINES.m3];
  it.each(machines)('$name', async (machine) => {
    const work = mkdtempSync(join(tmpdir(), 'etb-bench-'));
    try {
      const kws = kwsCase('arduino-kws', 'kws');
      const runs = kws.runs.filter((r) => r.name.endsWith('/mfcc_yes'));
      const driver = new TestDriver();
      driver.addProgram(kws.prefix, kws.pte, runs, { profile: true });
      const result = await runOnQemu(work, driver.source(), machine, { uses: driver.uses });
      expect(result.cases.get('arduino-kws/mfcc_yes')).toBe('ok');
      const macs = macsPerInstruction(kws.pte);
      let total = 0;
      const rows = result.ops.map((line) => {
        const [, , index = '0', op = '', ticks = '0'] = line.split(' ');
        const instructions = Number(ticks) * INSTRUCTIONS_PER_TICK;
        const mac = macs[Number(index)] ?? 0;
        total += instructions;
        return `| ${index} | ${op} | ${instructions} | ${mac || ''} | ${mac ? (instructions / mac).toFixed(2) : ''} |`;
      });
      const totalMacs = macs.reduce((a, b) => a + b, 0);
      console.log([`${machine.name}: ${total} instructions per inference, ${totalMacs} MACs, ${(total / totalMacs).toFixed(2)} per MAC`,
        '| # | operator | instructions | MACs | per MAC |', '|---|---|---|---|---|', ...rows].join('\n'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
