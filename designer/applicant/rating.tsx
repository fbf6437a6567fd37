/**
 * 评价 (/my-cases/:caseId/rating), after 办结: one rating per case online (一事一评), five levels
 * stored as their labels, the reasons for the level, the department rated, a comment. A 差评
 * (不满意 / 非常不满意) needs a reason and opens a rectification the department must answer.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, newIdempotencyKey } from '../shared/api.js';
import { messageOf, type Shell } from '../shared/shell.js';
import type { ApplicantCase } from './types.js';

const LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
const BAD = new Set<string>(['不满意', '非常不满意']);
const GOOD_REASONS = ['办事便捷', '材料精简', '一次办成', '服务热情', '办理时间短', '网上可办'];
const BAD_REASONS = ['多次跑动', '材料重复提交', '办理时间长', '一次性告知不清', '服务态度差', '网上办理不便', '其他'];

export function Rating({ shell, caseId }: { shell: Shell; caseId: string }) {
  const [c, setCase] = useState<ApplicantCase | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [reasons, setReasons] = useState<ReadonlySet<string>>(new Set());
  const [department, setDepartment] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  useEffect(() => {
    api<ApplicantCase>(`/api/applicant/cases/${encodeURIComponent(caseId)}`).then(
      (loaded) => {
        setCase(loaded);
        setDepartment(loaded.rating.departments[loaded.rating.departments.length - 1] ?? '');
      },
      (error: unknown) => shell.showError(error),
    );
  }, [caseId]);
  if (!c) return <p class="mf-muted">正在加载…</p>;
  if (!c.rating.open)
    return (
      <div class="ap-page">
        <h1>评价</h1>
        <p>
          {c.rating.level ? `您已评价：${c.rating.level}。` : `办件尚未办结（${c.status}），办结后可评价。`}{' '}
          <a href={`/my-cases/${encodeURIComponent(c.caseId)}`}>返回办件</a>
        </p>
      </div>
    );

  const bad = level !== null && BAD.has(level);
  const offered = level === null ? [] : bad ? BAD_REASONS : GOOD_REASONS;
  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    if (!level) return setProblem('请选择评价等级');
    if (bad && reasons.size === 0) return setProblem('差评请至少选择一项原因');
    if (!department) return setProblem('请选择被评价的部门');
    const chosen = offered.filter((reason) => reasons.has(reason));
    const comment = [chosen.length > 0 ? `评价原因：${chosen.join('、')}` : '', text.trim()].filter(Boolean).join('；');
    setBusy(true);
    try {
      await api('/api/ratings', {
        body: {
          caseId: c.caseId,
          department,
          mode: '一事一评',
          channel: '网上',
          level,
          ...(comment ? { text: comment } : {}),
        },
        idempotencyKey: key,
      });
      sessionStorage.setItem('applicant.notice', bad ? '评价已提交，相关部门将在限期内整改并回访' : '感谢您的评价');
      location.assign(`/my-cases/${encodeURIComponent(c.caseId)}`);
    } catch (error) {
      setProblem(messageOf(error));
      setBusy(false);
    }
  };

  return (
    <form class="ap-page" onSubmit={(e) => void submit(e)}>
      <h1>
        评价{' '}
        <small class="mf-muted">
          {c.matter.name}，办件编号 {c.number ?? c.caseId}
        </small>
      </h1>
      <section class="mf-card">
        <fieldset class="ap-levels">
          <legend>您对本次办事服务的评价</legend>
          {LEVELS.map((label) => (
            <label key={label}>
              <input
                type="radio"
                name="level"
                value={label}
                checked={level === label}
                onChange={() => {
                  setLevel(label);
                  setReasons(new Set());
                }}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        {level ? (
          <fieldset class="ap-reasons">
            <legend>{bad ? '不满意的原因（至少一项）' : '满意的方面'}</legend>
            {offered.map((reason) => (
              <label key={reason}>
                <input
                  type="checkbox"
                  checked={reasons.has(reason)}
                  onChange={(e) => {
                    const next = new Set(reasons);
                    if (e.currentTarget.checked) next.add(reason);
                    else next.delete(reason);
                    setReasons(next);
                  }}
                />{' '}
                {reason}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div class="ap-fields">
          <label>
            被评价部门{' '}
            <select value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
              {c.rating.departments.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label class="ap-wide">
            补充说明（选填）
            <textarea value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={1000} rows={3} />
          </label>
        </div>
        {bad ? <p class="mf-muted">差评将转相关部门整改，整改完成后回访；您的评价结果会公开。</p> : null}
        <button type="submit" class="primary" disabled={busy}>
          提交评价
        </button>
        {problem ? (
          <p class="ap-problem" role="alert">
            {problem}
          </p>
        ) : null}
      </section>
    </form>
  );
}
