/**
 * The form of one operation the server offers on a task: its fields (opinion, decision variables,
 * 退回 target, officer for 转办 / 委派 / 加签, the 补正 notice, 办结, 特别程序, 延长) and the data it
 * sends — exactly the fields engine/operations declares for the operation, named by the titles
 * the declaration gives them. A submit's idempotency key is kept for a retry of the same data
 * after no answer, and dropped once the server answers (shared/attempt.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Attempt } from '../shared/attempt.js';
import { formatDateTime } from '../shared/format.js';
import { PickField, TextField } from './form-fields.js';
import { fieldLabel, fieldTitle, undeclaredFields, type CaseOperationType, type FormData } from './declared.js';
import { NECESSITY, type Material, type Offered, type TaskDetail } from './task-types.js';

interface FormProps {
  offered: Offered;
  detail: TaskDetail;
  busy: boolean;
  /** Send the data; resolves to the failure (null when done). */
  onSubmit(data: Record<string, unknown>, idempotencyKey: string): Promise<unknown>;
  onCancel(): void;
}

/** The form of one operation. A retry of the same data after no answer keeps its key; a refusal frees it. */
export function OperationForm({ offered, detail, busy, onSubmit, onCancel }: FormProps) {
  const attempt = useRef(new Attempt()).current;
  const [problem, setProblem] = useState<string | null>(null);
  const fields = useRef<Record<string, unknown>>({});
  const set = (name: string, value: unknown) => {
    fields.current = { ...fields.current, [name]: value };
  };
  const o = offered.options ?? {};
  const send = (event: Event) => {
    event.preventDefault();
    const built = build(offered, fields.current);
    if (typeof built === 'string') {
      setProblem(built);
      return;
    }
    const undeclared = undeclaredFields(offered.operation, built);
    if (undeclared.length > 0) {
      setProblem(`表单含有${offered.label}未声明的字段：${undeclared.join('、')}`);
      return;
    }
    setProblem(null);
    void onSubmit(built, attempt.keyFor(built)).then((failure) =>
      failure === null ? attempt.answered() : attempt.failed(failure),
    );
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
          {busy ? '提交中…' : `确认${offered.operation === 'task.complete' ? '提交' : offered.label}`}
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
  const op = offered.operation;
  const to = (name: string) => (value: string) => set(name, value);
  switch (op) {
    case 'task.complete': {
      const variables =
        (options['variables'] as Array<{ name: string; type: 'boolean' | 'enum'; values?: string[] }>) ?? [];
      return (
        <>
          <fieldset class="wl-inline">
            <legend>{fieldTitle(op, 'opinion.decision')}</legend>
            {((options['decisions'] as string[]) ?? ['通过', '不通过']).map((d) => (
              <label key={d}>
                <input type="radio" name="decision" value={d} onChange={() => set('decision', d)} /> {d}
              </label>
            ))}
          </fieldset>
          <label class="wl-field">
            {fieldTitle(op, 'opinion.text')}
            <textarea name="opinion" rows={3} required onInput={(e) => set('text', e.currentTarget.value)} />
          </label>
          {variables.map((v) =>
            v.type === 'boolean' ? (
              <label key={v.name} class="wl-check">
                <input type="checkbox" onChange={(e) => set(`var:${v.name}`, e.currentTarget.checked)} /> {v.name}
              </label>
            ) : (
              <PickField key={v.name} label={v.name} values={v.values ?? []} onValue={to(`var:${v.name}`)} />
            ),
          )}
        </>
      );
    }
    case 'case.modify':
      return (
        <>
          <label class="wl-field">
            {fieldTitle(op, 'activate')}
            <select name="activate" onChange={(e) => set('activate', e.currentTarget.value)}>
              <option value="">请选择环节</option>
              {((options['targets'] as Array<{ elementId: string; name: string }>) ?? []).map((t) => (
                <option key={t.elementId} value={t.elementId}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <TextField label={fieldTitle(op, 'reason')} rows={2} onValue={to('reason')} />
        </>
      );
    case 'task.transfer':
    case 'task.delegate':
    case 'multiInstance.addInstance':
      return (
        <label class="wl-field">
          {fieldTitle(op, op === 'multiInstance.addInstance' ? 'items' : 'to')}
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
    case 'case.noticeCorrection':
      return <CorrectionFields options={options} set={set} />;
    case 'materials.supply': {
      const materials = ((options['materials'] as Material[]) ?? []).filter((m) => !m.received);
      const defects = (options['openDefects'] as string[]) ?? [];
      return (
        <>
          <fieldset>
            <legend>{fieldTitle(op, 'materials')}</legend>
            {materials.map((m) => (
              <label key={m.id} class="wl-check">
                <input type="checkbox" onChange={(e) => set(`material:${m.id}`, e.currentTarget.checked)} /> {m.name}
              </label>
            ))}
          </fieldset>
          {defects.length > 0 ? (
            <fieldset>
              <legend>{fieldTitle(op, 'cures')}</legend>
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
    case 'case.accept':
      return <TextField label={fieldLabel(op, 'documentNo')} onValue={to('documentNo')} />;
    case 'case.acceptWithTolerance': {
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
          <TextField label={fieldTitle(op, 'commitment')} rows={3} onValue={to('commitment')} />
          <TextField label={fieldLabel(op, 'documentNo')} onValue={to('documentNo')} />
        </>
      );
    }
    case 'case.refuse':
      return <TextField label={fieldTitle(op, 'reason')} rows={3} onValue={to('reason')} />;
    case 'case.conclude':
      return <ConcludeFields options={options} resultName={detail.resultName} set={set} />;
    case 'case.deliver':
      return (
        <PickField
          label={fieldTitle(op, 'method')}
          values={(options['methods'] as string[]) ?? []}
          onValue={to('method')}
        />
      );
    case 'specialProcedure.start':
      return (
        <>
          <PickField
            label={fieldTitle(op, 'kind')}
            values={(options['kinds'] as string[]) ?? []}
            onValue={to('kind')}
          />
          <TextField label={fieldTitle(op, 'reason')} rows={2} onValue={to('reason')} />
          <TextField label={fieldLabel(op, 'approver')} onValue={to('approver')} />
          <p class="mf-muted">特别程序期间暂停计时，所需时间不计入办结时限。</p>
        </>
      );
    case 'specialProcedure.end':
      return <TextField label={fieldTitle(op, 'result')} rows={2} onValue={to('result')} />;
    case 'clock.extend': {
      const clocks = (options['clocks'] as Array<{ clockId: string; kind: string; unit: string; dueAt: string }>) ?? [];
      return (
        <>
          <label class="wl-field">
            {fieldTitle(op, 'clockId')}
            <select onChange={(e) => set('clockId', e.currentTarget.value)}>
              {clocks.map((c) => (
                <option key={c.clockId} value={c.kind === 'case' ? '' : c.clockId}>
                  {c.kind === 'case' ? '办件时限' : '环节时限'}（现截止 {formatDateTime(c.dueAt)}）
                </option>
              ))}
            </select>
          </label>
          <label class="wl-field">
            {fieldTitle(op, 'amount')}（{clocks[0]?.unit ?? '工作日'}）
            <input type="number" min={1} max={60} onInput={(e) => set('amount', Number(e.currentTarget.value))} />
          </label>
          <TextField label={fieldTitle(op, 'approver')} onValue={to('approver')} />
          <TextField label={fieldTitle(op, 'reason')} rows={2} onValue={to('reason')} />
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
  const to = (name: string) => (value: string) => set(name, value);
  useEffect(() => {
    set('kind', kind);
    if (kind === '出证' && resultName) set('licenceName', resultName);
  }, [kind]);
  return (
    <>
      <PickField
        label={fieldTitle('case.conclude', 'kind')}
        values={(options['kinds'] as string[]) ?? []}
        onValue={setKind}
      />
      {kind === '出证' ? (
        <>
          <TextField
            label={fieldTitle('case.conclude', 'licence.name')}
            defaultValue={resultName ?? ''}
            onValue={to('licenceName')}
          />
          <TextField label={fieldTitle('case.conclude', 'licence.number')} onValue={to('licenceNumber')} />
        </>
      ) : kind ? (
        <TextField label={fieldTitle('case.conclude', 'reason')} rows={2} onValue={to('reason')} />
      ) : null}
    </>
  );
}

/** The data as the operation declares it (no step: the task page adds `taskId`); an undeclared field does not compile. */
const declared = <T extends CaseOperationType>(data: FormData<T>): Record<string, unknown> =>
  data as Record<string, unknown>;

/**
 * The operation's data from its form (its declared fields only), or what is missing, named by the
 * declaration's titles (请填写… / 请选择…). The server checks again.
 */
function build(offered: Offered, f: Record<string, unknown>): Record<string, unknown> | string {
  const text = (name: string) => (typeof f[name] === 'string' ? (f[name] as string).trim() : '');
  const op = offered.operation;
  const fill = (field: string) => `请填写${fieldTitle(op, field)}`;
  const choose = (field: string) => `请选择${fieldTitle(op, field)}`;
  switch (op) {
    case 'task.complete': {
      if (!text('decision')) return choose('opinion.decision');
      if (!text('text')) return fill('opinion.text');
      const variables = Object.fromEntries(
        ((offered.options?.['variables'] as Array<{ name: string; type: string }>) ?? []).map((v) => [
          v.name,
          v.type === 'boolean' ? f[`var:${v.name}`] === true : (f[`var:${v.name}`] ?? null),
        ]),
      );
      return declared<'task.complete'>({ opinion: { decision: text('decision'), text: text('text') }, variables });
    }
    case 'case.modify':
      // The server works out the token to cancel from the step (taskId).
      if (!text('activate')) return choose('activate');
      if (!text('reason')) return fill('reason');
      return declared<'case.modify'>({ activate: text('activate'), reason: text('reason') });
    case 'task.transfer':
    case 'task.delegate':
      if (!text('to')) return `${choose('to')}的人员`;
      return declared<'task.transfer' | 'task.delegate'>({ to: text('to') });
    case 'multiInstance.addInstance': {
      if (!text('to')) return choose('items');
      const instanceId = offered.options?.['instanceId'];
      return declared<'multiInstance.addInstance'>({
        ...(typeof instanceId === 'string' ? { instanceId } : {}),
        items: [text('to')],
      });
    }
    case 'case.noticeCorrection': {
      const defects = (f['defects'] as string[] | undefined) ?? [];
      if (defects.length === 0) return `请至少列明一项${fieldTitle(op, 'defects')}`;
      return declared<'case.noticeCorrection'>({ defects });
    }
    case 'materials.supply': {
      const materials = Object.keys(f)
        .filter((k) => k.startsWith('material:') && f[k] === true)
        .map((k) => k.slice('material:'.length));
      const cures = Object.keys(f)
        .filter((k) => k.startsWith('cure:') && f[k] === true)
        .map((k) => k.slice('cure:'.length));
      if (materials.length === 0 && cures.length === 0) return choose('materials');
      return declared<'materials.supply'>({ materials, cures });
    }
    case 'case.accept':
      return declared<'case.accept'>(text('documentNo') ? { documentNo: text('documentNo') } : {});
    case 'case.acceptWithTolerance':
      if (!text('commitment')) return fill('commitment');
      return declared<'case.acceptWithTolerance'>({
        commitment: text('commitment'),
        ...(text('documentNo') ? { documentNo: text('documentNo') } : {}),
      });
    case 'case.refuse':
      if (!text('reason')) return fill('reason');
      return declared<'case.refuse'>({ reason: text('reason') });
    case 'case.conclude': {
      const kind = text('kind') as FormData<'case.conclude'>['kind'] | '';
      if (!kind) return choose('kind');
      if (kind === '出证') {
        if (!text('licenceName')) return fill('licence.name');
        if (!text('licenceNumber')) return fill('licence.number');
        return declared<'case.conclude'>({
          kind,
          licence: { name: text('licenceName'), number: text('licenceNumber') },
        });
      }
      if (!text('reason')) return fill('reason');
      return declared<'case.conclude'>({ kind, reason: text('reason') });
    }
    case 'case.deliver':
      if (!text('method')) return choose('method');
      return declared<'case.deliver'>({ method: text('method') });
    case 'specialProcedure.start':
      if (!text('kind')) return choose('kind');
      if (!text('reason')) return fill('reason');
      return declared<'specialProcedure.start'>({
        kind: text('kind'),
        reason: text('reason'),
        ...(text('approver') ? { approver: text('approver') } : {}),
      });
    case 'specialProcedure.end':
      if (!text('result')) return fill('result');
      return declared<'specialProcedure.end'>({ result: text('result') });
    case 'clock.extend': {
      const amount = f['amount'];
      if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > 60)
        return `${fill('amount')}（1 至 60）`;
      if (!text('approver')) return fill('approver');
      if (!text('reason')) return fill('reason');
      return declared<'clock.extend'>({
        ...(text('clockId') ? { clockId: text('clockId') } : {}),
        amount,
        approver: text('approver'),
        reason: text('reason'),
      });
    }
    default:
      return {};
  }
}
