// Where etbuild's own files are: the package root holds runtime-c/, templates/, boards/ and
// schema/. src/ and dist/ both sit one level below it, so the same relative path works for the
// compiled CLI and for tests that run the TypeScript directly.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RUNTIME_C_DIR = join(PACKAGE_ROOT, 'runtime-c');
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
export const BOARDS_DIR = join(PACKAGE_ROOT, 'boards');
