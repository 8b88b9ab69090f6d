// The monitor on a real pty pair: it passes bytes through, stops when aborted, and reports a
// hang-up as a disconnect instead of waiting forever.
import { describe, expect, test } from 'vitest';
import { EtbError } from '../../src/core/errors.js';
import { monitorSerial } from '../../src/device/monitor.js';
import { openPtyPair } from '../../src/device/sim/pty-pair.js';
import { openSerial } from '../../src/device/transport/serial.js';
import { toolsAvailable } from './support.js';

describe.skipIf(!toolsAvailable('socat'))('monitorSerial', { timeout: 30_000 }, () => {
  test('copies what the device prints and stops when aborted', async () => {
    const pty = await openPtyPair();
    const device = await openSerial({ path: pty.paths[0], baudRate: 115200 });
    try {
      const controller = new AbortController();
      let received = '';
      let gotAll: () => void = () => undefined;
      const allThere = new Promise<void>((resolve) => { gotAll = resolve; });
      let opened: () => void = () => undefined;
      const isOpen = new Promise<void>((resolve) => { opened = resolve; });
      const monitor = monitorSerial({
        port: pty.paths[1], baud: 115200, signal: controller.signal, onOpen: opened,
        onData: (bytes) => {
          received += Buffer.from(bytes).toString('latin1');
          if (received.includes('done status=0\n')) gotAll();
        },
      });
      // Bytes written before the monitor has the port open would be lost on a pty.
      await isOpen;
      await device.write(Buffer.from('ETB v1 hello\nETB v1 done status=0\n'));
      await allThere;
      controller.abort();
      await expect(monitor).resolves.toBeUndefined();
      expect(received).toBe('ETB v1 hello\nETB v1 done status=0\n');
    } finally {
      await device.close();
      await pty.close();
    }
  });

  test('a hang-up is reported as ETB4007', async () => {
    const pty = await openPtyPair();
    let opened: () => void = () => undefined;
    const isOpen = new Promise<void>((resolve) => { opened = resolve; });
    const monitor = monitorSerial({ port: pty.paths[1], baud: 115200, signal: new AbortController().signal, onOpen: opened, onData: () => undefined });
    await isOpen;
    await pty.close();
    const error = await monitor.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EtbError);
    expect((error as EtbError).code).toBe('ETB4007');
  });
});
