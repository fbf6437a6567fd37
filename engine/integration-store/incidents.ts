/**
 * Incidents (异常) as administrators handle them: the open incidents of every case, filtered by
 * process, element, kind, error text and time; one incident with the error, the failing job and
 * the variables its element saw; and a retry — with changed variables (set on the case first, a
 * command of their own in the history) and the retries to give its job back — that resumes the
 * case where it stopped. The `incidents` rows are the projection of the cases' events.
 */
import type { Knex } from 'knex';
import type { CaseState } from '../case/index.js';
import type { Store } from '../store/index.js';
import { visibleVariables } from '../integration/index.js';
import { IntegrationError } from './errors.js';

export interface IncidentFilter {
  readonly processId?: string;
  readonly elementId?: string;
  /** job-failed, expression-failed, unhandled-error, call-failed. */
  readonly kind?: string;
  /** Part of the error message. */
  readonly error?: string;
  /** Raised at or after this instant (ISO). */
  readonly since?: string;
  readonly caseId?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface IncidentRow {
  readonly incidentId: string;
  readonly caseId: string;
  readonly caseNumber: string | null;
  readonly processId: string;
  readonly elementId: string;
  readonly instanceId: string;
  readonly jobId: string | null;
  readonly kind: string;
  readonly message: string;
  readonly raisedAt: string;
}

export interface IncidentDetail extends IncidentRow {
  /** The element's name in the diagram. */
  readonly elementName: string | null;
  /** The failing job: its topic, the retries it has, its last error. */
  readonly job: { readonly topic: string; readonly retries: number; readonly lastError: string | null } | null;
  /** The variables the element saw (its scope chain). */
  readonly variables: Record<string, unknown>;
}

/** Open incidents, newest first, with how many match in all. */
export async function listIncidents(
  knex: Knex,
  filter: IncidentFilter = {},
): Promise<{ incidents: IncidentRow[]; total: number }> {
  const base = knex('incidents as i').join('cases as c', 'c.case_id', 'i.case_id');
  if (filter.processId !== undefined) base.where('c.process_id', filter.processId);
  if (filter.elementId !== undefined) base.where('i.element_id', filter.elementId);
  if (filter.kind !== undefined) base.where('i.kind', filter.kind);
  if (filter.caseId !== undefined) base.where('i.case_id', filter.caseId);
  if (filter.since !== undefined) base.where('i.raised_at', '>=', new Date(filter.since).toISOString());
  if (filter.error !== undefined) base.whereRaw("i.message LIKE ? ESCAPE '\\'", [`%${escapeLike(filter.error)}%`]);
  const [count] = (await base.clone().count({ n: '*' })) as { n: number | string }[];
  const rows = (await base
    .clone()
    .select('i.*', 'c.process_id', 'c.number')
    .orderBy([
      { column: 'i.raised_at', order: 'desc' },
      { column: 'i.incident_id', order: 'asc' },
    ])
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)) as IncidentDbRow[];
  return { incidents: rows.map(toRow), total: Number(count?.n ?? 0) };
}

/** How many incidents are open (the supervision board's count). */
export async function countIncidents(knex: Knex): Promise<number> {
  const [count] = (await knex('incidents').count({ n: '*' })) as { n: number | string }[];
  return Number(count?.n ?? 0);
}

/** One open incident with what an administrator needs to fix it; throws INCIDENT_NOT_FOUND. */
export async function incidentDetail(store: Store, incidentId: string): Promise<IncidentDetail> {
  const row = await findIncident(store.database.knex, incidentId);
  const state = await store.getCase(row.caseId);
  if (!state) throw notFound(incidentId);
  const definition = await store.definition(state.definitionHash);
  const element = definition.processes.get(state.processId)?.elements.get(row.elementId);
  const job = row.jobId === null ? undefined : state.jobs[row.jobId];
  return {
    ...row,
    elementName: element?.name ?? null,
    job: job ? { topic: job.type, retries: job.retries, lastError: job.lastError } : null,
    variables: variablesAt(state, row.instanceId),
  };
}

/**
 * Retry an incident: set `variables` on the case (if any), then resolve it, giving its job
 * `retries` (default 1). The case resumes where it stopped.
 */
export async function retryIncident(
  store: Store,
  incidentId: string,
  input: { variables?: Record<string, unknown>; retries?: number; actor: string },
): Promise<IncidentRow> {
  const row = await findIncident(store.database.knex, incidentId);
  if (input.variables && Object.keys(input.variables).length > 0)
    await store.dispatch(row.caseId, {
      type: 'variables.set',
      actor: input.actor,
      data: { variables: input.variables },
    });
  await store.dispatch(row.caseId, {
    type: 'incident.resolve',
    actor: input.actor,
    data: { incidentId, ...(input.retries === undefined ? {} : { retries: input.retries }) },
  });
  return row;
}

async function findIncident(knex: Knex, incidentId: string): Promise<IncidentRow> {
  const row = (await knex('incidents as i')
    .join('cases as c', 'c.case_id', 'i.case_id')
    .where('i.incident_id', incidentId)
    .first('i.*', 'c.process_id', 'c.number')) as IncidentDbRow | undefined;
  if (!row) throw notFound(incidentId);
  return toRow(row);
}

function variablesAt(state: CaseState, instanceId: string): Record<string, unknown> {
  return state.instances[instanceId]
    ? visibleVariables(state, instanceId)
    : (state.variables[state.rootInstanceId] ?? {});
}

function notFound(incidentId: string): IntegrationError {
  return new IntegrationError(
    'INCIDENT_NOT_FOUND',
    '异常不存在或已处理',
    `No open incident ${incidentId}`,
    undefined,
    '/params/incidentId',
  );
}

interface IncidentDbRow {
  incident_id: string;
  case_id: string;
  element_id: string;
  instance_id: string;
  job_id: string | null;
  kind: string;
  message: string;
  raised_at: string;
  process_id: string;
  number: string | null;
}

function toRow(row: IncidentDbRow): IncidentRow {
  return {
    incidentId: row.incident_id,
    caseId: row.case_id,
    caseNumber: row.number ?? null,
    processId: row.process_id,
    elementId: row.element_id,
    instanceId: row.instance_id,
    jobId: row.job_id ?? null,
    kind: row.kind,
    message: row.message,
    raisedAt: row.raised_at,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
