// The cortex_m lowering inside the real generator (analysis, code generation, host runner) on the
// older export of the keyword-spotting model, arduino-kws-v0.pte, which passes 10 arguments to
// quantized_avg_pool2d where arduino-kws.pte passes 11 (ceil_mode was added in between): the
// build takes the 10-argument manifest entry and the scores match the real runtime's for
// arduino-kws.pte (the same model; the real runtime itself rejects v0). arduino-kws.pte runs in
// test/host/golden.test.ts.
import { describe, expect, it } from 'vitest';
import { runHostCase } from '../../helpers/host-case.js';
import { sharedAvailable, sharedPath } from '../../helpers/shared.js';

describe.skipIf(!sharedAvailable)('cortex_m programs through the generator (host, ASan/UBSan)', () => {
  it('arduino-kws-v0.pte (10-argument quantized_avg_pool2d) gives the real runtime\'s scores', async () => {
    const problems = await runHostCase({
      model: sharedPath('pte-corpus', 'arduino-kws-v0.pte'),
      method: 'forward',
      inputsDir: sharedPath('golden', 'arduino-kws', 'inputs'),
      expectedDir: sharedPath('golden', 'arduino-kws', 'outputs'),
      outputs: [{ dtype: 'float32' }],
      tolerance: null,
    });
    expect(problems).toEqual([]);
  });
});
