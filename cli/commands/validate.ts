import { parseArgs } from 'node:util';
import type { Finding } from '../../engine/model/index.js';
import { loadDefinition, readBpmnFile } from '../../engine/model/index.js';
import type { Subcommand } from '../command.js';
import { EXIT, UsageError } from '../command.js';
import { findingJson, findingLine } from '../findings.js';

const USAGE = `Usage: matterflow validate [options] FILE...

Checks BPMN files the way a deploy would: XML, supported elements, flows, FEEL, timers,
gov attributes. Prints one line per finding: FILE: ELEMENT_ID: RULE: message (line L, column C).

Options:
  --json                 one JSON object per finding per line:
                         {file, elementId, rule, severity, message, line, column}
  --known-process ID     a process already deployed that call activities may call (repeatable)
  -h, --help             show this help

Exit status: 0 all files valid (warnings allowed), 1 a file has an error, 2 usage error.`;

/** `matterflow validate FILE...`: deploy-time validation of BPMN files, for people and CI. */
export const validateCommand: Subcommand = {
  name: 'validate',
  summary: 'check BPMN files for errors before deploying them',
  usage: USAGE,
  run: async (args, io) => {
    const { values, positionals } = parse(args);
    if (values.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    if (positionals.length === 0) throw new UsageError('no FILE given');
    const known = new Set(values['known-process'] ?? []);
    let invalid = 0;
    let errors = 0;
    let warnings = 0;
    for (const file of positionals) {
      const findings = await validateFile(file, known);
      if (findings.some((found) => found.severity === 'error')) invalid += 1;
      for (const found of findings) {
        if (found.severity === 'error') errors += 1;
        else warnings += 1;
        io.out(values.json ? findingJson(file, found) : findingLine(file, found));
      }
    }
    if (!values.json) {
      io.err(
        `${positionals.length} file(s): ${positionals.length - invalid} valid, ${invalid} invalid (${errors} error(s), ${warnings} warning(s))`,
      );
    }
    return invalid > 0 ? EXIT.failed : EXIT.ok;
  },
};

async function validateFile(file: string, known: ReadonlySet<string>): Promise<readonly Finding[]> {
  const read = await readBpmnFile(file);
  if (!read.ok) return [read.finding];
  const loaded = await loadDefinition(read.xml, { knownProcessIds: known });
  return loaded.findings;
}

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        'known-process': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
