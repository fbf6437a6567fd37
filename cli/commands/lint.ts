import type { LintFinding } from '../../engine/lint/index.js';
import { lintXml } from '../../engine/lint/index.js';
import { readBpmnFile } from '../../engine/model/index.js';
import type { Subcommand } from '../command.js';
import { EXIT, UsageError } from '../command.js';
import { findingJson, findingLine } from '../findings.js';
import { parseCommand } from '../options.js';

const USAGE = `Usage: matterflow lint [options] FILE...

Lints BPMN files with the designer's rule set (the modeler and deploy use the same): bpmnlint's
recommended rules, and for matters (processes with gov:matterCode) ours: every user task has a
department and a time limit, a parallel split has a matching join, a splitting exclusive gateway
has conditions or a default, a 容缺 path has a deadline timer, the step limits from 受理 to 办结
fit the promised limit, conditions are valid FEEL.
Prints one line per finding: FILE: ELEMENT_ID: RULE: [warning: ]message (in Chinese).

Options:
  --json                 one JSON object per finding per line:
                         {file, elementId, rule, severity, message, line, column}
  -h, --help             show this help

Exit status: 0 no error (warnings allowed), 1 a file has an error finding, 2 usage error.`;

const OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** `matterflow lint FILE...`: the designer's lint rules on the command line. */
export const lintCommand: Subcommand = {
  name: 'lint',
  summary: "lint BPMN files with the designer's rules (bpmnlint + matter rules)",
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseCommand(args, OPTIONS, USAGE, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    if (positionals.length === 0) throw new UsageError('no FILE given');
    let failed = 0;
    let errors = 0;
    let warnings = 0;
    for (const file of positionals) {
      const findings = await lintFile(file);
      if (findings.some((found) => found.severity === 'error')) failed += 1;
      for (const found of findings) {
        if (found.severity === 'error') errors += 1;
        else warnings += 1;
        io.out(values.json ? findingJson(file, found) : findingLine(file, found));
      }
    }
    if (!values.json)
      io.err(
        `${positionals.length} file(s): ${positionals.length - failed} clean, ${failed} with errors (${errors} error(s), ${warnings} warning(s))`,
      );
    return failed > 0 ? EXIT.failed : EXIT.ok;
  },
};

async function lintFile(file: string): Promise<readonly LintFinding[]> {
  const read = await readBpmnFile(file);
  return read.ok ? lintXml(read.xml) : [read.finding];
}
