// `etbuild monitor`: copy everything a port sends to the caller until asked to stop or until the
// device goes away (then the ETB4007 error says so).
import { ReaderClosedError } from './transport/byte-reader.js';
import { openSerial, type Parity } from './transport/serial.js';

export interface MonitorOptions {
  readonly port: string;
  readonly baud: number;
  readonly parity?: Parity;
  /** Called once the port is open (anything the device sent before that is lost). */
  readonly onOpen?: () => void;
  readonly onData: (bytes: Uint8Array) => void;
  /** Aborting closes the port and resolves the monitor. */
  readonly signal: AbortSignal;
}

export async function monitorSerial(options: MonitorOptions): Promise<void> {
  const transport = await openSerial({ path: options.port, baudRate: options.baud, parity: options.parity ?? 'none' });
  const stop = (): void => void transport.close();
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    if (options.signal.aborted) return;
    options.onOpen?.();
    for (;;) options.onData(await transport.readSome(4096, Infinity));
  } catch (error) {
    if (!(error instanceof ReaderClosedError)) throw error;
  } finally {
    options.signal.removeEventListener('abort', stop);
    await transport.close();
  }
}
