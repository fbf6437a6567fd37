/**
 * Deploying a matter file into the catalogue: validated first (nothing stored when refused), the
 * process it runs must be deployed and agree with it (its 一件事 core parts are call activities of
 * the process, its 办件类型 the one the process declares), the same content again is the same
 * version, changed content is the next version. One transaction, run again when a concurrent save
 * took the version.
 */
import type { Knex } from 'knex';
import { MatterflowError } from '../errors.js';
import {
  MatterInvalidError,
  processAgreementErrors,
  validateMatter,
  type FieldError,
  type Matter,
} from '../matters/index.js';
import { isInsertRaceOn, writeJson } from '../store/index.js';
import { readProcessFacts } from './process-facts.js';
import { matterHash, type MatterRow } from './rows.js';

/** Who deploys, when, and which processes count as deployed besides those in `definitions`. */
export interface DeployMatterOptions {
  /** Who deploys (recorded as created_by). */
  readonly actor: string;
  /** When (ISO-8601 UTC); default now. */
  readonly at?: string;
  /** Process ids deployed alongside (e.g. in the same start-up batch), accepted as well as those in `definitions`. */
  readonly knownProcessIds?: Iterable<string>;
}

/** The version a deployed matter has. */
export interface DeployedMatter {
  readonly matterCode: string;
  readonly version: number;
  /** false when the same content was already deployed (that version is returned). */
  readonly created: boolean;
}

/** The matter's process (`process.processId`) is not deployed. */
export class MatterProcessNotDeployedError extends MatterflowError {
  readonly errors: readonly FieldError[];

  constructor(readonly processId: string) {
    super(
      'MATTER_PROCESS_NOT_DEPLOYED',
      `Expected process ${processId} to be deployed before the matter that runs it, but it is not`,
    );
    this.errors = [
      {
        field: '/process/processId',
        code: 'process-not-deployed',
        message: { zh: `办理流程 ${processId} 尚未部署`, en: `Process ${processId} is not deployed` },
      },
    ];
  }
}

/**
 * Deploy a parsed matter file. Throws MatterInvalidError (every defect, those against the latest
 * version of its process among them) or MatterProcessNotDeployedError, storing nothing; otherwise
 * returns the version it has. A process known only from `knownProcessIds` is not read.
 */
export async function deployMatter(knex: Knex, json: unknown, options: DeployMatterOptions): Promise<DeployedMatter> {
  const result = validateMatter(json);
  if (!result.ok) throw new MatterInvalidError(result.errors);
  const matter = result.matter;
  const process = await readProcessFacts(knex, matter.process.processId);
  const disagreements = process ? processAgreementErrors(matter, process) : [];
  if (disagreements.length > 0) throw new MatterInvalidError(disagreements);
  const hash = matterHash(matter);
  // Two administrators saving at once may compute the same next version: the loser runs again
  // and finds the winner's row (the same content unchanged, other content the version after).
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await storeVersion(knex, matter, hash, options);
    } catch (error) {
      if (attempt >= 5 || !isInsertRaceOn(error, ['matters'])) throw error;
    }
  }
}

function storeVersion(knex: Knex, matter: Matter, hash: string, options: DeployMatterOptions): Promise<DeployedMatter> {
  const matterCode = matter.implementationCode;
  const processId = matter.process.processId;
  return knex.transaction(async (trx) => {
    const known = new Set(options.knownProcessIds ?? []);
    if (!known.has(processId) && !(await trx('definitions').where({ process_id: processId }).first('process_id'))) {
      throw new MatterProcessNotDeployedError(processId);
    }
    const same = await trx<MatterRow>('matters').where({ matter_code: matterCode, hash }).first('version');
    if (same) return { matterCode, version: Number(same.version), created: false };
    const latest = await trx<MatterRow>('matters')
      .where({ matter_code: matterCode })
      .max({ version: 'version' })
      .first();
    const version = Number(latest?.version ?? 0) + 1;
    const row: MatterRow = {
      matter_code: matterCode,
      version,
      hash,
      content: writeJson(matter),
      name: matter.name,
      process_id: processId,
      created_at: options.at ?? new Date().toISOString(),
      created_by: options.actor,
    };
    await trx('matters').insert(row);
    return { matterCode, version, created: true };
  });
}
