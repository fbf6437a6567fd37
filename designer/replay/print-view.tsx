/**
 * 打印版 (/audit/cases/:caseId?view=print): the case header, the verification result and every
 * event in one table, laid out for paper by @media print (replay.css). From the export API, so
 * the paper and the JSON download say the same.
 */
import { formatDateTime } from '../shared/format.js';
import { actorLabel, eventLabel, FLOW_STATUS_LABELS, formatSeconds } from './labels.js';
import { VerificationBox } from './replay-page.js';
import type { CaseExport } from './types.js';

export function PrintView({ exported, printedAt }: { exported: CaseExport; printedAt: Date }) {
  const header = exported.case;
  const brokenAt = exported.verification.ok ? null : exported.verification.brokenAtSeq;
  return (
    <article class="mf-print">
      <div class="mf-print-toolbar mf-no-print mf-toolbar">
        <a href={`/audit/cases/${encodeURIComponent(header.caseId)}`}>返回回放</a>
        <button type="button" onClick={() => window.print()}>
          打印
        </button>
      </div>
      <h1>办件历史记录</h1>
      <table class="mf-print-header">
        <tbody>
          <tr>
            <th>办件编号</th>
            <td data-testid="print-case-id">{header.caseId}</td>
            <th>事项</th>
            <td>{header.matter ? `${header.matter.name}（${header.matter.code}）` : '—'}</td>
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
            <th>办结时间</th>
            <td>{formatDateTime(header.endedAt)}</td>
          </tr>
          <tr>
            <th>流程版本</th>
            <td>
              {exported.definition ? `${exported.definition.processId} 第 ${exported.definition.version} 版` : '—'}
            </td>
            <th>首办负责人</th>
            <td>{header.responsibleOfficer ?? '—'}</td>
          </tr>
          {exported.parent ? (
            <tr>
              <th>上级一件事办件</th>
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
      <VerificationBox verification={exported.verification} total={exported.events.length} />
      <table class="mf-print-events" data-testid="print-events">
        <thead>
          <tr>
            <th>序号</th>
            <th>时间（北京时间）</th>
            <th>事件</th>
            <th>操作人</th>
            <th>内容（个人信息已脱敏）</th>
          </tr>
        </thead>
        <tbody>
          {exported.events.map((event) => (
            <tr key={event.seq} class={brokenAt === event.seq ? 'mf-broken' : ''}>
              <td>{event.seq}</td>
              <td>{formatSeconds(event.time)}</td>
              <td>
                {eventLabel(event.type)}
                {brokenAt === event.seq ? <span class="mf-broken-tag">链断裂</span> : null}
              </td>
              <td>{actorLabel(event.actor)}</td>
              <td>
                <code class="mf-print-data">{JSON.stringify(event.data)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="mf-muted">
        共 {exported.events.length} 条事件。打印人：{exported.exportedBy ?? '—'}；打印时间：{formatDateTime(printedAt)}
        （北京时间）。
      </p>
    </article>
  );
}
