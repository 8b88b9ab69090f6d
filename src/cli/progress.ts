// Renders pipeline events in the cargo style: a right-aligned, bold verb per stage and a
// `Finished` line with the elapsed time. Plain and json reporters get the same information.
import type { PipelineEvent } from '../pipeline.js';
import type { CliIo, GlobalOptions } from './io.js';
import { style } from './io.js';

export interface Progress {
  readonly event: (event: PipelineEvent) => void;
  readonly finished: (what: string) => void;
}

export function progress(io: CliIo, options: GlobalOptions): Progress {
  const s = style(options.color);
  const started = Date.now();
  const line = (verb: string, detail: string, paint: (t: string) => string = s.green): void => {
    if (options.quiet) return;
    if (options.reporter === 'json') {
      io.stderr(`${JSON.stringify({ verb: verb.trim(), detail })}\n`);
    } else if (options.reporter === 'plain') {
      io.stderr(`${verb.trim().toLowerCase()}: ${detail}\n`);
    } else {
      io.stderr(`${s.bold(paint(verb.padStart(12)))} ${detail}\n`);
    }
  };
  return {
    event: (event) => (event.kind === 'stage' ? line(event.verb, event.detail) : line('Note', event.text, s.cyan)),
    finished: (what) => line('Finished', `${what} in ${((Date.now() - started) / 1000).toFixed(1)}s`),
  };
}
