// Every error the device layer shows a user, in one place so that codes stay unique and the
// hints stay consistent. ETB4xxx = device group (exit code 5).
import { EtbError } from '../core/errors.js';

export const DEVICE_ERROR_CODES = {
  noResponse: 'ETB4001',
  wrongChip: 'ETB4002',
  imageDoesNotFit: 'ETB4003',
  writeProtected: 'ETB4004',
  verifyMismatch: 'ETB4005',
  portOpenFailed: 'ETB4006',
  disconnected: 'ETB4007',
  commandRefused: 'ETB4008',
  unknownFlashLayout: 'ETB4009',
  runnerConfig: 'ETB4010',
  runnerNotFound: 'ETB4011',
  runnerFailed: 'ETB4012',
} as const;

export function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

export function hexId(value: number): string {
  return `0x${value.toString(16).padStart(3, '0')}`;
}

export function noResponseError(port: string, during: string, cause?: unknown): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.noResponse, `no response from the STM32 bootloader on ${port} (${during})`, {
    hints: [
      'hold BOOT0 high and reset the board so that it starts the system bootloader (or configure DTR/RTS sequencing for the board)',
      'check that this is the board\'s UART port (`etbuild ports` lists them) and that TX/RX are not swapped',
      'the bootloader speaks 8E1; a pseudo-terminal drops parity, so use parity "none" there',
    ],
    cause,
  });
}

export function wrongChipError(port: string, expected: number, actual: number, actualName: string | undefined): EtbError {
  const name = actualName === undefined ? '' : ` (${actualName})`;
  return new EtbError(DEVICE_ERROR_CODES.wrongChip,
    `wrong chip on ${port}: the board expects chip id ${hexId(expected)}, the bootloader reports ${hexId(actual)}${name}`, {
      hints: ['check that the board (-b / etbuild.json) matches the connected hardware, or that the right port was given'],
    });
}

export function imageDoesNotFitError(message: string): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.imageDoesNotFit, message, {
    hints: ['the image must lie inside the chip\'s flash; check the board\'s flash size and the load address, or build a smaller image'],
  });
}

export function writeProtectedError(port: string, what: string): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.writeProtected, `the bootloader on ${port} refused to ${what}: the area is write protected`, {
    hints: [
      'clear the write protection of these sectors in the option bytes (for example `stm32flash -u PORT` or STM32CubeProgrammer)',
      'a chip with readout protection active also refuses writes; removing it erases the flash',
    ],
  });
}

export function verifyMismatchError(address: number, expected: number, actual: number, mismatches: number): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.verifyMismatch,
    `verify failed: first bad byte at ${hex32(address)} (wrote 0x${expected.toString(16).padStart(2, '0')}, read back 0x${actual.toString(16).padStart(2, '0')}; ${mismatches} bad byte(s) in that block)`, {
      hints: [
        'flash again; if the same address fails again the sector may be worn out or not erased (try --mass-erase)',
        'an unstable serial link (long cable, wrong baud rate) can also corrupt data: try a lower --baud',
      ],
    });
}

export function portOpenError(port: string, cause: unknown): EtbError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new EtbError(DEVICE_ERROR_CODES.portOpenFailed, `cannot open serial port ${port}: ${reason}`, {
    hints: [
      '`etbuild ports` lists the serial ports that exist',
      'on Linux the user needs access to the port (usually membership of the `dialout` group)',
      'close other programs that hold the port (a serial monitor, another flash)',
    ],
    cause,
  });
}

export function disconnectedError(port: string, cause?: unknown): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.disconnected, `the device on ${port} was disconnected`, {
    hints: ['check the USB cable and the board\'s power, then run the command again'],
    cause,
  });
}

export function commandRefusedError(port: string, command: string, hints: readonly string[] = []): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.commandRefused, `the bootloader on ${port} refused ${command}`, {
    hints: [
      ...hints,
      'reset the board into the bootloader and try again',
    ],
  });
}

export function unknownFlashLayoutError(chipId: number): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.unknownFlashLayout,
    `no flash sector map is known for chip id ${hexId(chipId)}`, {
      hints: ['give the board a flash sector map (base address and sector sizes) in its runner configuration'],
    });
}

export function invalidSectorMapError(problem: string): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.unknownFlashLayout, `the flash sector map is not usable: ${problem}`, {
    hints: ['a sector map is {"base": 134217728, "sectors": [{"size": 16384, "count": 4}, ...]} with positive sizes and counts'],
  });
}

export function runnerConfigError(message: string, hints: readonly string[] = []): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.runnerConfig, message, { hints });
}

export function runnerNotFoundError(program: string, runner: string): EtbError {
  return new EtbError(DEVICE_ERROR_CODES.runnerNotFound, `the ${runner} runner needs \`${program}\`, which is not installed or not on PATH`, {
    hints: [`install ${program} (Debian: apt-get install ${program === 'st-flash' ? 'stlink-tools' : program}) or pick another runner with -r`],
  });
}

export function runnerFailedError(runner: string, commandLine: string, exitCode: number | undefined, outputTail: string): EtbError {
  const how = exitCode === undefined ? 'was stopped' : `exited with code ${exitCode}`;
  return new EtbError(DEVICE_ERROR_CODES.runnerFailed, `the ${runner} runner failed: \`${commandLine}\` ${how}${outputTail === '' ? '' : `\n${outputTail}`}`, {
    hints: ['check that the board is connected and powered; the tool\'s output above says more'],
  });
}
