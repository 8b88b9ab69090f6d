export { resolveBoard, listBoards, knownBoardIds, BOARD_ERROR_CODES, BOARD_SCHEMA_FILE, type BoardSummary } from './resolve.js';
export type * from './types.js';
