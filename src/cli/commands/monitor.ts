// `etbuild monitor -p PORT [--baud N]`: prints what the board sends until Ctrl-C.
import { monitorSerial } from '../../device/monitor.js';
import { defineCommand } from '../command.js';

export const monitorCommand = defineCommand({
  command: 'monitor',
  describe: 'Print what a board sends on a serial port (Ctrl-C to stop)',
  builder: (y) => y
    .option('port', { alias: 'p', type: 'string', demandOption: true, describe: 'serial port, e.g. /dev/ttyACM0' })
    .option('baud', { type: 'number', default: 115200, describe: 'baud rate' }),
  async run(args, io) {
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    await monitorSerial({
      port: args.port,
      baud: args.baud,
      onOpen: () => io.stderr(`monitoring ${args.port} at ${args.baud} baud (Ctrl-C to stop)\n`),
      onData: (bytes) => io.stdout(Buffer.from(bytes).toString('latin1')),
      signal: stop.signal,
    });
  },
});
