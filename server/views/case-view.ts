/**
 * A case as clients see it: the 办件 status, the matter, the applicant with the 证件号码 masked,
 * materials, time limits with due dates (provisional ones marked) and clock state, open tasks,
 * result and delivery. Personal data never leaves the server in clear.
 */
import { maskIdNumber, maskPersonalData } from '../../engine/matters/index.js';
import type { CaseState } from '../../engine/runtime/index.js';

export function caseView(state: CaseState): Record<string, unknown> {
  const domain = state.domain;
  return {
    caseId: state.caseId,
    version: state.seq,
    processId: state.processId,
    flowStatus: state.status,
    status: domain?.status ?? null,
    matter: domain ? { code: domain.matter.code, version: domain.matter.version, name: domain.matter.name } : null,
    applicant: domain ? { name: domain.applicant.name, idType: domain.applicant.idType, idNumber: maskIdNumber(domain.applicant.idNumber) } : null,
    channel: domain?.channel ?? null,
    materials: domain?.materials ?? {},
    openDefects: domain?.openDefects ?? [],
    acceptance: domain?.acceptance ?? null,
    responsibleOfficer: domain?.responsibleOfficer ?? null,
    tolerance: domain?.tolerance ?? null,
    timeLimits: Object.values(state.clocks).map((clock) => ({
      kind: clock.kind,
      elementId: clock.elementId,
      department: clock.department,
      limit: clock.limit,
      dueAt: clock.dueAt,
      provisional: clock.provisional,
      clock: clock.running ? 'running' : `stopped (${clock.stops[clock.stops.length - 1]?.kind ?? ''})`,
    })),
    signals: Object.values(state.alerts).map((alert) => ({ level: alert.level, department: alert.department, raisedAt: alert.raisedAt })),
    tasks: Object.values(state.tasks).map((task) => ({ taskId: task.id, elementId: task.elementId, name: task.name, department: task.department, assignee: task.assignee })),
    result: domain?.result ?? null,
    delivery: domain?.delivery ?? null,
    variables: maskPersonalData(state.variables[state.rootInstanceId] ?? {}),
  };
}
