// `etbuild ports`: serial ports, matched to boards by USB VID/PID (read from /sys: no udev needed).
import { listBoards, resolveBoard } from '../../boards/resolve.js';
import { boardsForPort, listSerialPorts, type BoardUsbIds } from '../../device/ports.js';
import { defineCommand } from '../command.js';

export const portsCommand = defineCommand({
  command: 'ports',
  describe: 'List serial ports and the boards they may belong to',
  builder: (y) => y.option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
  async run(args, io) {
    const ids: BoardUsbIds[] = listBoards().flatMap((summary) =>
      resolveBoard(summary.id).usb.map((u) => ({ board: summary.id, vendorId: parseInt(u.vid, 16), productId: parseInt(u.pid, 16) })));
    const ports = (await listSerialPorts()).map((port) => ({ ...port, boards: boardsForPort(port, ids) }));
    if (args.json) {
      io.stdout(`${JSON.stringify(ports, null, 2)}\n`);
      return;
    }
    if (ports.length === 0) {
      io.stdout('no serial ports found\n');
      return;
    }
    for (const port of ports) {
      const usb = port.usb ? ` ${port.usb.vendorId.toString(16).padStart(4, '0')}:${port.usb.productId.toString(16).padStart(4, '0')}` : '';
      io.stdout(`${port.path}  ${port.subsystem}${usb}${port.boards.length ? `  (${port.boards.join(', ')})` : ''}\n`);
    }
  },
});
