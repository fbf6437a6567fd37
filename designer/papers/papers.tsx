/**
 * 收件回执 / 受理回执 and 办结通知书 as printable pages: the 办件编号, the matter, the applicant
 * (证件号码 masked), the dates, the promised limit and due date, the materials received with each
 * file's sha256 (so the paper itself says which bytes were handed in), and on the receipt the
 * verification code with the progress query's address.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { formatSize } from '../shared/material-files.js';
import type { Shell } from '../shared/shell.js';

interface PaperMaterial {
  readonly id: string;
  readonly name: string;
  readonly received: boolean;
  readonly owed: boolean;
  readonly files: ReadonlyArray<{ version: number; sha256: string; size: number; fileName: string }>;
}
interface Party {
  readonly name: string;
  readonly idType: string;
  readonly idNumber: string;
}
interface ReceiptView {
  readonly title: string;
  readonly caseId: string;
  readonly number: string | null;
  readonly verificationCode: string | null;
  readonly matter: { code: string; version: number; name: string };
  readonly applicant: Party;
  readonly channel: string;
  readonly status: string;
  readonly receivedAt: string;
  readonly acceptance: { at: string; documentNo: string | null; auto: boolean } | null;
  readonly answerBy: string | null;
  readonly promisedLimit: { amount: number; unit: string } | null;
  readonly dueAt: string | null;
  readonly provisional: boolean;
  readonly materials: readonly PaperMaterial[];
  readonly openDefects: readonly string[];
}
interface NoticeView {
  readonly title: string;
  readonly number: string | null;
  readonly caseId: string;
  readonly matter: { code: string; name: string };
  readonly applicant: Party;
  readonly receivedAt: string;
  readonly acceptedAt: string | null;
  readonly result: {
    kind: string;
    at: string;
    reason: string | null;
    licence: { name: string; number: string } | null;
  };
  readonly delivery: { at: string; method: string } | null;
}

function useLoaded<T>(shell: Shell, path: string): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    api<T>(path).then(setValue, (error: unknown) => shell.showError(error));
  }, [path]);
  return value;
}

function PrintBar() {
  return (
    <div class="pp-bar no-print">
      <button type="button" class="primary" onClick={() => window.print()}>
        打印
      </button>{' '}
      <button type="button" onClick={() => history.back()}>
        返回
      </button>
    </div>
  );
}

export function Receipt({ shell, caseId }: { shell: Shell; caseId: string }) {
  const r = useLoaded<ReceiptView>(shell, `/api/cases/${encodeURIComponent(caseId)}/receipt`);
  if (!r) return <p class="mf-muted">正在加载…</p>;
  const query =
    r.number && r.verificationCode
      ? `${location.origin}/progress?number=${encodeURIComponent(r.number)}&code=${encodeURIComponent(r.verificationCode)}`
      : null;
  return (
    <>
      <PrintBar />
      <article class="pp-paper" aria-label={r.title}>
        <h1>{r.title}</h1>
        <table class="pp-facts">
          <tbody>
            <tr>
              <th>办件编号</th>
              <td data-testid="paper-number">{r.number ?? r.caseId}</td>
              <th>查询码</th>
              <td data-testid="paper-code">{r.verificationCode ?? '—'}</td>
            </tr>
            <tr>
              <th>事项名称</th>
              <td colSpan={3}>
                {r.matter.name}（实施编码 {r.matter.code}，第 {r.matter.version} 版）
              </td>
            </tr>
            <tr>
              <th>申请人</th>
              <td>{r.applicant.name}</td>
              <th>{r.applicant.idType}</th>
              <td>{r.applicant.idNumber}</td>
            </tr>
            <tr>
              <th>申请方式</th>
              <td>{r.channel}</td>
              <th>收件时间</th>
              <td>{formatDateTime(r.receivedAt)}</td>
            </tr>
            <tr>
              <th>受理时间</th>
              <td>
                {r.acceptance
                  ? `${formatDateTime(r.acceptance.at)}${r.acceptance.auto ? '（逾期未答复，视为受理）' : ''}`
                  : r.answerBy
                    ? `尚未受理（窗口于 ${formatDateTime(r.answerBy)} 前答复）`
                    : `尚未受理（${r.status}）`}
              </td>
              <th>受理文书编号</th>
              <td>{r.acceptance?.documentNo ?? '—'}</td>
            </tr>
            <tr>
              <th>承诺办结时限</th>
              <td>
                {r.promisedLimit ? `${r.promisedLimit.amount} 个${r.promisedLimit.unit}（自受理之日起）` : '即办'}
              </td>
              <th>办结期限</th>
              <td>{r.dueAt ? `${formatDateTime(r.dueAt)}${r.provisional ? '（暂定）' : ''}` : '受理后计算'}</td>
            </tr>
          </tbody>
        </table>
        <h2>已收取的申请材料</h2>
        <table class="pp-materials">
          <thead>
            <tr>
              <th>材料</th>
              <th>状态</th>
              <th>电子文件（版本、大小、sha256 摘要）</th>
            </tr>
          </thead>
          <tbody>
            {r.materials.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.received ? '已收取' : m.owed ? '容缺待补' : '未提交'}</td>
                <td>
                  {m.files.length === 0
                    ? '—'
                    : m.files.map((f) => (
                        <div key={`${f.sha256}-${f.version}`} class="pp-file">
                          第 {f.version} 版 {f.fileName}（{formatSize(f.size)}）
                          <br />
                          <code>{f.sha256}</code>
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.openDefects.length > 0 ? <p>待补正：{r.openDefects.join('；')}</p> : null}
        {query ? (
          <p class="pp-query">
            凭办件编号和查询码可查询办理进度（无需登录）：<span class="pp-url">{query}</span>
          </p>
        ) : null}
        <p class="pp-footer">本回执由政务服务中心出具。文件摘要（sha256）可用于核验所提交材料未被更改。</p>
      </article>
    </>
  );
}

export function ResultNotice({ shell, caseId }: { shell: Shell; caseId: string }) {
  const n = useLoaded<NoticeView>(shell, `/api/cases/${encodeURIComponent(caseId)}/result-notice`);
  if (!n) return <p class="mf-muted">正在加载…</p>;
  return (
    <>
      <PrintBar />
      <article class="pp-paper" aria-label={n.title}>
        <h1>{n.title}</h1>
        <p>
          {n.applicant.name}（{n.applicant.idType} {n.applicant.idNumber}）：
        </p>
        <p class="pp-body">
          您于 {formatDateTime(n.receivedAt)} 申请的「{n.matter.name}」（办件编号 {n.number ?? n.caseId}）
          {n.acceptedAt ? `，已于 ${formatDateTime(n.acceptedAt)} 受理，` : '，'}现已于 {formatDateTime(n.result.at)}{' '}
          办结，办理结果：<strong data-testid="paper-result">{n.result.kind}</strong>。
          {n.result.licence ? `出具「${n.result.licence.name}」，证号 ${n.result.licence.number}。` : ''}
          {n.result.reason ? `理由：${n.result.reason}。` : ''}
        </p>
        {n.delivery ? (
          <p>
            送达：{n.delivery.method}，{formatDateTime(n.delivery.at)}
          </p>
        ) : null}
        <p class="pp-footer">如对办理结果有异议，可依法申请行政复议或者提起行政诉讼。</p>
      </article>
    </>
  );
}
