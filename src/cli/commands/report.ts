// `etbuild report MODEL [--board B] [--html FILE]`: where every byte of flash and RAM goes and how
// the planner packed the activations; a text summary on the terminal, the full page as HTML.
import { writeFileSync } from 'node:fs';
import { build } from '../../pipeline.js';
import { renderReportHtml, renderReportText, reportForBuild } from '../../report/index.js';
import { readBenchFile } from '../../bench/report.js';
import { defineCommand } from '../command.js';
import { progress } from '../progress.js';
import { defaultBuildDir } from './build.js';

export const reportCommand = defineCommand({
  command: 'report <model>',
  describe: 'Memory report: flash and RAM per region and part, the memory plan, the operators',
  builder: (y) => y
    .positional('model', { type: 'string', demandOption: true, describe: 'the .pte program' })
    .option('board', { alias: 'b', type: 'string', default: 'stm32f4', describe: 'board id or board .json file' })
    .option('html', { type: 'string', describe: 'write the HTML report to this file' })
    .option('data', { type: 'string', describe: '.ptd file with the program\'s external tensors' }),
  async run(args, io) {
    const report = progress(io, args);
    const outcome = await build({
      modelPath: args.model,
      board: args.board,
      outDir: defaultBuildDir(args.model, args.board),
      ...(args.data === undefined ? {} : { dataPath: args.data }),
      onEvent: report.event,
    });
    const bench = readBenchFile(outcome.dir) ?? undefined; // the last `etbuild bench` of this build
    const model = await reportForBuild({ analysis: outcome.analysis, buildDir: outcome.dir, ...(bench ? { bench } : {}) });
    io.stdout(renderReportText(model));
    if (args.html !== undefined) {
      writeFileSync(args.html, renderReportHtml(model));
      report.finished(`report in ${args.html}`);
    }
  },
});
