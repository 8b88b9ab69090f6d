// The toolchain stage: building firmware for a board and accounting for its memory.
export { buildFirmware, linkedHeapSymbols, cpuFlags, HEAP_SYMBOLS, COMMON_CFLAGS, BUILD_ERROR_CODES } from './gcc.js';
export type { BuildFirmwareOptions, BuildResult } from './gcc.js';
export { checkFit, regionNeeds, boardsThatFit, readMemoryReport, memoryReport, parseObjdumpHeaders, regionOverflowError, memorySummary, formatBytes, MEMORY_ERROR_CODES } from './memory.js';
export type { FitRequest, RegionNeed, MemoryReport, RegionUsage, SectionPlacement, Usage } from './memory.js';
export { readManifest, MANIFEST_FILE, MANIFEST_ERROR_CODES } from './manifest.js';
export type { BuildManifest, BuildArtefacts } from './manifest.js';
export { doctor, DOCTOR_TOOLS } from './doctor.js';
export type { ToolCheck } from './doctor.js';
export { runTool, startTool, findTool, installHint, TOOL_PACKAGES, TOOLCHAIN_ERROR_CODES } from './exec.js';
export type { ToolResult, RunningTool, RunToolOptions } from './exec.js';
export { platformFor, etbuildVersion, consoleDivisor, PLATFORM_DIR } from './platform.js';
export type { FirmwareMode, PlatformPart } from './platform.js';
