import { readFile } from 'node:fs/promises';
import { MatterInvalidError, type FieldError } from '../../engine/matters/index.js';
import { deployMatter, MatterProcessNotDeployedError } from '../../engine/matters-store/index.js';
import { lintForDeploy } from '../../engine/lint/index.js';
import { readBpmnFile } from '../../engine/model/index.js';
import { DeploymentError, type Store } from '../../engine/store/index.js';
import type { CliIo, Subcommand } from '../command.js';
import { EXIT, UsageError } from '../command.js';
import { findingLine } from '../findings.js';
import { COMMON_OPTIONS, COMMON_USAGE, databaseConfig, parseCommand } from '../options.js';
import { withStore } from '../store.js';

const USAGE = `Usage: matterflow deploy [options] FILE...

Deploys each FILE, in the order given:
  *.bpmn   a process definition: linted as "matterflow lint" does and validated as "matterflow
           validate" does; each executable process gets a new version, or keeps its version
           ("unchanged") when the same XML was deployed before. Refused (nothing stored) when
           the model has errors or a matter breaks a matterflow/* lint rule (bpmnlint's
           recommended rules only warn).
  *.json   a matter file (事项) for the catalogue: validated against the matter schema; the
           process it runs must be deployed. Refused (nothing stored) when invalid, with each
           field's JSON pointer and message.
Deploy a matter's BPMN before (or in the same call ahead of) the matter file.

Options:
  --actor NAME           who deploys, recorded with the deployment (default: cli)
${COMMON_USAGE}

Exit status: 0 every file deployed, 1 a file was refused, 2 usage error.`;

const OPTIONS = { ...COMMON_OPTIONS, actor: { type: 'string' } } as const;

/** `matterflow deploy FILE...`: deploy BPMN definitions and matter files. */
export const deployCommand: Subcommand = {
  name: 'deploy',
  summary: 'deploy BPMN files (process definitions) and matter files (.json)',
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseCommand(args, OPTIONS, USAGE, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    if (positionals.length === 0) throw new UsageError('no FILE given');
    const unknown = positionals.find((file) => kindOf(file) === null);
    if (unknown !== undefined) throw new UsageError(`${unknown}: expected a .bpmn or a .json file`);
    const actor = values.actor ?? 'cli';
    const refused = await withStore(databaseConfig(values.database), { readOnly: false }, async ({ store }) => {
      let count = 0;
      for (const file of positionals) {
        const ok =
          kindOf(file) === 'bpmn'
            ? await deployBpmn(store, file, actor, io)
            : await deployMatterFile(store, file, actor, io);
        if (!ok) count += 1;
      }
      return count;
    });
    io.err(`${positionals.length} file(s): ${positionals.length - refused} deployed, ${refused} refused`);
    return refused > 0 ? EXIT.failed : EXIT.ok;
  },
};

function kindOf(file: string): 'bpmn' | 'matter' | null {
  const lower = file.toLowerCase();
  return lower.endsWith('.bpmn') || lower.endsWith('.bpmn20.xml') ? 'bpmn' : lower.endsWith('.json') ? 'matter' : null;
}

async function deployBpmn(store: Store, file: string, actor: string, io: CliIo): Promise<boolean> {
  const read = await readBpmnFile(file);
  if (!read.ok) {
    io.out(findingLine(file, read.finding));
    return false;
  }
  const lint = await lintForDeploy(read.xml);
  if (lint.refused) {
    for (const found of lint.findings) io.out(findingLine(file, found));
    io.out(`${file}: refused, nothing stored`);
    return false;
  }
  try {
    const result = await store.deploy(read.xml, { actor });
    for (const found of [...result.findings, ...lint.findings]) io.out(findingLine(file, found));
    if (result.processes.length === 0) io.out(`${file}: no executable process to deploy`);
    for (const process of result.processes) {
      io.out(`${file}: ${process.created ? 'deployed' : 'unchanged'} ${process.processId} version ${process.version}`);
    }
    return true;
  } catch (error) {
    if (!(error instanceof DeploymentError)) throw error;
    for (const found of error.findings) io.out(findingLine(file, found));
    io.out(`${file}: refused, nothing stored`);
    return false;
  }
}

async function deployMatterFile(store: Store, file: string, actor: string, io: CliIo): Promise<boolean> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    io.out(
      `${file}: ${error instanceof SyntaxError ? 'not JSON' : 'cannot read'}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
  try {
    const deployed = await deployMatter(store.database.knex, json, { actor });
    io.out(
      `${file}: ${deployed.created ? 'deployed' : 'unchanged'} matter ${deployed.matterCode} version ${deployed.version}`,
    );
    return true;
  } catch (error) {
    if (!(error instanceof MatterInvalidError || error instanceof MatterProcessNotDeployedError)) throw error;
    for (const fieldError of error.errors) io.out(fieldLine(file, fieldError));
    io.out(`${file}: refused, nothing stored`);
    return false;
  }
}

/** FILE: /json/pointer: 中文 message (code) */
function fieldLine(file: string, error: FieldError): string {
  return `${file}: ${error.field === '' ? '/' : error.field}: ${error.message.zh} (${error.code})`;
}
