/**
 * 打印版 (/audit/cases/:caseId?view=print): the case's handling as a document for people — the
 * case (办件编号, matter, applicant masked, status, 收件, result), its steps (环节, department,
 * officer, start, end, result and opinion), and the 办理记录 in words (time, officer, what was
 * done), with the verification result. The flow's own bookkeeping is left out and counted; the
 * complete log with its hash chain is the JSON export. From the export API, so the paper and the
 * download say the same. Laid out for paper by @media print (replay.css).
 */
import { formatDateTime } from '../shared/format.js';
import { actorLabel, FLOW_STATUS_LABELS } from './labels.js';
import { VerificationBox } from './replay-page.js';
import { AUDIT_MASKED, type CaseExport } from './types.js';

type ExportedEvent = CaseExport['events'][number];

/** One step of the case as the paper lists it. */
interface StepRow {
  readonly taskId: string;
  readonly name: string;
  readonly department: string | null;
  readonly start: string;
  officer: string | null;
  end: string | null;
  result: string;
}

export function PrintView({ exported, printedAt }: { exported: CaseExport; printedAt: Date }) {
  const header = exported.case;
  const brokenAt = exported.verification.ok ? null : exported.verification.brokenAtSeq;
  const record = exported.events.filter((event) => event.text !== null || event.seq === brokenAt);
  const steps = stepsOf(exported.events);
  const result = header.result ?? null;
  return (
    <article class="mf-print">
      <div class="mf-print-toolbar mf-no-print mf-toolbar">
        <a href={`/audit/cases/${encodeURIComponent(header.caseId)}`}>返回回放</a>
        <button type="button" onClick={() => window.print()}>
          打印
        </button>
      </div>
      <h1>办件办理过程记录</h1>
      <h2>一、办件基本信息</h2>
      <table class="mf-print-header">
        <tbody>
          <tr>
            <th>办件编号</th>
            <td>{header.number ?? '（无编号）'}</td>
            <th>内部编号</th>
            <td data-testid="print-case-id">{header.caseId}</td>
          </tr>
          <tr>
            <th>事项</th>
            <td>{header.matter ? `${header.matter.name}（${header.matter.code}）` : '—'}</td>
            <th>流程版本</th>
            <td>
              {exported.definition ? `${exported.definition.processId} 第 ${exported.definition.version} 版` : '—'}
            </td>
          </tr>
          <tr>
            <th>申请人</th>
            <td>
              {header.applicant
                ? `${header.applicant.name}（${header.applicant.idType} ${header.applicant.idNumber}）`
                : '—'}
            </td>
            <th>办件状态</th>
            <td>{header.domainStatus ?? FLOW_STATUS_LABELS[header.status ?? ''] ?? '—'}</td>
          </tr>
          <tr>
            <th>收件时间</th>
            <td>{formatDateTime(header.receivedAt ?? header.startedAt)}</td>
            <th>首办负责人</th>
            <td>{header.responsibleOfficer ?? '—'}</td>
          </tr>
          <tr>
            <th>办结时间</th>
            <td>{formatDateTime(header.endedAt)}</td>
            <th>办结结果</th>
            <td>
              {result?.kind
                ? `${result.kind}${result.licence ? `：${result.licence.name} ${result.licence.number}` : ''}${result.reason ? `（${result.reason}）` : ''}`
                : '—'}
            </td>
          </tr>
          {exported.parent ? (
            <tr>
              <th>所属一件事</th>
              <td colSpan={3}>{exported.parent.caseId}</td>
            </tr>
          ) : null}
          {exported.children.length ? (
            <tr>
              <th>子办件</th>
              <td colSpan={3}>
                {exported.children.map((child) => `${child.caseId}（${child.processId}）`).join('；')}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <h2>二、办理环节</h2>
      <table class="mf-print-steps" data-testid="print-steps">
        <thead>
          <tr>
            <th>序号</th>
            <th>环节</th>
            <th>承办部门</th>
            <th>办理人</th>
            <th>开始时间</th>
            <th>完成时间</th>
            <th>办理结果及意见</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step, index) => (
            <tr key={step.taskId}>
              <td>{index + 1}</td>
              <td>{step.name}</td>
              <td>{step.department ?? '窗口'}</td>
              <td>{step.officer ? actorLabel(step.officer) : '—'}</td>
              <td>{formatDateTime(step.start)}</td>
              <td>{step.end ? formatDateTime(step.end) : '办理中'}</td>
              <td>{step.result}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>三、办理记录</h2>
      <table class="mf-print-events" data-testid="print-events">
        <thead>
          <tr>
            <th>序号</th>
            <th>时间</th>
            <th>办理人</th>
            <th>办理情况</th>
          </tr>
        </thead>
        <tbody>
          {record.map((event, index) => (
            <tr key={event.seq} class={brokenAt === event.seq ? 'mf-broken' : ''} data-seq={event.seq}>
              <td>{index + 1}</td>
              <td>{formatDateTime(event.time)}</td>
              <td>{actorLabel(event.actor)}</td>
              <td>
                {event.text ?? '（流程自动记录）'}
                {brokenAt === event.seq ? <span class="mf-broken-tag">链断裂</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <VerificationBox verification={exported.verification} total={exported.events.length} />
      <p class="mf-muted mf-print-note">
        时间均为北京时间。本记录列出 {record.length} 条办理记录；流程自动记录的 {exported.events.length - record.length}{' '}
        条（流转、定时、计时等）未列出，完整的事件记录及哈希链见导出的 JSON 文件。申请人的{AUDIT_MASKED}已脱敏。
      </p>
      <p class="mf-muted">
        打印人：{exported.exportedBy ?? '—'}；打印时间：{formatDateTime(printedAt)}。
      </p>
    </article>
  );
}

/**
 * The case's steps from its events: each task from its creation to its completion (or its
 * cancellation), with who handled it and the decision — the opinion given, or what the step
 * decided for the 办件 (受理, 办结 …: the event of the same officer at the same instant before it).
 */
function stepsOf(events: readonly ExportedEvent[]): StepRow[] {
  const steps = new Map<string, StepRow>();
  for (const [index, event] of events.entries()) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    const taskId = typeof data['taskId'] === 'string' ? data['taskId'] : null;
    const step = taskId ? steps.get(taskId) : undefined;
    if (event.type === 'task.created' && taskId) {
      steps.set(taskId, {
        taskId,
        name: String(data['name'] ?? data['elementId'] ?? ''),
        department: typeof data['department'] === 'string' ? data['department'] : null,
        start: event.time,
        officer: typeof data['assignee'] === 'string' ? data['assignee'] : null,
        end: null,
        result: '—',
      });
    } else if (!step) continue;
    else if (event.type === 'task.claimed') step.officer = event.actor;
    else if (event.type === 'task.transferred' || event.type === 'task.delegated')
      step.officer = typeof data['to'] === 'string' ? data['to'] : step.officer;
    else if (event.type === 'task.completed') {
      step.officer = event.actor;
      step.end = event.time;
      const opinion = data['opinion'] as { decision?: string; text?: string } | null | undefined;
      const decided = decisionBefore(events, index);
      step.result = opinion?.decision
        ? `${opinion.decision}${opinion.text ? `：${opinion.text}` : ''}`
        : (decided?.text ?? '已办理');
    } else if (event.type === 'task.cancelled') {
      step.end = event.time;
      step.result = '未办理（环节取消）';
    }
  }
  return [...steps.values()];
}

/**
 * The 办件 decision (受理, 办结 …) a step's completion carries out: the event with words just before
 * it in the same command (same officer, same instant, only the flow's bookkeeping between).
 */
function decisionBefore(events: readonly ExportedEvent[], index: number): ExportedEvent | null {
  const completed = events[index];
  for (let at = index - 1; at >= 0; at -= 1) {
    const before = events[at]!;
    if (before.time !== completed?.time || before.actor !== completed.actor) return null;
    if (before.text === null) continue;
    return before.type.startsWith('case.') && before.type !== 'case.received' ? before : null;
  }
  return null;
}
