// The process entry point, and the only place that calls process.exit: runs main(), renders any
// error rustc-style on stderr and exits with the error group's code (docs/errors.md).
import { processIo, style } from './io.js';
import { main } from './main.js';
import { renderError, toEtbError } from './render-error.js';

const argv = process.argv.slice(2);
const io = processIo();

try {
  await main(argv, io);
  process.exit(0);
} catch (thrown) {
  const error = toEtbError(thrown);
  // Flags are read from the raw arguments: the error may be that they could not be parsed.
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const color = argv.includes('--color') || (!argv.includes('--no-color') && process.stderr.isTTY === true && process.env['NO_COLOR'] === undefined);
  io.stderr(renderError(error, { verbose, style: style(color) }));
  process.exit(error.exitCode);
}
