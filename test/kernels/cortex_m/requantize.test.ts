// The requantization every cortex_m kernel shares (etb_cortex_m.h) against CMSIS-NN's definition,
// written here independently in its original two-step form (doubling high multiply, then a
// rounding divide by a power of two with a remainder/threshold test), over edge values and a
// million pseudo-random ones. On the host (the plain C form) and on a Cortex-M4 under QEMU, where
// the DSP path uses its assembly forms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MACHINES, runOnHost, runOnQemu, started } from './support/toolchain.js';

const SOURCE = String.raw`
#include <stdint.h>
#include "platform.h"
#include "etb_cortex_m.h"

/* CMSIS-NN's definition, step by step. */
static int32_t reference_high(int32_t a, int32_t b) {
  const int64_t product = (int64_t)a * (int64_t)b + ((int64_t)1 << 30);
  return (int32_t)(product >> 31);
}

static int32_t reference_divide(int32_t dividend, int32_t exponent) {
  const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
  const int32_t remainder = mask & dividend;
  int32_t result = dividend >> exponent;
  int32_t threshold = mask >> 1;
  if (result < 0) threshold++;
  if (remainder > threshold) result++;
  return result;
}

static int32_t reference(int32_t value, int32_t multiplier, int32_t shift) {
  const int32_t left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
  return reference_divide(reference_high((int32_t)((uint32_t)value << left), multiplier), right);
}

static uint32_t state = 12345;
static uint32_t next(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

static int failures;
static void check(int32_t value, int32_t multiplier, int32_t shift) {
  const int32_t want = reference(value, multiplier, shift);
  if (etb_cm_requantize(value, multiplier, shift) != want) failures++;
  /* The output offset is added in 32 bits, wrapping as CMSIS-NN's addition does. */
  const int32_t plus3 = (int32_t)((uint32_t)want + 3u);
  if (etb_cm_requantize_s8(value, multiplier, shift, 3, -128, 127) != (int8_t)(plus3 < -128 ? -128 : plus3 > 127 ? 127 : plus3)) failures++;
#if ETB_CM_DSP
  const int32_t minus5 = (int32_t)((uint32_t)want - 5u);
  if (shift < 0 && etb_cm_requantize_right_s8(value, multiplier, -shift, -5) != (int8_t)(minus5 < -128 ? -128 : minus5 > 127 ? 127 : minus5)) failures++;
#endif
}

int main(void) {
  static const int32_t values[] = {0, 1, -1, 2, -2, 3, -3, 255, -256, 1 << 20, -(1 << 20), 123456789, -123456789,
                                   INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1};
  static const int32_t multipliers[] = {1, 2, 1 << 30, (1 << 30) + 1, INT32_MAX, INT32_MAX - 1, 1500406475,
                                        1073741824, -1, -(1 << 30), INT32_MIN + 1};
  for (int32_t shift = -31; shift <= 30; shift++) {
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
      for (unsigned j = 0; j < sizeof multipliers / sizeof multipliers[0]; j++) check(values[i], multipliers[j], shift);
    }
  }
  for (int32_t n = 0; n < 1000000; n++) {
    const int32_t value = (int32_t)next() >> (next() % 32);
    int32_t multiplier = (int32_t)next();
    if (multiplier == INT32_MIN) multiplier++;
    check(value, multiplier, (int32_t)(next() % 62) - 31);
  }
  etb_test_print(failures == 0 ? "REQUANTIZE ok\n" : "REQUANTIZE FAIL\n");
  return failures != 0;
}
`;

describe('requantization', () => {
  const work = mkdtempSync(join(tmpdir(), 'etb-requantize-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const host = started(runOnHost(work, SOURCE, { uses: [], kernels: false }));
  const m4 = started(runOnQemu(work, SOURCE, MACHINES.m4, { uses: [], kernels: false }));

  it('matches the CMSIS-NN definition on the host (plain C)', async () => {
    const result = await host;
    expect(result.output).toContain('REQUANTIZE ok');
    expect(result.exitCode).toBe(0);
  });

  it('matches the CMSIS-NN definition on a Cortex-M4 (assembly forms)', async () => {
    const result = await m4;
    expect(result.output).toContain('REQUANTIZE ok');
    expect(result.exitCode).toBe(0);
  });
});
