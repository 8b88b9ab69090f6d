import { describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import { signalSteps } from '../../src/device/reset-signals.js';

describe('DTR/RTS sequencing', () => {
  test('entering the bootloader: BOOT0 high while NRST pulses low (asserted line = low pin)', () => {
    expect(signalSteps({ boot0: 'rts', nrst: 'dtr' }, 'enter-bootloader')).toEqual([
      { signals: { rts: false, dtr: true }, waitMs: 50 },
      { signals: { dtr: false }, waitMs: 100 },
    ]);
  });

  test('running the application: BOOT0 low while NRST pulses; inversion per pin', () => {
    expect(signalSteps({ boot0: 'dtr', nrst: 'rts', invert: { boot0: true }, resetPulseMs: 20 }, 'run-application')).toEqual([
      { signals: { dtr: false, rts: true }, waitMs: 20 },
      { signals: { rts: false }, waitMs: 0 },
    ]);
  });

  test('both pins on one line is a configuration error', () => {
    expect(() => signalSteps({ boot0: 'dtr', nrst: 'dtr' }, 'enter-bootloader')).toThrow(EtbError);
  });
});
