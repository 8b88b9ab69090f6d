// Shows a flash's events: on a terminal one bar per phase (erase, write, verify), redrawn in
// place; elsewhere (CI logs, pipes) one plain line per phase and no control characters.
// `renderFlashEvent` is pure; `createFlashProgressWriter` only adds the state and the stream.
import { hexId } from './errors.js';
import type { FlashEvent, FlashPhase } from './stm32-bootloader.js';

export interface ProgressView {
  readonly tty: boolean;
  /** Terminal width in columns (the bar shrinks to fit). */
  readonly width: number;
}

export interface ProgressState {
  /** The phase whose bar is on the current line (TTY) or whose line was printed (plain). */
  readonly phase: FlashPhase | undefined;
  /** Whether the cursor sits at the end of an unfinished bar line. */
  readonly barOpen: boolean;
}

export const INITIAL_PROGRESS_STATE: ProgressState = { phase: undefined, barOpen: false };

const VERBS: Readonly<Record<FlashPhase, string>> = { erase: 'Erasing', write: 'Writing', verify: 'Verifying' };
/** Cargo-style: verbs right-aligned in a 12-column gutter. */
const GUTTER = 12;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}

function verb(word: string): string {
  return word.padStart(GUTTER);
}

function bar(done: number, total: number, width: number): string {
  const fraction = total === 0 ? 1 : Math.min(1, done / total);
  const amounts = `${formatBytes(done)}/${formatBytes(total)}`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  // gutter + space + [ + ] + space + percent + space + amounts, and one spare column so the
  // terminal never wraps.
  const room = Math.max(10, Math.min(40, width - GUTTER - 5 - percent.length - amounts.length - 1));
  const filled = Math.round(fraction * room);
  const head = filled < room && filled > 0 ? '>' : '';
  return `[${'='.repeat(filled - head.length)}${head}${' '.repeat(room - filled)}] ${percent} ${amounts}`;
}

export interface RenderedEvent {
  readonly state: ProgressState;
  /** Text to write as is (may be empty). */
  readonly output: string;
}

export function renderFlashEvent(state: ProgressState, event: FlashEvent, view: ProgressView): RenderedEvent {
  // A message line must not be glued to an unfinished bar.
  const breakBar = state.barOpen ? '\n' : '';
  switch (event.kind) {
    case 'connected': {
      const name = event.chipName === undefined ? 'unknown chip' : event.chipName;
      const version = `${event.bootloaderVersion >> 4}.${event.bootloaderVersion & 0xf}`;
      return {
        state: { ...state, barOpen: false },
        output: `${breakBar}${verb('Connected')} ${name} (${hexId(event.chipId)}), bootloader v${version} on ${event.port}\n`,
      };
    }
    case 'warning':
      return { state: { ...state, barOpen: false }, output: `${breakBar}warning: ${event.message}\n` };
    case 'retry':
      return { state: { ...state, barOpen: false }, output: `${breakBar}warning: retrying ${event.operation} (${event.reason})\n` };
    case 'progress': {
      if (!view.tty) {
        if (state.phase === event.phase) return { state, output: '' };
        return { state: { phase: event.phase, barOpen: false }, output: `${verb(VERBS[event.phase])} ${formatBytes(event.total)}\n` };
      }
      const finished = event.done >= event.total;
      const line = `${verb(VERBS[event.phase])} ${bar(event.done, event.total, view.width)}`;
      // A new phase starts on a fresh line; the same phase redraws its own line.
      const prefix = state.phase === event.phase && state.barOpen ? '\r\x1b[2K' : breakBar;
      return { state: { phase: event.phase, barOpen: !finished }, output: `${prefix}${line}${finished ? '\n' : ''}` };
    }
  }
}

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** An onEvent callback for flashStm32 that draws on `stream` (for example process.stderr). */
export function createFlashProgressWriter(stream: ProgressStream): (event: FlashEvent) => void {
  let state = INITIAL_PROGRESS_STATE;
  return (event) => {
    const rendered = renderFlashEvent(state, event, { tty: stream.isTTY === true, width: stream.columns ?? 80 });
    state = rendered.state;
    if (rendered.output !== '') stream.write(rendered.output);
  };
}
