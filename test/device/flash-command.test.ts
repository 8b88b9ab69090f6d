// `etbuild flash` as a user types it: a real stm32f4 build goes into the bootloader simulator
// (which was itself checked against stm32flash) and is verified by reading it back.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Stm32BootloaderSim } from '../../src/device/sim/stm32-bootloader-sim.js';
import { build } from '../../src/pipeline.js';
import { buildPte, call, f32, floats, int } from '../fixtures/pte-builder.js';
import { runCli } from '../unit/cli/helpers.js';
import { writeFileSync } from 'node:fs';

const work = mkdtempSync(join(tmpdir(), 'etb-flash-cmd-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('etbuild flash', () => {
  test('writes the last build through the STM32 bootloader and verifies it', async () => {
    const model = join(work, 'add.pte');
    writeFileSync(model, buildPte({
      methods: [{
        name: 'forward',
        values: [f32([3], { planned: { offset: 0 } }), f32([], { constant: floats([1]) }), int(1), f32([3], { planned: { offset: 16 } })],
        inputs: [0], outputs: [3],
        instructions: [call('aten::add.out', [0, 1, 2, 3, 3])],
      }],
    }));
    const outDir = join(work, 'build', 'add-stm32f4');
    await build({ modelPath: model, board: 'stm32f4', outDir });
    const image = readFileSync(join(outDir, 'firmware.bin'));
    const sim = await Stm32BootloaderSim.start({ initialFlash: 'random' });
    try {
      const { stderr } = await runCli(['flash', '-d', outDir, '-p', sim.hostPath]);
      expect(stderr).toMatch(/verified by etbuild/);
      expect(Buffer.from(sim.flash.subarray(0, image.length)).equals(image)).toBe(true);
      expect(sim.eraseLog).not.toContain('mass');
    } finally {
      await sim.close();
    }
  });
});
