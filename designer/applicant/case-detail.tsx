/**
 * One of the applicant's cases (/my-cases/:caseId): status and dates, what is asked of them (the
 * 补正 notice with each defect, 容缺 materials owed, 评价) with the way to do it, the materials
 * with their files (every version), the result, and the printable receipt and result notice.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { MaterialFiles } from '../shared/material-files.js';
import type { Shell } from '../shared/shell.js';
import { limitText, NECESSITY, type ApplicantCase } from './types.js';

export function CaseDetail({ shell, caseId }: { shell: Shell; caseId: string }) {
  const [c, setCase] = useState<ApplicantCase | null>(null);
  useEffect(() => {
    api<ApplicantCase>(`/api/applicant/cases/${encodeURIComponent(caseId)}`).then(setCase, (error: unknown) =>
      shell.showError(error),
    );
  }, [caseId]);
  if (!c) return <p class="mf-muted">正在加载…</p>;
  const base = `/my-cases/${encodeURIComponent(c.caseId)}`;
  return (
    <div class="ap-page">
      <h1>
        {c.matter.name} <small class="mf-muted">办件编号 {c.number ?? c.caseId}</small>
      </h1>
      <section class="mf-card" aria-label="办理情况">
        <dl class="ap-facts">
          <dt>状态</dt>
          <dd data-testid="case-status">{c.status}</dd>
          <dt>申请方式</dt>
          <dd>{c.channel}</dd>
          <dt>收件时间</dt>
          <dd>{formatDateTime(c.receivedAt)}</dd>
          {c.answerBy ? (
            <>
              <dt>窗口答复期限</dt>
              <dd>{formatDateTime(c.answerBy)}（逾期未答复视为受理）</dd>
            </>
          ) : null}
          {c.acceptance ? (
            <>
              <dt>受理时间</dt>
              <dd>
                {formatDateTime(c.acceptance.at)}
                {c.acceptance.auto ? '（逾期未答复，依法视为受理）' : ''}
              </dd>
            </>
          ) : null}
          <dt>承诺办结时限</dt>
          <dd>{limitText(c.promisedLimit)}</dd>
          {c.limit ? (
            <>
              <dt>办结期限</dt>
              <dd>
                {formatDateTime(c.limit.dueAt)}
                {c.limit.provisional ? '（暂定：明年节假日尚未公布）' : ''}
                {c.limit.running ? '' : `（计时暂停：${c.limit.stoppedFor ?? ''}）`}
              </dd>
            </>
          ) : null}
          {c.verificationCode ? (
            <>
              <dt>查询码</dt>
              <dd data-testid="verification-code">{c.verificationCode}</dd>
            </>
          ) : null}
        </dl>
        <p>
          <a href={`/papers/${encodeURIComponent(c.caseId)}/receipt`}>{c.acceptance ? '受理回执' : '收件回执'}</a>
          {c.result ? (
            <>
              {' '}
              <a href={`/papers/${encodeURIComponent(c.caseId)}/result-notice`}>办结通知书</a>
            </>
          ) : null}
        </p>
      </section>
      {c.asks.length > 0 ? (
        <section class="mf-card ap-asks" aria-label="需要您办理">
          <h2>需要您办理</h2>
          {c.asks.map((ask) => (
            <div key={ask.kind} class="ap-ask-item">
              <p>
                <strong>{ask.kind}</strong>：{ask.zh}
                {ask.deadline ? `（期限 ${formatDateTime(ask.deadline)}）` : ''}
              </p>
              {ask.defects ? (
                <ol>
                  {ask.defects.map((defect) => (
                    <li key={defect}>{defect}</li>
                  ))}
                </ol>
              ) : null}
              {ask.kind === '评价' ? (
                <a class="ap-button" href={`${base}/rating`}>
                  去评价
                </a>
              ) : (
                <a class="ap-button" href={`${base}/correction`}>
                  {ask.kind === '补正' ? '去补正' : '去补交'}
                </a>
              )}
            </div>
          ))}
        </section>
      ) : null}
      {c.result ? (
        <section class="mf-card" aria-label="办理结果">
          <h2>办理结果</h2>
          <p>
            {c.result.kind}，{formatDateTime(c.result.at)}
            {c.result.licence ? `：${c.result.licence.name}（${c.result.licence.number}）` : ''}
            {c.result.reason ? `；理由：${c.result.reason}` : ''}
          </p>
          {c.rating.level ? <p class="mf-muted">您的评价：{c.rating.level}</p> : null}
        </section>
      ) : null}
      <section class="mf-card" aria-label="申请材料">
        <h2>申请材料</h2>
        <table>
          <thead>
            <tr>
              <th>材料</th>
              <th>必要性</th>
              <th>状态</th>
              <th>电子文件</th>
            </tr>
          </thead>
          <tbody>
            {c.materials.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{NECESSITY[m.necessity] ?? m.necessity}</td>
                <td>{m.received ? '已收取' : m.owed ? '容缺待补' : '未提交'}</td>
                <td>
                  <MaterialFiles caseId={c.caseId} files={m.files} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {c.notices.length > 0 ? (
          <div>
            <h3>补正告知记录</h3>
            {c.notices.map((notice) => (
              <p key={notice.at}>
                {formatDateTime(notice.at)}：{notice.defects.join('；')}
              </p>
            ))}
          </div>
        ) : null}
      </section>
    </div>
  );
}
