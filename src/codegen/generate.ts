// Generation: renders the view model through the Handlebars templates and lists the runtime-c
// files the program needs. The result is plain data (paths and contents); writing it is the
// build stage's job.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Handlebars from 'handlebars';
import type { Analysis } from '../analysis/analyse.js';
import { RUNTIME_C_DIR, TEMPLATES_DIR } from '../core/paths.js';
import { buildViewModel, type ModelView, type ViewModelOptions } from './view-model.js';

export interface GeneratedFile {
  /** Path inside the generated project. */
  readonly path: string;
  readonly contents: string;
}

export interface GeneratedProject {
  readonly view: ModelView;
  /** etb_model.c, etb_model.h, etb_config.h and the runtime-c sources the program needs. */
  readonly files: readonly GeneratedFile[];
  /** C sources to compile, relative to the project root. */
  readonly sources: readonly string[];
  /** Include directories, relative to the project root. */
  readonly includeDirs: readonly string[];
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function renderTemplate(name: string, context: unknown): string {
  let template = compiled.get(name);
  if (!template) {
    template = Handlebars.compile(readFileSync(join(TEMPLATES_DIR, name), 'utf8'), { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(context);
}

function runtimeFile(relativePath: string): GeneratedFile {
  return { path: join('runtime', relativePath), contents: readFileSync(join(RUNTIME_C_DIR, relativePath), 'utf8') };
}

/** A kernel's own header and the shared headers beside it (those not named op_*.h) come along with it. */
function headersBeside(source: string): string[] {
  const dir = dirname(source);
  const own = source.replace(/\.c$/, '.h');
  return readdirSync(join(RUNTIME_C_DIR, dir))
    .filter((f) => f.endsWith('.h') && !f.startsWith('op_'))
    .map((f) => join(dir, f))
    .concat(own);
}

export function generate(analysis: Analysis, options: ViewModelOptions): GeneratedProject {
  const view = buildViewModel(analysis, options);
  const includeFiles = readdirSync(join(RUNTIME_C_DIR, 'include/etb')).map((f) => join('include/etb', f));
  const kernelFiles = [...new Set(analysis.kernelSources.flatMap((s) => [s, ...headersBeside(s)]))].sort();
  const runtimeFiles = [...includeFiles, 'etb_status.c', ...kernelFiles].map(runtimeFile);
  // runtime/kernels always: the model includes kernels in subfolders as `cortex_m/op_x.h`.
  const kernelDirs = [...new Set(['runtime/kernels', ...analysis.kernelSources.map((s) => join('runtime', dirname(s)))])].sort();
  return {
    view,
    files: [
      { path: 'model/etb_model.c', contents: renderTemplate('model/etb_model.c.hbs', view) },
      { path: 'model/etb_model.h', contents: renderTemplate('model/etb_model.h.hbs', view) },
      { path: 'model/etb_config.h', contents: renderTemplate('model/etb_config.h.hbs', view) },
      ...runtimeFiles,
    ],
    sources: ['model/etb_model.c', 'runtime/etb_status.c', ...analysis.kernelSources.map((s) => join('runtime', s))],
    includeDirs: ['model', 'runtime/include', ...kernelDirs],
  };
}
