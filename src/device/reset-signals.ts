// DTR/RTS wiring to a board's BOOT0 and NRST pins, as a board declares it, turned into timed steps.
// USB-serial adapters drive DTR#/RTS# low when the line is asserted, so by default "pin high" means
// "line released"; `invert` flips that for adapters or boards with an inverting transistor.
import { runnerConfigError } from './errors.js';
import type { ControlSignals, Transport } from './transport/serial.js';

export type ControlLine = 'dtr' | 'rts';

export interface SignalWiring {
  readonly boot0: ControlLine;
  readonly nrst: ControlLine;
  readonly invert?: { readonly boot0?: boolean; readonly nrst?: boolean };
  /** How long NRST is held low (default 50 ms). */
  readonly resetPulseMs?: number;
  /** How long to wait after releasing NRST before talking to the bootloader (default 100 ms). */
  readonly bootDelayMs?: number;
}

export interface SignalStep {
  readonly signals: ControlSignals;
  readonly waitMs: number;
}

export type SignalSequence = 'enter-bootloader' | 'run-application';

export function signalSteps(wiring: SignalWiring, sequence: SignalSequence): SignalStep[] {
  if (wiring.boot0 === wiring.nrst) {
    throw runnerConfigError(`BOOT0 and NRST are both wired to ${wiring.boot0.toUpperCase()}`, [
      'wire BOOT0 and NRST to different lines, for example {"boot0": "rts", "nrst": "dtr"}',
    ]);
  }
  const level = (pin: 'boot0' | 'nrst', high: boolean): ControlSignals => {
    const asserted = (wiring.invert?.[pin] ?? false) ? high : !high;
    return { [wiring[pin]]: asserted };
  };
  const boot0High = sequence === 'enter-bootloader';
  return [
    { signals: { ...level('boot0', boot0High), ...level('nrst', false) }, waitMs: wiring.resetPulseMs ?? 50 },
    { signals: level('nrst', true), waitMs: sequence === 'enter-bootloader' ? wiring.bootDelayMs ?? 100 : 0 },
  ];
}

/** Plays a sequence; resolves false (having changed nothing) when the port has no DTR/RTS, as on a pty. */
export async function applySignals(transport: Transport, wiring: SignalWiring, sequence: SignalSequence): Promise<boolean> {
  for (const step of signalSteps(wiring, sequence)) {
    if (!(await transport.setSignals(step.signals))) return false;
    if (step.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, step.waitMs));
  }
  return true;
}
