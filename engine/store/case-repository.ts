/**
 * The `cases` table: one row per case holding its snapshot state, its version (the number of
 * events) and the hash of its last event. Commands read this row, never the log; writes are
 * optimistic (`WHERE version = expected`).
 */
import type { Knex } from 'knex';
import type { CaseNumberTerm, CaseStatusZh } from '../domain/index.js';
import type { CaseStatus } from '../runtime/index.js';
import type { CaseState } from '../case/index.js';
import { insertRows } from './insert-rows.js';
import { updateFromValues } from './update-rows.js';
import { readJson, writeJson } from './json.js';
import { applicantKey } from './projections-domain.js';
import { worklistColumns } from './projections-worklist.js';

/** A case as stored. */
export interface CaseRecord {
  readonly caseId: string;
  readonly processId: string;
  readonly definitionHash: string;
  readonly version: number;
  readonly lastHash: string;
  readonly status: CaseStatus;
  readonly state: CaseState;
}

/** A case row without its snapshot: for lists. */
export interface CaseSummary {
  readonly caseId: string;
  readonly processId: string;
  readonly definitionHash: string;
  readonly version: number;
  readonly status: CaseStatus;
  /** The 办件 status (DOMAIN.md vocabulary); null for a bare process run. */
  readonly domainStatus: CaseStatusZh | null;
  /** 办件编号; null for a bare process run and for cases received before numbers were given. */
  readonly number: string | null;
  readonly matterCode: string | null;
  readonly parentCaseId: string | null;
  readonly parentInstanceId: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly updatedAt: string;
}

export interface CaseFilter {
  readonly status?: CaseStatus;
  readonly processId?: string;
  readonly parentCaseId?: string;
  readonly domainStatus?: CaseStatusZh;
  readonly matterCode?: string;
  /** Cases with an open task of this department. */
  readonly department?: string;
  /** Overdue at this instant (ISO): a running clock due before it, or an open 黄牌 / 红牌. */
  readonly overdueAt?: string;
  /** The applicant's key (`applicantKey` of the 证件号码): exact match. */
  readonly applicantKey?: string;
  /** 办件编号: one number exactly, or every number of a Beijing date (engine/domain `caseNumberTerm`). */
  readonly number?: CaseNumberTerm;
}

/** Narrow `query` (over `cases`, or joined to it as `column`'s table) to the numbers `term` means. */
export function whereCaseNumber(query: Knex.QueryBuilder, term: CaseNumberTerm, column = 'cases.number'): void {
  if ('exact' in term) query.where(column, term.exact);
  // The prefix is digits and '-' only (caseNumberTerm), so it holds no LIKE wildcard.
  else query.where(column, 'like', `${term.prefix}%`);
}

/** Read one case row (with its snapshot), or null. */
export async function loadCase(db: Knex, caseId: string): Promise<CaseRecord | null> {
  const row = (await db('cases').where({ case_id: caseId }).first()) as CaseRow | undefined;
  return row ? toRecord(row) : null;
}

function toRecord(row: CaseRow): CaseRecord {
  return {
    caseId: row.case_id,
    processId: row.process_id,
    definitionHash: row.definition_hash,
    version: Number(row.version),
    lastHash: row.last_hash,
    status: row.status,
    state: readJson<CaseState>(row.state),
  };
}

/** Read several case rows (with their snapshots) in few statements: by id, the missing ones absent. */
export async function loadCases(db: Knex, caseIds: readonly string[]): Promise<Map<string, CaseRecord>> {
  const found = new Map<string, CaseRecord>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const rows = (await db('cases').whereIn('case_id', caseIds.slice(i, i + 500))) as CaseRow[];
    for (const row of rows) found.set(row.case_id, toRecord(row));
  }
  return found;
}

/** The stored version of a case, or null if it does not exist. */
export async function readVersion(db: Knex, caseId: string): Promise<number | null> {
  const row = (await db('cases').where({ case_id: caseId }).first('version')) as
    { version: number | string } | undefined;
  return row ? Number(row.version) : null;
}

/** Insert the rows of new cases, in as few statements as the bound-variable limits allow. */
export async function insertCases(
  db: Knex,
  cases: readonly { readonly record: Pick<CaseRecord, 'state' | 'version' | 'lastHash'>; readonly now: string }[],
): Promise<void> {
  const rows = cases.map(({ record: { state, version, lastHash }, now }) => ({
    case_id: state.caseId,
    process_id: state.processId,
    definition_hash: state.definitionHash,
    parent_case_id: state.parent?.caseId ?? null,
    parent_instance_id: state.parent?.instanceId ?? null,
    started_at: state.startedAt,
    ...mutableColumns(state, version, lastHash, now),
  }));
  await insertRows(db, 'cases', rows);
}

/**
 * Write a case's new snapshot if it is still at `expectedVersion`; false when another command
 * got there first (nothing written).
 */
export async function updateCase(
  db: Knex,
  expectedVersion: number,
  state: CaseState,
  version: number,
  lastHash: string,
  now: string,
): Promise<boolean> {
  const updated = await db('cases')
    .where({ case_id: state.caseId, version: expectedVersion })
    .update(mutableColumns(state, version, lastHash, now));
  return updated === 1;
}

/** A case row to write over the version read at `expected`. */
export interface CaseUpdate {
  readonly expected: number;
  readonly record: Pick<CaseRecord, 'state' | 'version' | 'lastHash'>;
  readonly now: string;
}

/** Rows one multi-row UPDATE carries (about 20 values each, well under SQLite's variable limit). */
const UPDATES_PER_STATEMENT = 100;

/**
 * Write the new snapshots of several cases (each at most once), each only if it is still at its
 * expected version. Returns the ids of the cases whose row was not at it (none: all written);
 * after a miss the caller rolls back, and rows of the same statement may have been written. On
 * SQLite the rows go in one `UPDATE … FROM (VALUES …) … RETURNING` a hundred, the ids returned
 * telling which checks held; on PostgreSQL (typed columns, and the update of a row another
 * transaction holds waits for it and is checked again) one statement each.
 */
export async function updateCases(db: Knex, updates: readonly CaseUpdate[]): Promise<string[]> {
  if (db.client.config.client !== 'sqlite3' || updates.length === 1) {
    const missed: string[] = [];
    for (const { expected, record, now } of updates)
      if (!(await updateCase(db, expected, record.state, record.version, record.lastHash, now)))
        missed.push(record.state.caseId);
    return missed;
  }
  for (let i = 0; i < updates.length; i += UPDATES_PER_STATEMENT) {
    const slice = updates.slice(i, i + UPDATES_PER_STATEMENT);
    const columns = slice.map(({ record, now }) => mutableColumns(record.state, record.version, record.lastHash, now));
    const set = Object.keys(columns[0] ?? {}) as (keyof (typeof columns)[number])[];
    const written = (await updateFromValues(
      db,
      'cases',
      { match: ['case_id', 'version'], set },
      slice.map(({ expected, record }, index) => [
        record.state.caseId,
        expected,
        ...set.map((name) => columns[index]![name] ?? null),
      ]),
      'case_id',
    )) as { case_id: string }[];
    if (written.length === slice.length) continue;
    const ok = new Set(written.map((row) => row.case_id));
    return slice.map((update) => update.record.state.caseId).filter((caseId) => !ok.has(caseId));
  }
  return [];
}

/** Case rows matching a filter, oldest first. */
export async function listCases(db: Knex, filter: CaseFilter = {}): Promise<CaseSummary[]> {
  const query = db('cases')
    .select(
      'case_id',
      'process_id',
      'definition_hash',
      'version',
      'status',
      'domain_status',
      'number',
      'matter_code',
      'parent_case_id',
      'parent_instance_id',
      'started_at',
      'ended_at',
      'updated_at',
    )
    .orderBy([{ column: 'started_at' }, { column: 'case_id' }]);
  if (filter.status) query.where({ status: filter.status });
  if (filter.processId) query.where({ process_id: filter.processId });
  if (filter.parentCaseId) query.where({ parent_case_id: filter.parentCaseId });
  if (filter.domainStatus) query.where({ domain_status: filter.domainStatus });
  if (filter.matterCode) query.where({ matter_code: filter.matterCode });
  if (filter.applicantKey) query.where({ applicant_key: filter.applicantKey });
  if (filter.number) whereCaseNumber(query, filter.number);
  if (filter.department) {
    const department = filter.department;
    query.whereExists((sub) =>
      sub
        .select(db.raw('1'))
        .from('tasks')
        .whereRaw('tasks.case_id = cases.case_id')
        .where('tasks.department', department),
    );
  }
  if (filter.overdueAt) {
    const now = filter.overdueAt;
    query.where((overdue) =>
      overdue
        .whereExists((sub) =>
          sub
            .select(db.raw('1'))
            .from('clocks')
            .whereRaw('clocks.case_id = cases.case_id')
            .where('clocks.running', 1)
            .where('clocks.due_at', '<', now),
        )
        .orWhereExists((sub) =>
          sub
            .select(db.raw('1'))
            .from('alerts')
            .whereRaw('alerts.case_id = cases.case_id')
            .whereNull('alerts.cleared_at')
            .whereIn('alerts.level', ['黄牌', '红牌']),
        ),
    );
  }
  const rows = (await query) as Omit<CaseRow, 'state' | 'last_hash'>[];
  return rows.map((row) => ({
    caseId: row.case_id,
    processId: row.process_id,
    definitionHash: row.definition_hash,
    version: Number(row.version),
    status: row.status,
    domainStatus: row.domain_status,
    number: row.number,
    matterCode: row.matter_code,
    parentCaseId: row.parent_case_id,
    parentInstanceId: row.parent_instance_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    updatedAt: row.updated_at,
  }));
}

function mutableColumns(state: CaseState, version: number, lastHash: string, now: string) {
  return {
    version,
    last_hash: lastHash,
    status: state.status,
    domain_status: state.domain?.status ?? null,
    number: state.domain?.number ?? null,
    matter_code: state.domain?.matter.code ?? null,
    applicant_key: state.domain ? applicantKey(state.domain.applicant.idNumber) : null,
    ...worklistColumns(state),
    state: writeJson(state),
    ended_at: state.endedAt,
    updated_at: now,
  };
}

interface CaseRow {
  case_id: string;
  process_id: string;
  definition_hash: string;
  version: number | string;
  last_hash: string;
  status: CaseStatus;
  domain_status: CaseStatusZh | null;
  number: string | null;
  matter_code: string | null;
  parent_case_id: string | null;
  parent_instance_id: string | null;
  state: unknown;
  started_at: string;
  ended_at: string | null;
  updated_at: string;
}
