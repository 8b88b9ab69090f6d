import { describe, expect, test } from 'vitest';
import { createFlashProgressWriter, INITIAL_PROGRESS_STATE, renderFlashEvent, type ProgressState } from '../../src/device/progress.js';
import type { FlashEvent } from '../../src/device/stm32-bootloader.js';

const events: FlashEvent[] = [
  { kind: 'connected', port: '/dev/ttyUSB0', chipId: 0x413, chipName: 'STM32F40x/41x', bootloaderVersion: 0x31 },
  { kind: 'progress', phase: 'erase', done: 0, total: 32768 },
  { kind: 'progress', phase: 'erase', done: 16384, total: 32768 },
  { kind: 'progress', phase: 'erase', done: 32768, total: 32768 },
  { kind: 'progress', phase: 'write', done: 0, total: 512 },
  { kind: 'progress', phase: 'write', done: 256, total: 512 },
  { kind: 'retry', operation: 'WRITE MEMORY at 0x08000100', attempt: 1, reason: 'NACK after the command' },
  { kind: 'progress', phase: 'write', done: 512, total: 512 },
  { kind: 'progress', phase: 'verify', done: 0, total: 512 },
  { kind: 'progress', phase: 'verify', done: 512, total: 512 },
];

function render(tty: boolean, width = 80): string {
  let state: ProgressState = INITIAL_PROGRESS_STATE;
  let out = '';
  for (const event of events) {
    const rendered = renderFlashEvent(state, event, { tty, width });
    state = rendered.state;
    out += rendered.output;
  }
  return out;
}

describe('flash progress', () => {
  test('plain output: one line per phase, no control characters', () => {
    expect(render(false)).toBe([
      '   Connected STM32F40x/41x (0x413), bootloader v3.1 on /dev/ttyUSB0',
      '     Erasing 32.0 KiB',
      '     Writing 512 B',
      'warning: retrying WRITE MEMORY at 0x08000100 (NACK after the command)',
      '   Verifying 512 B',
      '',
    ].join('\n'));
  });

  test('terminal output: each phase ends as one full bar on its own line; a warning never lands inside a bar', () => {
    const out = render(true, 80);
    const finalLines = out.split('\n').map((line) => line.split('\r\x1b[2K').at(-1));
    expect(finalLines).toEqual([
      '   Connected STM32F40x/41x (0x413), bootloader v3.1 on /dev/ttyUSB0',
      `     Erasing [${'='.repeat(40)}] 100% 32.0 KiB/32.0 KiB`,
      `     Writing [${'='.repeat(19)}>${' '.repeat(20)}]  50% 256 B/512 B`,
      'warning: retrying WRITE MEMORY at 0x08000100 (NACK after the command)',
      `     Writing [${'='.repeat(40)}] 100% 512 B/512 B`,
      `   Verifying [${'='.repeat(40)}] 100% 512 B/512 B`,
      '',
    ]);
    expect(out.split('\n').every((line) => line.split('\r\x1b[2K').at(-1)!.length < 80)).toBe(true);
  });

  test('a narrow terminal gets a shorter bar that still fits', () => {
    const lines = render(true, 50).split('\n').map((line) => line.split('\r\x1b[2K').at(-1)!);
    expect(lines.filter((line) => line.includes('[')).every((line) => line.length < 50)).toBe(true);
  });

  test('the writer picks the mode from the stream', () => {
    const written: string[] = [];
    const write = createFlashProgressWriter({ write: (text: string) => written.push(text), isTTY: false });
    for (const event of events) write(event);
    expect(written.join('')).toBe(render(false));
  });
});
