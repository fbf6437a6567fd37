/**
 * A case's state for people, as `matterflow replay` prints it: status, 办件 status, where it
 * waits, open tasks, clocks with their due dates, timers, incidents and variables. The state
 * given must already be masked (mask.ts).
 */
import type { CaseState } from '../engine/case/index.js';

/** The lines describing `state`, as of its last event (`seq`, `time`). */
export function caseLines(state: CaseState, asOf: { readonly time: string | null }): string[] {
  const lines = [
    `case ${state.caseId} (process ${state.processId}) as of seq ${state.seq}${asOf.time ? ` (${asOf.time})` : ''}`,
  ];
  lines.push(
    `status: ${state.status}${state.suspended ? ` (挂起 since ${state.suspended.at}: ${state.suspended.reason})` : ''}${state.endedAt ? `, ended ${state.endedAt}` : ''}`,
  );
  if (state.failure) lines.push(`failure: ${state.failure.elementId ?? '-'}: ${state.failure.message}`);
  const domain = state.domain;
  if (domain) {
    lines.push(`办件 status: ${domain.status}`);
    lines.push(`  matter: ${domain.matter.code} ${domain.matter.name} (version ${domain.matter.version})`);
    lines.push(`  applicant: ${domain.applicant.name} ${domain.applicant.idType} ${domain.applicant.idNumber}`);
    lines.push(`  received: ${domain.receivedAt} by ${domain.receivedBy} (${domain.channel})`);
    if (domain.acceptance)
      lines.push(
        `  accepted: ${domain.acceptance.at} by ${domain.acceptance.by}${domain.acceptance.documentNo ? ` (${domain.acceptance.documentNo})` : ''}`,
      );
    if (domain.result) lines.push(`  result: ${domain.result.kind} ${domain.result.at} by ${domain.result.by}`);
  }
  const waiting = Object.values(state.instances).filter((instance) => instance.id !== state.rootInstanceId);
  lines.push(
    ...section(
      'waiting at',
      waiting.map((instance) => `${instance.elementId} (instance ${instance.id})`),
    ),
  );
  lines.push(
    ...section(
      'open tasks',
      Object.values(state.tasks).map(
        (task) =>
          `${task.elementId}${task.name ? ` ${task.name}` : ''} (task ${task.id}) assignee ${task.assignee ?? '-'}` +
          `${task.candidateGroups.length > 0 ? `, groups ${task.candidateGroups.join(',')}` : ''}${task.department ? `, department ${task.department}` : ''}`,
      ),
    ),
  );
  lines.push(
    ...section(
      'clocks',
      Object.values(state.clocks).map(
        (clock) =>
          `${clock.kind} ${clock.elementId}: ${clock.limit.amount} ${clock.limit.unit}, due ${clock.dueAt}` +
          `${clock.running ? '' : ' (stopped)'}${clock.provisional ? ' (provisional)' : ''}${clock.department ? `, department ${clock.department}` : ''}`,
      ),
    ),
  );
  lines.push(
    ...section(
      'timers',
      Object.values(state.timers).map(
        (timer) =>
          `${timer.elementId} due ${timer.dueAt}${timer.alert ? ` (${timer.alert.level})` : ''}${timer.deadline ? ` (${timer.deadline})` : ''}`,
      ),
    ),
  );
  lines.push(
    ...section(
      'incidents',
      Object.values(state.incidents).map((incident) => `${incident.elementId}: ${incident.kind}: ${incident.message}`),
    ),
  );
  lines.push(...section('variables', variableLines(state)));
  return lines;
}

function section(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [`${title}: none`] : [`${title}:`, ...items.map((item) => `  ${item}`)];
}

/** The root scope's variables first, then each inner scope's, prefixed by its element. */
function variableLines(state: CaseState): string[] {
  const scopes = Object.entries(state.variables).sort(([a], [b]) =>
    a === state.rootInstanceId ? -1 : b === state.rootInstanceId ? 1 : a.localeCompare(b),
  );
  return scopes.flatMap(([scopeId, variables]) => {
    const prefix = scopeId === state.rootInstanceId ? '' : `${state.instances[scopeId]?.elementId ?? scopeId}.`;
    return Object.entries(variables).map(([name, value]) => `${prefix}${name} = ${JSON.stringify(value)}`);
  });
}
