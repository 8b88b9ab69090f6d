// Serial ports as Linux's sysfs describes them, without udev (SerialPort.list() needs udevadm):
// every /sys/class/tty/<name> with a backing device, except 8250 placeholders with no UART behind
// them. USB ports carry the VID/PID of their USB device, which is what boards are matched on.
import { readFile, readdir, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface UsbIdentity {
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturer?: string;
  readonly product?: string;
  readonly serialNumber?: string;
}

export interface SerialPortInfo {
  /** The device node, e.g. /dev/ttyACM0. */
  readonly path: string;
  /** The kernel's name for it, e.g. ttyACM0. */
  readonly name: string;
  /** The bus the port hangs off: usb, usb-serial, pci, pnp, platform, amba... */
  readonly subsystem: string;
  readonly usb?: UsbIdentity;
}

export interface ListPortsOptions {
  /** Where sysfs is mounted (a parameter so tests can build a fake tree). Default /sys. */
  readonly sysfsRoot?: string;
  /** Where device nodes live. Default /dev. */
  readonly devRoot?: string;
}

async function readAttribute(dir: string, name: string): Promise<string | undefined> {
  try {
    return (await readFile(join(dir, name), 'utf8')).trim();
  } catch {
    return undefined;
  }
}

async function resolveLink(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

async function subsystemOf(dir: string): Promise<string> {
  const subsystemDir = await resolveLink(join(dir, 'subsystem'));
  return subsystemDir === undefined ? 'unknown' : basename(subsystemDir);
}

/**
 * Since Linux 6.5 a UART's tty points at a "serial-base" port device below its controller; the
 * bus that identifies the hardware (pnp, pci, platform, amba) is that of the first ancestor that
 * is not serial-base.
 */
async function owningDevice(deviceDir: string): Promise<{ dir: string; subsystem: string }> {
  let dir = deviceDir;
  let subsystem = await subsystemOf(dir);
  while (subsystem === 'serial-base' && dirname(dir) !== dir) {
    dir = dirname(dir);
    subsystem = await subsystemOf(dir);
  }
  return { dir, subsystem };
}

/**
 * The USB device directory above a tty's device: ttyACM (cdc_acm) binds to the USB interface
 * itself; ttyUSB (usb-serial drivers) sits one level below the interface.
 */
function usbDeviceDir(deviceDir: string, subsystem: string): string | undefined {
  if (subsystem === 'usb') return dirname(deviceDir);
  if (subsystem === 'usb-serial') return dirname(dirname(deviceDir));
  return undefined;
}

async function readUsbIdentity(dir: string): Promise<UsbIdentity | undefined> {
  const vendor = await readAttribute(dir, 'idVendor');
  const product = await readAttribute(dir, 'idProduct');
  if (vendor === undefined || product === undefined) return undefined;
  const vendorId = Number.parseInt(vendor, 16);
  const productId = Number.parseInt(product, 16);
  if (Number.isNaN(vendorId) || Number.isNaN(productId)) return undefined;
  const manufacturer = await readAttribute(dir, 'manufacturer');
  const productName = await readAttribute(dir, 'product');
  const serialNumber = await readAttribute(dir, 'serial');
  return {
    vendorId,
    productId,
    ...(manufacturer === undefined ? {} : { manufacturer }),
    ...(productName === undefined ? {} : { product: productName }),
    ...(serialNumber === undefined ? {} : { serialNumber }),
  };
}

export async function listSerialPorts(options: ListPortsOptions = {}): Promise<SerialPortInfo[]> {
  const classDir = join(options.sysfsRoot ?? '/sys', 'class', 'tty');
  const devRoot = options.devRoot ?? '/dev';
  let names: string[];
  try {
    names = await readdir(classDir);
  } catch {
    return [];
  }
  const ports: SerialPortInfo[] = [];
  for (const name of names.sort(naturalOrder)) {
    // Virtual terminals, ptys and the console have no backing device.
    const deviceDir = await resolveLink(join(classDir, name, 'device'));
    if (deviceDir === undefined) continue;
    // 8250-style ports exist for every possible UART; type 0 (PORT_UNKNOWN) means none was found.
    if ((await readAttribute(join(classDir, name), 'type')) === '0') continue;
    const { dir, subsystem } = await owningDevice(deviceDir);
    const usbDir = usbDeviceDir(dir, subsystem);
    const usb = usbDir === undefined ? undefined : await readUsbIdentity(usbDir);
    ports.push({ path: join(devRoot, name), name, subsystem, ...(usb === undefined ? {} : { usb }) });
  }
  return ports;
}

/** ttyUSB2 before ttyUSB10. */
function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export interface BoardUsbIds {
  readonly board: string;
  readonly vendorId: number;
  readonly productId: number;
}

/** The boards whose USB VID/PID match a port (several boards may share a debug probe's ids). */
export function boardsForPort(port: SerialPortInfo, boards: readonly BoardUsbIds[]): string[] {
  const usb = port.usb;
  if (usb === undefined) return [];
  return boards.filter((ids) => ids.vendorId === usb.vendorId && ids.productId === usb.productId).map((ids) => ids.board);
}
