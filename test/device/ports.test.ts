// listSerialPorts on a fake sysfs tree laid out as Linux 6.x lays it out (class links into
// /sys/devices, bus links for subsystems), plus the real /sys of this machine as a smoke check.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { boardsForPort, listSerialPorts } from '../../src/device/ports.js';

let sys = '';

async function link(from: string, to: string): Promise<void> {
  await mkdir(dirname(join(sys, from)), { recursive: true });
  await symlink(relative(dirname(join(sys, from)), join(sys, to)), join(sys, from));
}

async function attributes(dir: string, values: Record<string, string>): Promise<void> {
  await mkdir(join(sys, dir), { recursive: true });
  for (const [name, value] of Object.entries(values)) await writeFile(join(sys, dir, name), `${value}\n`);
}

/** A tty under `deviceDir` (a device on `bus`), registered in /sys/class/tty. */
async function tty(name: string, deviceDir: string, bus: string, ttyAttributes: Record<string, string> = {}): Promise<void> {
  const ttyDir = join(deviceDir, 'tty', name);
  await attributes(ttyDir, ttyAttributes);
  await link(join(ttyDir, 'device'), deviceDir);
  await link(join(deviceDir, 'subsystem'), join('bus', bus));
  await link(join('class', 'tty', name), ttyDir);
}

beforeAll(async () => {
  sys = await mkdtemp(join(tmpdir(), 'etb-sysfs-'));
  for (const bus of ['usb', 'usb-serial', 'pnp', 'platform', 'serial-base']) await mkdir(join(sys, 'bus', bus), { recursive: true });

  // An ST-LINK/V2-1 virtual COM port: cdc_acm binds to USB interface 1-2:1.2.
  const stlink = 'devices/pci0000:00/0000:00:14.0/usb1/1-2';
  await attributes(stlink, { idVendor: '0483', idProduct: '374b', manufacturer: 'STMicroelectronics', product: 'STM32 STLink', serial: '066DFF485550' });
  await tty('ttyACM0', `${stlink}/1-2:1.2`, 'usb');

  // An FTDI adapter: the usb-serial port ttyUSB0 sits below interface 1-3:1.0.
  const ftdi = 'devices/pci0000:00/0000:00:14.0/usb1/1-3';
  await attributes(ftdi, { idVendor: '0403', idProduct: '6001', product: 'FT232R USB UART' });
  await tty('ttyUSB0', `${ftdi}/1-3:1.0/ttyUSB0`, 'usb-serial');

  // A 16550 UART on the PNP bus, through Linux 6.x serial-base port devices.
  await tty('ttyS0', 'devices/pnp0/00:00/00:00:0/00:00:0.0', 'serial-base', { type: '4' });
  await link('devices/pnp0/00:00/00:00:0/subsystem', 'bus/serial-base');
  await link('devices/pnp0/00:00/subsystem', 'bus/pnp');

  // A placeholder 8250 port with no UART behind it, and a virtual console without a device.
  await tty('ttyS1', 'devices/platform/serial8250/serial8250:0/serial8250:0.1', 'serial-base', { type: '0' });
  await link('devices/platform/serial8250/serial8250:0/subsystem', 'bus/serial-base');
  await link('devices/platform/serial8250/subsystem', 'bus/platform');
  await attributes('devices/virtual/tty/tty0', {});
  await link('class/tty/tty0', 'devices/virtual/tty/tty0');
});

afterAll(async () => {
  await rm(sys, { recursive: true, force: true });
});

describe('listSerialPorts', () => {
  test('finds USB and on-board ports with their ids, and skips placeholders and virtual ttys', async () => {
    const ports = await listSerialPorts({ sysfsRoot: sys, devRoot: '/dev' });
    expect(ports).toEqual([
      {
        path: '/dev/ttyACM0', name: 'ttyACM0', subsystem: 'usb',
        usb: { vendorId: 0x0483, productId: 0x374b, manufacturer: 'STMicroelectronics', product: 'STM32 STLink', serialNumber: '066DFF485550' },
      },
      { path: '/dev/ttyS0', name: 'ttyS0', subsystem: 'pnp' },
      { path: '/dev/ttyUSB0', name: 'ttyUSB0', subsystem: 'usb-serial', usb: { vendorId: 0x0403, productId: 0x6001, product: 'FT232R USB UART' } },
    ]);
  });

  test('matches boards by USB VID/PID', async () => {
    const ports = await listSerialPorts({ sysfsRoot: sys });
    const boards = [
      { board: 'nucleo-f411re', vendorId: 0x0483, productId: 0x374b },
      { board: 'stm32f4-discovery', vendorId: 0x0483, productId: 0x3748 },
    ];
    expect(ports.map((port) => [port.name, boardsForPort(port, boards)])).toEqual([
      ['ttyACM0', ['nucleo-f411re']], ['ttyS0', []], ['ttyUSB0', []],
    ]);
  });

  test('a missing sysfs gives no ports rather than an error', async () => {
    await expect(listSerialPorts({ sysfsRoot: join(sys, 'nowhere') })).resolves.toEqual([]);
  });

  test('reads this machine\'s /sys without failing, and never lists virtual terminals', async () => {
    const ports = await listSerialPorts();
    expect(ports.every((port) => !/^tty\d+$/.test(port.name) && port.name !== 'console' && port.name !== 'ptmx')).toBe(true);
  });
});
