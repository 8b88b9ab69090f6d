// `etbuild doctor`: which toolchains and emulators are present, with install hints.
import { doctor } from '../../toolchain/doctor.js';
import { defineCommand } from '../command.js';
import { style } from '../io.js';

export const doctorCommand = defineCommand({
  command: 'doctor',
  describe: 'Check the toolchains and emulators etbuild uses',
  builder: (y) => y,
  async run(args, io) {
    const s = style(args.color);
    for (const check of await doctor()) {
      const mark = check.path ? s.green('ok     ') : s.yellow('missing');
      const detail = check.path ? (check.version ?? check.path) : (check.hint ?? '');
      io.stdout(`${mark} ${check.tool.padEnd(20)} ${check.purpose}: ${detail}\n`);
    }
  },
});
