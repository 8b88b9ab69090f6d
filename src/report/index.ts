// The report of a build folder: its etbuild.json, the firmware's symbols (when there is a
// firmware ELF) and the program's analysis, turned into a ReportModel for the HTML page and the
// terminal summary.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Analysis } from '../analysis/analyse.js';
import { readManifest } from '../toolchain/manifest.js';
import { readElfSymbols } from './memory.js';
import { buildReport, type BenchProfile, type ReportManifest, type ReportModel } from './model.js';

export { buildReport, type BenchProfile, type ReportInput, type ReportManifest, type ReportModel, type OperatorRow } from './model.js';
export { renderReportHtml } from './html.js';
export { renderReportText } from './text.js';
export { attributeMemory, classifySymbol, parseNmSymbols, readElfSymbols, type ElfSymbol, type MemoryPart, type RegionBreakdown } from './memory.js';
export type { MethodPlan, PlannedTensor, PlannedBufferView } from './plan.js';

export const REPORT_FILE = 'report.html';

export interface BuildFolderReportRequest {
  readonly analysis: Analysis;
  /** A build folder with an etbuild.json (gcc, host or Zephyr build). */
  readonly buildDir: string;
  readonly bench?: BenchProfile;
}

/** Reads a build folder; runs arm-none-eabi-nm on its firmware when it has one. */
export async function reportForBuild(request: BuildFolderReportRequest): Promise<ReportModel> {
  const manifest = readManifest(request.buildDir);
  const elf = manifest.artefacts.elf === undefined ? null : join(request.buildDir, manifest.artefacts.elf);
  const symbols = elf !== null && existsSync(elf) && manifest.memory != null ? await readElfSymbols(elf) : undefined;
  const reportManifest: ReportManifest = manifest;
  return buildReport({
    analysis: request.analysis,
    manifest: reportManifest,
    ...(symbols === undefined ? {} : { symbols }),
    ...(request.bench === undefined ? {} : { bench: request.bench }),
  });
}
