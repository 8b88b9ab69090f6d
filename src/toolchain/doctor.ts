// `etbuild doctor`: which of the programs etbuild can use are installed, their versions, and how
// to install the missing ones.
import { findTool, installHint, runTool } from './exec.js';

export interface ToolCheck {
  readonly tool: string;
  /** What etbuild uses it for. */
  readonly purpose: string;
  /** The full path, or null when it is not on PATH. */
  readonly path: string | null;
  /** The first line of its version output, when it ran. */
  readonly version: string | null;
  /** How to install it, when it is missing. */
  readonly hint: string | null;
}

interface Tool {
  readonly tool: string;
  readonly purpose: string;
  readonly versionArgs: readonly string[];
  readonly hint?: string;
}

export const DOCTOR_TOOLS: readonly Tool[] = [
  { tool: 'arm-none-eabi-gcc', purpose: 'builds Cortex-M firmware', versionArgs: ['--version'] },
  { tool: 'gcc', purpose: 'builds the host runner', versionArgs: ['--version'] },
  { tool: 'qemu-system-arm', purpose: 'runs firmware without hardware (run/bench --qemu)', versionArgs: ['--version'] },
  { tool: 'flatc', purpose: 'regenerates the .pte schema readers (development only)', versionArgs: ['--version'] },
  { tool: 'socat', purpose: 'pseudo-terminal pairs for serial tests (development only)', versionArgs: ['-V'] },
  { tool: 'stm32flash', purpose: 'reference client for the STM32 UART bootloader (tests)', versionArgs: ['-h'] },
  { tool: 'openocd', purpose: 'flashes through a debug probe (runner openocd)', versionArgs: ['--version'] },
  { tool: 'st-flash', purpose: 'flashes through an ST-LINK (runner st-flash)', versionArgs: ['--version'] },
  { tool: 'west', purpose: 'builds through Zephyr (--backend zephyr)', versionArgs: ['--version'], hint: 'install Zephyr\'s west: pip install west (see docs.zephyrproject.org, Getting Started)' },
];

/** Checks every tool (in parallel; each version query is given a few seconds at most). */
export async function doctor(tools: readonly Tool[] = DOCTOR_TOOLS): Promise<ToolCheck[]> {
  return Promise.all(tools.map(async ({ tool, purpose, versionArgs, hint }): Promise<ToolCheck> => {
    const path = findTool(tool);
    if (path === null) return { tool, purpose, path, version: null, hint: hint ?? installHint(tool) };
    let version: string | null = null;
    try {
      const result = await runTool(path, versionArgs, { allowFailure: true, timeoutMs: 5000 });
      version = result.output.split('\n').map((line) => line.trim()).find((line) => /\d+\.\d+/u.test(line)) ?? null;
    } catch {
      // present but not answering: report it without a version
    }
    return { tool, purpose, path, version, hint: null };
  }));
}
