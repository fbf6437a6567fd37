/**
 * Rows of `deployments` (the XML, by content hash) and `definitions` (process id + version ->
 * deployment hash).
 */
import type { Knex } from 'knex';

/** One version of one deployed process. */
export interface DefinitionRef {
  readonly processId: string;
  readonly version: number;
  readonly hash: string;
  readonly name: string | null;
  readonly deployedAt: string;
}

/** The version of `processId` (the latest when `version` is omitted), or null. */
export async function findDefinition(db: Knex, processId: string, version?: number): Promise<DefinitionRef | null> {
  const query = db('definitions').where({ process_id: processId });
  if (version !== undefined) query.andWhere({ version });
  const row = (await query.orderBy('version', 'desc').first()) as DefinitionRow | undefined;
  return row ? toRef(row) : null;
}

/** The version of `processId` deployed with `hash`, or null. */
export async function findDefinitionByHash(db: Knex, processId: string, hash: string): Promise<DefinitionRef | null> {
  const row = (await db('definitions').where({ process_id: processId, hash }).first()) as DefinitionRow | undefined;
  return row ? toRef(row) : null;
}

/** The latest version of every deployed process, ordered by process id. */
export async function latestDefinitions(db: Knex): Promise<DefinitionRef[]> {
  const latest = db('definitions').select('process_id').max({ version: 'version' }).groupBy('process_id').as('latest');
  const rows = (await db('definitions as d')
    .join(latest, function joinLatest() {
      this.on('d.process_id', '=', 'latest.process_id').andOn('d.version', '=', 'latest.version');
    })
    .select('d.*')
    .orderBy('d.process_id', 'asc')) as DefinitionRow[];
  return rows.map(toRef);
}

/** Every version of a process (or of all processes), oldest first. */
export async function listDefinitions(db: Knex, processId?: string): Promise<DefinitionRef[]> {
  const query = db('definitions').orderBy([{ column: 'process_id' }, { column: 'version' }]);
  if (processId !== undefined) query.where({ process_id: processId });
  return ((await query) as DefinitionRow[]).map(toRef);
}

/** Ids of all deployed processes. */
export async function deployedProcessIds(db: Knex): Promise<string[]> {
  const rows = (await db('definitions').distinct('process_id').orderBy('process_id')) as { process_id: string }[];
  return rows.map((row) => row.process_id);
}

/** The XML deployed with `hash`, or null. */
export async function findDeploymentXml(db: Knex, hash: string): Promise<string | null> {
  const row = (await db('deployments').where({ hash }).first('xml')) as { xml: string } | undefined;
  return row?.xml ?? null;
}

/** Store the XML of a deployment unless it is already stored. */
export async function insertDeploymentIfMissing(
  db: Knex,
  deployment: { hash: string; xml: string; deployedAt: string; deployedBy: string },
): Promise<void> {
  if (await db('deployments').where({ hash: deployment.hash }).first('hash')) return;
  await db('deployments').insert({
    hash: deployment.hash,
    xml: deployment.xml,
    deployed_at: deployment.deployedAt,
    deployed_by: deployment.deployedBy,
  });
}

/** Record a new version of a process. */
export async function insertDefinition(db: Knex, ref: DefinitionRef): Promise<void> {
  await db('definitions').insert({
    process_id: ref.processId,
    version: ref.version,
    hash: ref.hash,
    name: ref.name,
    deployed_at: ref.deployedAt,
  });
}

interface DefinitionRow {
  process_id: string;
  version: number | string;
  hash: string;
  name: string | null;
  deployed_at: string;
}

function toRef(row: DefinitionRow): DefinitionRef {
  return {
    processId: row.process_id,
    version: Number(row.version),
    hash: row.hash,
    name: row.name,
    deployedAt: row.deployed_at,
  };
}
