/**
 * The form of one operation the server offers on a task: its fields (opinion, decision variables,
 * 退回 target, officer for 转办 / 委派 / 加签, the 补正 notice, 办结, 特别程序, 延长) and the command
 * data it builds. The idempotency key lives as long as the form.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { newIdempotencyKey } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { NECESSITY, type Material, type Offered, type TaskDetail } from './task-types.js';

interface FormProps {
  offered: Offered;
  detail: TaskDetail;
  busy: boolean;
  onSubmit(data: Record<string, unknown>, idempotencyKey: string): Promise<void>;
  onCancel(): void;
}

/** The form of one operation. The idempotency key lives as long as the form: a retry after a network failure is the same action. */
export function OperationForm({ offered, detail, busy, onSubmit, onCancel }: FormProps) {
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
      {problem ? (
        <p class="wl-refusal" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="mf-toolbar">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? '提交中…' : `确认${offered.key === 'approve' ? '提交' : offered.label}`}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          取消
        </button>
      </div>
    </form>
  );
}

function OperationFields({
  offered,
  options,
  detail,
  set,
}: {
  offered: Offered;
  options: Record<string, unknown>;
  detail: TaskDetail;
  set(name: string, value: unknown): void;
}) {
  switch (offered.key) {
    case 'approve': {
      const variables =
        (options['variables'] as Array<{ name: string; type: 'boolean' | 'enum'; values?: string[] }>) ?? [];
      return (
        <>
          <fieldset class="wl-inline">
            <legend>办理结果</legend>
            {((options['decisions'] as string[]) ?? ['通过', '不通过']).map((d) => (
              <label key={d}>
                <input type="radio" name="decision" value={d} onChange={() => set('decision', d)} /> {d}
              </label>
            ))}
          </fieldset>
          <label class="wl-field">
            办理意见
            <textarea name="opinion" rows={3} required onInput={(e) => set('text', e.currentTarget.value)} />
          </label>
          {variables.map((v) =>
            v.type === 'boolean' ? (
              <label key={v.name} class="wl-check">
                <input type="checkbox" onChange={(e) => set(`var:${v.name}`, e.currentTarget.checked)} /> {v.name}
              </label>
            ) : (
              <label key={v.name} class="wl-field">
                {v.name}
                <select onChange={(e) => set(`var:${v.name}`, e.currentTarget.value)}>
                  <option value="">请选择</option>
                  {(v.values ?? []).map((value) => (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  ))}
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
          <label class="wl-field">
            退回到
            <select name="activate" onChange={(e) => set('activate', e.currentTarget.value)}>
              <option value="">请选择环节</option>
              {((options['targets'] as Array<{ elementId: string; name: string }>) ?? []).map((t) => (
                <option key={t.elementId} value={t.elementId}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label class="wl-field">
            退回理由
            <textarea rows={2} onInput={(e) => set('reason', e.currentTarget.value)} />
          </label>
        </>
      );
    case 'transfer':
    case 'delegate':
    case 'addSigner':
      return (
        <label class="wl-field">
          {offered.key === 'transfer' ? '转办给' : offered.key === 'delegate' ? '委派给' : '加签人员'}
          <select onChange={(e) => set('to', e.currentTarget.value)}>
            <option value="">请选择人员</option>
            {detail.officers.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name === u.id ? u.id : `${u.name}（${u.id}）`}
                {u.department ? ` · ${u.department}` : ''}
              </option>
            ))}
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
          <fieldset>
            <legend>补交的材料</legend>
            {materials.map((m) => (
              <label key={m.id} class="wl-check">
                <input type="checkbox" onChange={(e) => set(`material:${m.id}`, e.currentTarget.checked)} /> {m.name}
              </label>
            ))}
          </fieldset>
          {defects.length > 0 ? (
            <fieldset>
              <legend>本次补正解决的问题</legend>
              {defects.map((d) => (
                <label key={d} class="wl-check">
                  <input type="checkbox" onChange={(e) => set(`cure:${d}`, e.currentTarget.checked)} /> {d}
                </label>
              ))}
            </fieldset>
          ) : null}
        </>
      );
    }
    case 'accept':
      return (
        <label class="wl-field">
          受理文书编号（可选）
          <input onInput={(e) => set('documentNo', e.currentTarget.value)} />
        </label>
      );
    case 'acceptWithTolerance': {
      const missing = (options['missing'] as Material[]) ?? [];
      const deadline = options['supplementDeadline'] as { amount: number; unit: string } | null;
      return (
        <>
          <p>
            容缺材料：<strong>{missing.map((m) => m.name).join('、')}</strong>
          </p>
          <p class="mf-muted">
            补交期限：受理后 {deadline ? `${deadline.amount} ${deadline.unit}` : '承诺时限'}
            内（不超过承诺办结时限），逾期未补交的办件终止。
          </p>
          <label class="wl-field">
            容缺受理承诺书内容
            <textarea rows={3} onInput={(e) => set('commitment', e.currentTarget.value)} />
          </label>
          <label class="wl-field">
            受理文书编号（可选）
            <input onInput={(e) => set('documentNo', e.currentTarget.value)} />
          </label>
        </>
      );
    }
    case 'refuse':
      return (
        <label class="wl-field">
          不予受理理由
          <textarea rows={3} onInput={(e) => set('reason', e.currentTarget.value)} />
        </label>
      );
    case 'conclude':
      return <ConcludeFields options={options} resultName={detail.resultName} set={set} />;
    case 'deliver':
      return (
        <label class="wl-field">
          送达方式
          <select onChange={(e) => set('method', e.currentTarget.value)}>
            <option value="">请选择</option>
            {((options['methods'] as string[]) ?? []).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      );
    case 'specialStart':
      return (
        <>
          <label class="wl-field">
            特别程序种类
            <select onChange={(e) => set('kind', e.currentTarget.value)}>
              <option value="">请选择</option>
              {((options['kinds'] as string[]) ?? []).map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label class="wl-field">
            理由
            <textarea rows={2} onInput={(e) => set('reason', e.currentTarget.value)} />
          </label>
          <label class="wl-field">
            批准人（可选）
            <input onInput={(e) => set('approver', e.currentTarget.value)} />
          </label>
          <p class="mf-muted">特别程序期间暂停计时，所需时间不计入办结时限。</p>
        </>
      );
    case 'specialEnd':
      return (
        <label class="wl-field">
          特别程序结果
          <textarea rows={2} onInput={(e) => set('result', e.currentTarget.value)} />
        </label>
      );
    case 'extend': {
      const clocks = (options['clocks'] as Array<{ clockId: string; kind: string; unit: string; dueAt: string }>) ?? [];
      return (
        <>
          <label class="wl-field">
            延长的时限
            <select onChange={(e) => set('clockId', e.currentTarget.value)}>
              {clocks.map((c) => (
                <option key={c.clockId} value={c.kind === 'case' ? '' : c.clockId}>
                  {c.kind === 'case' ? '办件时限' : '环节时限'}（现截止 {formatDateTime(c.dueAt)}）
                </option>
              ))}
            </select>
          </label>
          <label class="wl-field">
            延长天数（{clocks[0]?.unit ?? '工作日'}）
            <input type="number" min={1} max={60} onInput={(e) => set('amount', Number(e.currentTarget.value))} />
          </label>
          <label class="wl-field">
            批准人
            <input onInput={(e) => set('approver', e.currentTarget.value)} />
          </label>
          <label class="wl-field">
            延长理由
            <textarea rows={2} onInput={(e) => set('reason', e.currentTarget.value)} />
          </label>
        </>
      );
    }
    default:
      return null;
  }
}

/** 补正告知 (一次性告知): every defect at once — materials ticked with what is wrong, plus free-text defects. */
function CorrectionFields({
  options,
  set,
}: {
  options: Record<string, unknown>;
  set(name: string, value: unknown): void;
}) {
  const materials = (options['materials'] as Material[]) ?? [];
  const first = (options['firstNotice'] as string[] | null) ?? null;
  const [others, setOthers] = useState<string[]>(['']);
  const [picked, setPicked] = useState<Record<string, { on: boolean; text: string }>>(() =>
    Object.fromEntries(
      materials.map((m) => [
        m.id,
        {
          on: !m.received && m.necessity === 'required',
          text: !m.received && m.necessity === 'required' ? '未提交' : '',
        },
      ]),
    ),
  );
  useEffect(() => {
    const defects = [
      ...materials.filter((m) => picked[m.id]?.on).map((m) => `${m.name}：${picked[m.id]?.text.trim() || '需补正'}`),
      ...others.map((t) => t.trim()).filter(Boolean),
    ];
    set('defects', defects);
  }, [picked, others]);
  return (
    <>
      {first ? (
        <p class="mf-muted">已于首次告知中列明：{first.join('；')}。一次性告知：再次告知只能重复其中的问题。</p>
      ) : (
        <p class="mf-muted">请一次性列明全部需要补正的问题。</p>
      )}
      <fieldset>
        <legend>材料问题</legend>
        {materials.map((m) => (
          <div key={m.id} class="wl-defect">
            <label class="wl-check">
              <input
                type="checkbox"
                checked={picked[m.id]?.on ?? false}
                onChange={(e) =>
                  setPicked({ ...picked, [m.id]: { on: e.currentTarget.checked, text: picked[m.id]?.text ?? '' } })
                }
              />{' '}
              {m.name}
              <small class="mf-muted">
                （{NECESSITY[m.necessity]}，{m.received ? '已收取' : '未提交'}）
              </small>
            </label>
            <input
              aria-label={`${m.name}的问题`}
              placeholder="问题说明，如：未提交、未加盖公章、已过有效期"
              value={picked[m.id]?.text ?? ''}
              onInput={(e) => setPicked({ ...picked, [m.id]: { on: true, text: e.currentTarget.value } })}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>其他问题</legend>
        {others.map((text, index) => (
          <input
            key={index}
            aria-label={`其他问题 ${index + 1}`}
            value={text}
            placeholder="如：申请表经营项目与经营场所不符"
            onInput={(e) => setOthers(others.map((t, i) => (i === index ? e.currentTarget.value : t)))}
          />
        ))}
        <button type="button" onClick={() => setOthers([...others, ''])}>
          添加一项
        </button>
      </fieldset>
    </>
  );
}

function ConcludeFields({
  options,
  resultName,
  set,
}: {
  options: Record<string, unknown>;
  resultName: string | null;
  set(name: string, value: unknown): void;
}) {
  const [kind, setKind] = useState('');
  useEffect(() => {
    set('kind', kind);
    if (kind === '出证' && resultName) set('licenceName', resultName);
  }, [kind]);
  return (
    <>
      <label class="wl-field">
        办结结果
        <select onChange={(e) => setKind(e.currentTarget.value)}>
          <option value="">请选择</option>
          {((options['kinds'] as string[]) ?? []).map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      {kind === '出证' ? (
        <>
          <label class="wl-field">
            证照名称
            <input defaultValue={resultName ?? ''} onInput={(e) => set('licenceName', e.currentTarget.value)} />
          </label>
          <label class="wl-field">
            证照编号
            <input onInput={(e) => set('licenceNumber', e.currentTarget.value)} />
          </label>
        </>
      ) : kind ? (
        <label class="wl-field">
          理由
          <textarea rows={2} onInput={(e) => set('reason', e.currentTarget.value)} />
        </label>
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
        ((offered.options?.['variables'] as Array<{ name: string; type: string }>) ?? []).map((v) => [
          v.name,
          v.type === 'boolean' ? f[`var:${v.name}`] === true : (f[`var:${v.name}`] ?? null),
        ]),
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
      const materials = Object.keys(f)
        .filter((k) => k.startsWith('material:') && f[k] === true)
        .map((k) => k.slice('material:'.length));
      const cures = Object.keys(f)
        .filter((k) => k.startsWith('cure:') && f[k] === true)
        .map((k) => k.slice('cure:'.length));
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
      return text('kind') === '出证'
        ? { kind: '出证', licence: { name: text('licenceName'), number: text('licenceNumber') } }
        : { kind: text('kind'), reason: text('reason') };
    case 'deliver':
      return { method: text('method') };
    case 'specialStart':
      return {
        kind: text('kind'),
        reason: text('reason'),
        ...(text('approver') ? { approver: text('approver') } : {}),
      };
    case 'specialEnd':
      return { result: text('result') };
    case 'extend':
      return {
        ...(text('clockId') ? { clockId: text('clockId') } : {}),
        amount: f['amount'],
        approver: text('approver'),
        reason: text('reason'),
      };
    default:
      return {};
  }
}
