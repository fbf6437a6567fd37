/**
 * 办理: one task. The case (status, applicant masked, matter, due dates), its materials, its
 * application form (read-only, rendered from the matter's schema), its history, and the
 * operations the server says this user may do now (GET /api/tasks/{taskId} → operations), each
 * with its form. Every submit carries an idempotency key; every refusal shows the server's
 * Chinese message.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, newIdempotencyKey } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { messageOf, type Shell } from '../shared/shell.js';
import { schemaForm, type SchemaForm } from './schema-form.js';
import { clockLabel, Due, Signal, type Timing } from './timing.js';
import type { WorklistRow } from './worklist.js';

interface Material { id: string; name: string; necessity: 'required' | 'tolerated' | 'optional'; state?: 'received' | 'tolerated' | 'missing'; received?: boolean; deadline?: string }
interface Offered { key: string; operation: string; label: string; options?: Record<string, unknown> }
interface CaseView {
  caseId: string;
  status: string | null;
  matter: { code: string; version: number; name: string } | null;
  applicant: { name: string; idType: string; idNumber: string } | null;
  channel: string | null;
  openDefects: string[];
  acceptance: { at: string; by: string; documentNo: string | null } | null;
  responsibleOfficer: string | null;
  tolerance: { missing: string[]; deadline: string; commitment: string } | null;
  tasks: Array<{ taskId: string; elementId: string; name: string | null; department: string | null; assignee: string | null }>;
  result: { kind: string; reason: string | null; licence: { name: string; number: string } | null } | null;
}
export interface TaskDetail {
  task: WorklistRow;
  owner: string | null;
  delegation: string | null;
  case: CaseView;
  materials: Material[];
  form: Record<string, unknown>;
  formSchema: unknown;
  resultName: string | null;
  history: Array<{ seq: number; time: string; actor: string; text: string }>;
  operations: Offered[];
  officers: Array<{ id: string; name: string; department: string | null }>;
}

const NECESSITY: Readonly<Record<string, string>> = { required: '必要', tolerated: '可容缺', optional: '非必要' };
const MATERIAL_STATE: Readonly<Record<string, string>> = { received: '已收取', tolerated: '容缺待补', missing: '未提交' };
/** Operations done at once, without a form. */
const DIRECT = new Set(['claim', 'unclaim', 'resolve']);

export function TaskPage({ shell, taskId }: { shell: Shell; taskId: string }) {
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const [gone, setGone] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const load = async () => {
    try {
      setDetail(await api<TaskDetail>(`/api/tasks/${encodeURIComponent(taskId)}`));
    } catch (error) {
      if (error instanceof ApiFailure && (error.status === 404 || error.status === 403)) setGone(error.zh);
      else shell.showError(error);
    }
  };
  useEffect(() => void load(), [taskId]);

  /** Submit one operation; on success reload (or go back to the worklist when the task is done). */
  const submit = async (offered: Offered, data: Record<string, unknown>, key: string) => {
    if (!detail) return;
    setBusy(true);
    setRefusal(null);
    try {
      const after = await api<CaseView>(`/api/cases/${encodeURIComponent(detail.case.caseId)}/operations`, { body: { operation: offered.operation, data: { taskId, ...data } }, idempotencyKey: key });
      shell.notify(`${offered.label}：已办理`, 'success');
      setOpen(null);
      if (after.tasks.some((t) => t.taskId === taskId)) await load();
      else {
        sessionStorage.setItem('worklist.notice', `办件 ${after.caseId}「${detail.task.name ?? ''}」已${offered.label === '通过 / 不通过' ? '办理' : offered.label}，当前状态：${after.status ?? ''}`);
        location.assign('/worklist');
      }
    } catch (error) {
      const message = messageOf(error);
      setRefusal(message);
      shell.showError(error);
    } finally {
      setBusy(false);
    }
  };

  if (gone) return <div class="mf-card"><p>{gone}</p><a href="/worklist">返回待办</a></div>;
  if (!detail) return <p class="mf-muted">正在加载…</p>;
  const c = detail.case;
  const current = detail.operations.find((o) => o.key === open) ?? null;
  return (
    <div class="wl-task">
      <div class="wl-heading">
        <a href="/worklist">← 待办</a>
        <h1>{detail.task.name ?? detail.task.elementId}<small class="mf-muted"> · {c.matter?.name ?? ''}</small></h1>
      </div>
      <section class="mf-card wl-case-header" aria-label="办件信息">
        <dl>
          <dt>办件编号</dt><dd class="wl-case-id">{c.caseId}</dd>
          <dt>办件状态</dt><dd><strong class="wl-status">{c.status ?? '—'}</strong></dd>
          <dt>事项</dt><dd>{c.matter ? `${c.matter.name}（${c.matter.code}，第 ${c.matter.version} 版）` : '—'}</dd>
          <dt>申请人</dt><dd>{c.applicant ? `${c.applicant.name}（${c.applicant.idType} ${c.applicant.idNumber}）` : '—'}</dd>
          <dt>渠道</dt><dd>{c.channel ?? '—'}</dd>
          <dt>受理</dt><dd>{c.acceptance ? `${formatDateTime(c.acceptance.at)}，${c.acceptance.by}` : '未受理'}{c.responsibleOfficer ? `（首办负责：${c.responsibleOfficer}）` : ''}</dd>
          <dt>当前环节</dt><dd>{detail.task.name}（{detail.task.department ?? '—'}）{detail.task.assignee ? `，签收人 ${detail.task.assignee}` : '，未签收'}{detail.delegation === 'pending' ? `，委派自 ${detail.owner ?? ''}` : ''}</dd>
          <dt>环节时限</dt><dd><Due timing={detail.task.step} /> {detail.task.step ? <span class="mf-muted">{clockLabel(detail.task.step)}</span> : null} <Signal level={detail.task.step?.signal} /></dd>
          <dt>办件时限</dt><dd><Due timing={detail.task.case} /> <span class="mf-muted">{clockLabel(detail.task.case)}</span> <Signal level={detail.task.case?.signal} /></dd>
          {c.result ? <><dt>办结结果</dt><dd>{c.result.kind}{c.result.licence ? `：${c.result.licence.name} ${c.result.licence.number}` : ''}{c.result.reason ? `（${c.result.reason}）` : ''}</dd></> : null}
        </dl>
      </section>

      <section class="mf-card wl-actions" aria-label="办理操作">
        <h2>办理</h2>
        {detail.operations.length === 0 ? (
          <p class="mf-muted">您对该任务没有可执行的操作（仅可查看）。</p>
        ) : (
          <div class="mf-toolbar">
            {detail.operations.map((o) =>
              DIRECT.has(o.key) ? (
                <button type="button" key={o.key} disabled={busy} onClick={() => void submit(o, {}, newIdempotencyKey())}>{o.label}</button>
              ) : (
                <button type="button" key={o.key} class={open === o.key ? 'primary' : undefined} aria-expanded={open === o.key} disabled={busy} onClick={() => { setRefusal(null); setOpen(open === o.key ? null : o.key); }}>{o.label}</button>
              ),
            )}
          </div>
        )}
        {refusal ? <p class="wl-refusal" role="alert">{refusal}</p> : null}
        {current ? <OperationForm key={current.key} offered={current} detail={detail} busy={busy} onSubmit={(data, key) => submit(current, data, key)} onCancel={() => setOpen(null)} /> : null}
      </section>

      <div class="wl-columns">
        <section class="mf-card" aria-label="申请材料">
          <h2>申请材料</h2>
          <table>
            <thead><tr><th>材料</th><th>必要性</th><th>状态</th></tr></thead>
            <tbody>
              {detail.materials.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{NECESSITY[m.necessity] ?? m.necessity}</td>
                  <td class={`wl-material-${m.state ?? ''}`}>{MATERIAL_STATE[m.state ?? ''] ?? '—'}{m.deadline ? `（补交期限 ${formatDateTime(m.deadline)}）` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.openDefects.length > 0 ? <p>待补正：{c.openDefects.join('；')}</p> : null}
          {c.tolerance ? <p class="mf-muted">容缺承诺：{c.tolerance.commitment}</p> : null}
        </section>
        <section class="mf-card" aria-label="办理记录">
          <h2>办理记录</h2>
          <ol class="wl-history">
            {detail.history.map((h) => (
              <li key={h.seq}><span class="mf-muted">{formatDateTime(h.time)} · {h.actor}</span> {h.text}</li>
            ))}
          </ol>
        </section>
      </div>
      <section class="mf-card" aria-label="申请表">
        <h2>申请表</h2>
        <ReadOnlyForm schema={detail.formSchema} value={detail.form} />
      </section>
    </div>
  );
}

function ReadOnlyForm({ schema, value }: { schema: unknown; value: Record<string, unknown> }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current || !schema) return;
    let form: SchemaForm | null = null;
    let cancelled = false;
    void schemaForm(host.current, schema, { value, readOnly: true }).then((ready) => {
      if (cancelled) ready.destroy();
      else form = ready;
    });
    return () => {
      cancelled = true;
      form?.destroy();
    };
  }, [schema, value]);
  if (!schema) return <p class="mf-muted">该事项没有申请表</p>;
  return <div ref={host} />;
}

interface FormProps {
  offered: Offered;
  detail: TaskDetail;
  busy: boolean;
  onSubmit(data: Record<string, unknown>, idempotencyKey: string): Promise<void>;
  onCancel(): void;
}

/** The form of one operation. The idempotency key lives as long as the form: a retry after a network failure is the same action. */
function OperationForm({ offered, detail, busy, onSubmit, onCancel }: FormProps) {
  const key = useMemo(() => newIdempotencyKey(), [offered.key]);
  const [problem, setProblem] = useState<string | null>(null);
  const fields = useRef<Record<string, unknown>>({});
  const set = (name: string, value: unknown) => {
    fields.current = { ...fields.current, [name]: value };
  };
  const o = offered.options ?? {};
  const send = (event: Event) => {
    event.preventDefault();
    const built = build(offered, fields.current, detail);
    if (typeof built === 'string') {
      setProblem(built);
      return;
    }
    setProblem(null);
    void onSubmit(built, key);
  };
  return (
    <form class="wl-op-form" onSubmit={send} aria-label={offered.label} noValidate>
      <h3>{offered.label}</h3>
      <OperationFields offered={offered} options={o} detail={detail} set={set} />
      {problem ? <p class="wl-refusal" role="alert">{problem}</p> : null}
      <div class="mf-toolbar">
        <button type="submit" class="primary" disabled={busy}>{busy ? '提交中…' : `确认${offered.key === 'approve' ? '提交' : offered.label}`}</button>
        <button type="button" onClick={onCancel} disabled={busy}>取消</button>
      </div>
    </form>
  );
}

function OperationFields({ offered, options, detail, set }: { offered: Offered; options: Record<string, unknown>; detail: TaskDetail; set(name: string, value: unknown): void }) {
  switch (offered.key) {
    case 'approve': {
      const variables = (options['variables'] as Array<{ name: string; type: 'boolean' | 'enum'; values?: string[] }>) ?? [];
      return (
        <>
          <fieldset class="wl-inline">
            <legend>办理结果</legend>
            {((options['decisions'] as string[]) ?? ['通过', '不通过']).map((d) => (
              <label key={d}><input type="radio" name="decision" value={d} onChange={() => set('decision', d)} /> {d}</label>
            ))}
          </fieldset>
          <label class="wl-field">办理意见<textarea name="opinion" rows={3} required onInput={(e) => set('text', e.currentTarget.value)} /></label>
          {variables.map((v) =>
            v.type === 'boolean' ? (
              <label key={v.name} class="wl-check"><input type="checkbox" onChange={(e) => set(`var:${v.name}`, e.currentTarget.checked)} /> {v.name}</label>
            ) : (
              <label key={v.name} class="wl-field">{v.name}
                <select onChange={(e) => set(`var:${v.name}`, e.currentTarget.value)}>
                  <option value="">请选择</option>
                  {(v.values ?? []).map((value) => <option key={value} value={value}>{value}</option>)}
                </select>
              </label>
            ),
          )}
        </>
      );
    }
    case 'return':
      return (
        <>
          <label class="wl-field">退回到
            <select name="activate" onChange={(e) => set('activate', e.currentTarget.value)}>
              <option value="">请选择环节</option>
              {((options['targets'] as Array<{ elementId: string; name: string }>) ?? []).map((t) => <option key={t.elementId} value={t.elementId}>{t.name}</option>)}
            </select>
          </label>
          <label class="wl-field">退回理由<textarea rows={2} onInput={(e) => set('reason', e.currentTarget.value)} /></label>
        </>
      );
    case 'transfer':
    case 'delegate':
    case 'addSigner':
      return (
        <label class="wl-field">{offered.key === 'transfer' ? '转办给' : offered.key === 'delegate' ? '委派给' : '加签人员'}
          <select onChange={(e) => set('to', e.currentTarget.value)}>
            <option value="">请选择人员</option>
            {detail.officers.map((u) => <option key={u.id} value={u.id}>{u.name === u.id ? u.id : `${u.name}（${u.id}）`}{u.department ? ` · ${u.department}` : ''}</option>)}
          </select>
        </label>
      );
    case 'correction':
      return <CorrectionFields options={options} set={set} />;
    case 'supply': {
      const materials = ((options['materials'] as Material[]) ?? []).filter((m) => !m.received);
      const defects = (options['openDefects'] as string[]) ?? [];
      return (
        <>
          <fieldset><legend>补交的材料</legend>
            {materials.map((m) => <label key={m.id} class="wl-check"><input type="checkbox" onChange={(e) => set(`material:${m.id}`, e.currentTarget.checked)} /> {m.name}</label>)}
          </fieldset>
          {defects.length > 0 ? (
            <fieldset><legend>本次补正解决的问题</legend>
              {defects.map((d) => <label key={d} class="wl-check"><input type="checkbox" onChange={(e) => set(`cure:${d}`, e.currentTarget.checked)} /> {d}</label>)}
            </fieldset>
          ) : null}
        </>
      );
    }
    case 'accept':
      return <label class="wl-field">受理文书编号（可选）<input onInput={(e) => set('documentNo', e.currentTarget.value)} /></label>;
    case 'acceptWithTolerance': {
      const missing = (options['missing'] as Material[]) ?? [];
      const deadline = options['supplementDeadline'] as { amount: number; unit: string } | null;
      return (
        <>
          <p>容缺材料：<strong>{missing.map((m) => m.name).join('、')}</strong></p>
          <p class="mf-muted">补交期限：受理后 {deadline ? `${deadline.amount} ${deadline.unit}` : '承诺时限'}内（不超过承诺办结时限），逾期未补交的办件终止。</p>
          <label class="wl-field">容缺受理承诺书内容<textarea rows={3} onInput={(e) => set('commitment', e.currentTarget.value)} /></label>
          <label class="wl-field">受理文书编号（可选）<input onInput={(e) => set('documentNo', e.currentTarget.value)} /></label>
        </>
      );
    }
    case 'refuse':
      return <label class="wl-field">不予受理理由<textarea rows={3} onInput={(e) => set('reason', e.currentTarget.value)} /></label>;
    case 'conclude':
      return <ConcludeFields options={options} resultName={detail.resultName} set={set} />;
    case 'deliver':
      return (
        <label class="wl-field">送达方式
          <select onChange={(e) => set('method', e.currentTarget.value)}>
            <option value="">请选择</option>
            {((options['methods'] as string[]) ?? []).map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
      );
    case 'specialStart':
      return (
        <>
          <label class="wl-field">特别程序种类
            <select onChange={(e) => set('kind', e.currentTarget.value)}>
              <option value="">请选择</option>
              {((options['kinds'] as string[]) ?? []).map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </label>
          <label class="wl-field">理由<textarea rows={2} onInput={(e) => set('reason', e.currentTarget.value)} /></label>
          <label class="wl-field">批准人（可选）<input onInput={(e) => set('approver', e.currentTarget.value)} /></label>
          <p class="mf-muted">特别程序期间暂停计时，所需时间不计入办结时限。</p>
        </>
      );
    case 'specialEnd':
      return <label class="wl-field">特别程序结果<textarea rows={2} onInput={(e) => set('result', e.currentTarget.value)} /></label>;
    case 'extend': {
      const clocks = (options['clocks'] as Array<{ clockId: string; kind: string; unit: string; dueAt: string }>) ?? [];
      return (
        <>
          <label class="wl-field">延长的时限
            <select onChange={(e) => set('clockId', e.currentTarget.value)}>
              {clocks.map((c) => <option key={c.clockId} value={c.kind === 'case' ? '' : c.clockId}>{c.kind === 'case' ? '办件时限' : '环节时限'}（现截止 {formatDateTime(c.dueAt)}）</option>)}
            </select>
          </label>
          <label class="wl-field">延长天数（{clocks[0]?.unit ?? '工作日'}）<input type="number" min={1} max={60} onInput={(e) => set('amount', Number(e.currentTarget.value))} /></label>
          <label class="wl-field">批准人<input onInput={(e) => set('approver', e.currentTarget.value)} /></label>
          <label class="wl-field">延长理由<textarea rows={2} onInput={(e) => set('reason', e.currentTarget.value)} /></label>
        </>
      );
    }
    default:
      return null;
  }
}

/** 补正告知 (一次性告知): every defect at once — materials ticked with what is wrong, plus free-text defects. */
function CorrectionFields({ options, set }: { options: Record<string, unknown>; set(name: string, value: unknown): void }) {
  const materials = (options['materials'] as Material[]) ?? [];
  const first = (options['firstNotice'] as string[] | null) ?? null;
  const [others, setOthers] = useState<string[]>(['']);
  const [picked, setPicked] = useState<Record<string, { on: boolean; text: string }>>(() => Object.fromEntries(materials.map((m) => [m.id, { on: !m.received && m.necessity === 'required', text: !m.received && m.necessity === 'required' ? '未提交' : '' }])));
  useEffect(() => {
    const defects = [
      ...materials.filter((m) => picked[m.id]?.on).map((m) => `${m.name}：${picked[m.id]?.text.trim() || '需补正'}`),
      ...others.map((t) => t.trim()).filter(Boolean),
    ];
    set('defects', defects);
  }, [picked, others]);
  return (
    <>
      {first ? <p class="mf-muted">已于首次告知中列明：{first.join('；')}。一次性告知：再次告知只能重复其中的问题。</p> : <p class="mf-muted">请一次性列明全部需要补正的问题。</p>}
      <fieldset><legend>材料问题</legend>
        {materials.map((m) => (
          <div key={m.id} class="wl-defect">
            <label class="wl-check"><input type="checkbox" checked={picked[m.id]?.on ?? false} onChange={(e) => setPicked({ ...picked, [m.id]: { on: e.currentTarget.checked, text: picked[m.id]?.text ?? '' } })} /> {m.name}<small class="mf-muted">（{NECESSITY[m.necessity]}，{m.received ? '已收取' : '未提交'}）</small></label>
            <input aria-label={`${m.name}的问题`} placeholder="问题说明，如：未提交、未加盖公章、已过有效期" value={picked[m.id]?.text ?? ''} onInput={(e) => setPicked({ ...picked, [m.id]: { on: true, text: e.currentTarget.value } })} />
          </div>
        ))}
      </fieldset>
      <fieldset><legend>其他问题</legend>
        {others.map((text, index) => (
          <input key={index} aria-label={`其他问题 ${index + 1}`} value={text} placeholder="如：申请表经营项目与经营场所不符" onInput={(e) => setOthers(others.map((t, i) => (i === index ? e.currentTarget.value : t)))} />
        ))}
        <button type="button" onClick={() => setOthers([...others, ''])}>添加一项</button>
      </fieldset>
    </>
  );
}

function ConcludeFields({ options, resultName, set }: { options: Record<string, unknown>; resultName: string | null; set(name: string, value: unknown): void }) {
  const [kind, setKind] = useState('');
  useEffect(() => {
    set('kind', kind);
    if (kind === '出证' && resultName) set('licenceName', resultName);
  }, [kind]);
  return (
    <>
      <label class="wl-field">办结结果
        <select onChange={(e) => setKind(e.currentTarget.value)}>
          <option value="">请选择</option>
          {((options['kinds'] as string[]) ?? []).map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </label>
      {kind === '出证' ? (
        <>
          <label class="wl-field">证照名称<input defaultValue={resultName ?? ''} onInput={(e) => set('licenceName', e.currentTarget.value)} /></label>
          <label class="wl-field">证照编号<input onInput={(e) => set('licenceNumber', e.currentTarget.value)} /></label>
        </>
      ) : kind ? (
        <label class="wl-field">理由<textarea rows={2} onInput={(e) => set('reason', e.currentTarget.value)} /></label>
      ) : null}
    </>
  );
}

/** The operation's data from its form, or what is missing (in Chinese). The server checks again. */
function build(offered: Offered, f: Record<string, unknown>, detail: TaskDetail): Record<string, unknown> | string {
  const text = (name: string) => (typeof f[name] === 'string' ? (f[name] as string).trim() : '');
  switch (offered.key) {
    case 'approve': {
      if (!text('decision')) return '请选择办理结果（通过或不通过）';
      if (!text('text')) return '请填写办理意见';
      const variables = Object.fromEntries(
        ((offered.options?.['variables'] as Array<{ name: string; type: string }>) ?? []).map((v) => [v.name, v.type === 'boolean' ? f[`var:${v.name}`] === true : (f[`var:${v.name}`] ?? null)]),
      );
      return { opinion: { decision: text('decision'), text: text('text') }, variables };
    }
    case 'return': {
      if (!text('activate')) return '请选择退回到的环节';
      return { cancel: [detail.task.instanceId], activate: text('activate'), reason: text('reason') };
    }
    case 'transfer':
    case 'delegate':
      if (!text('to')) return '请选择人员';
      return { to: text('to') };
    case 'addSigner':
      if (!text('to')) return '请选择加签人员';
      return { instanceId: offered.options?.['instanceId'], items: [text('to')] };
    case 'correction': {
      const defects = (f['defects'] as string[] | undefined) ?? [];
      if (defects.length === 0) return '请至少列明一项需要补正的问题';
      return { defects };
    }
    case 'supply': {
      const materials = Object.keys(f).filter((k) => k.startsWith('material:') && f[k] === true).map((k) => k.slice('material:'.length));
      const cures = Object.keys(f).filter((k) => k.startsWith('cure:') && f[k] === true).map((k) => k.slice('cure:'.length));
      if (materials.length === 0 && cures.length === 0) return '请选择补交的材料';
      return { materials, cures };
    }
    case 'accept':
      return text('documentNo') ? { documentNo: text('documentNo') } : {};
    case 'acceptWithTolerance':
      return { commitment: text('commitment'), ...(text('documentNo') ? { documentNo: text('documentNo') } : {}) };
    case 'refuse':
      return { reason: text('reason') };
    case 'conclude':
      return text('kind') === '出证' ? { kind: '出证', licence: { name: text('licenceName'), number: text('licenceNumber') } } : { kind: text('kind'), reason: text('reason') };
    case 'deliver':
      return { method: text('method') };
    case 'specialStart':
      return { kind: text('kind'), reason: text('reason'), ...(text('approver') ? { approver: text('approver') } : {}) };
    case 'specialEnd':
      return { result: text('result') };
    case 'extend':
      return { ...(text('clockId') ? { clockId: text('clockId') } : {}), amount: f['amount'], approver: text('approver'), reason: text('reason') };
    default:
      return {};
  }
}

export type { Timing };
