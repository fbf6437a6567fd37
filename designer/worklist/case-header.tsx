/**
 * 办件信息: the facts at the top of a case that the task page (办理) and the case page (办件详情)
 * both show — number, status, matter, applicant (masked), acceptance — so the two read alike.
 * Each page adds its own rows after these (the step and its time limits, the open steps, the
 * result).
 */
import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../shared/format.js';
import type { CaseView } from './task-types.js';

export function CaseHeader({
  c,
  channel = false,
  children,
  footer,
}: {
  c: CaseView;
  /** Show 渠道 (how the application came in) after the applicant. */
  channel?: boolean;
  /** The page's own rows (dt/dd pairs), after the shared ones. */
  children?: ComponentChildren;
  /** Shown below the facts, inside the section. */
  footer?: ComponentChildren;
}) {
  return (
    <section class="mf-card wl-case-header" aria-label="办件信息">
      <dl>
        <dt>办件编号</dt>
        <dd class="wl-case-number">
          {c.number ?? '（无编号）'} <span class="mf-muted wl-small">内部编号</span>{' '}
          <span class="wl-case-id">{c.caseId}</span>
        </dd>
        <dt>办件状态</dt>
        <dd>
          <strong class="wl-status">{c.status ?? '—'}</strong>
        </dd>
        <dt>事项</dt>
        <dd>{c.matter ? `${c.matter.name}（${c.matter.code}，第 ${c.matter.version} 版）` : '—'}</dd>
        <dt>申请人</dt>
        <dd>{c.applicant ? `${c.applicant.name}（${c.applicant.idType} ${c.applicant.idNumber}）` : '—'}</dd>
        {channel ? (
          <>
            <dt>渠道</dt>
            <dd>{c.channel ?? '—'}</dd>
          </>
        ) : null}
        <dt>受理</dt>
        <dd>
          {c.acceptance ? `${formatDateTime(c.acceptance.at)}，${c.acceptance.by}` : '未受理'}
          {c.responsibleOfficer ? `（首办负责：${c.responsibleOfficer}）` : ''}
        </dd>
        {children}
      </dl>
      {footer}
    </section>
  );
}

/** 办结结果 as one line: the kind, the licence issued, the reason given. */
export function resultText(result: NonNullable<CaseView['result']>): string {
  const licence = result.licence ? `：${result.licence.name} ${result.licence.number}` : '';
  return `${result.kind}${licence}${result.reason ? `（${result.reason}）` : ''}`;
}
