/**
 * 窗口收件: choose a matter, fill its 一表申请 (generated from the matter's JSON Schema with
 * json-editor, messages in Chinese), tick the materials handed in (容缺-eligible ones marked),
 * then 受理 / 容缺受理 / 补正 (一次性告知) / 不予受理. 收件 and the decision are one request (POST
 * /api/cases with `decision`): the server judges both before it stores anything, so a refused
 * decision leaves no case behind. Shared electronic licences (免提交) count as received. A retry of
 * the same submission after no answer keeps its idempotency key; an answer frees it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiFailure } from '../shared/api.js';
import { Attempt } from '../shared/attempt.js';
import { messageOf, type Shell } from '../shared/shell.js';
import { fieldTitle, operationLabel, undeclaredFields, type FormData } from './declared.js';
import { schemaForm, type SchemaForm } from './schema-form.js';

interface MatterSummary {
  matterCode: string;
  name: string;
  typeLabel?: string;
  status: string;
  version: number;
}
interface MatterMaterial {
  id: string;
  name: string;
  necessity: 'required' | 'tolerated' | 'optional';
  form?: string;
  copies?: number;
  source?: string;
  description?: string;
}
interface MatterFile {
  matterCode: string;
  version: number;
  matter: {
    name: string;
    materials: MatterMaterial[];
    applicationForm: { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;
    tolerance?: { allowed: boolean; supplementDeadline: { amount: number; unit: string } | null };
    promisedLimit?: { amount: number; unit: string } | null;
    acceptanceConditions?: string[];
  };
}
interface CreatedCase {
  caseId: string;
  /** 办件编号, given at 收件. */
  number: string | null;
  status: string;
  tasks: Array<{ taskId: string; elementId: string }>;
}

/** The decisions on the window step, by operation; their labels are the declared ones (受理, 容缺受理 …). */
type Decision = 'case.accept' | 'case.acceptWithTolerance' | 'case.noticeCorrection' | 'case.refuse';
const DECISIONS: readonly Decision[] = [
  'case.accept',
  'case.acceptWithTolerance',
  'case.noticeCorrection',
  'case.refuse',
];
const NECESSITY: Readonly<Record<string, string>> = { required: '必要', tolerated: '可容缺', optional: '非必要' };

/** The applicant, when the matter's form does not carry them under these names. */
const APPLICANT_SCHEMA = {
  type: 'object',
  title: '申请人',
  required: ['applicantName', 'idType', 'idNumber'],
  properties: {
    applicantName: { type: 'string', title: '申请人姓名（名称）', minLength: 2, maxLength: 100 },
    idType: {
      type: 'string',
      title: '证件类型',
      enum: ['居民身份证', '统一社会信用代码', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证'],
    },
    idNumber: { type: 'string', title: '证件号码', minLength: 4, maxLength: 40 },
  },
};
const APPLICANT_KEYS = ['applicantName', 'idType', 'idNumber'] as const;

export function Reception({ shell }: { shell: Shell }) {
  const [matters, setMatters] = useState<MatterSummary[] | null>(null);
  const [code, setCode] = useState('');
  const [matter, setMatter] = useState<MatterFile | null>(null);
  useEffect(() => {
    void api<MatterSummary[]>('/api/matters').then(
      (list) => setMatters(list.filter((m) => m.status === 'active')),
      (error: unknown) => shell.showError(error),
    );
  }, []);
  useEffect(() => {
    setMatter(null);
    if (!code) return;
    void api<MatterFile>(`/api/matters/${encodeURIComponent(code)}`).then(setMatter, (error: unknown) =>
      shell.showError(error),
    );
  }, [code]);
  return (
    <div class="wl-reception">
      <div class="wl-heading">
        <h1>窗口收件</h1>
        <span class="mf-muted">选择事项，填写申请表，核对材料，一次办结受理环节</span>
      </div>
      <section class="mf-card">
        <label class="wl-field">
          办理事项
          <select value={code} onChange={(e) => setCode(e.currentTarget.value)} aria-label="办理事项">
            <option value="">{matters === null ? '正在加载…' : '请选择事项'}</option>
            {(matters ?? []).map((m) => (
              <option key={m.matterCode} value={m.matterCode}>
                {m.name}（{m.matterCode}）
              </option>
            ))}
          </select>
        </label>
      </section>
      {matter ? <Application key={`${matter.matterCode}@${matter.version}`} shell={shell} matter={matter} /> : null}
    </div>
  );
}

function Application({ shell, matter }: { shell: Shell; matter: MatterFile }) {
  const formHost = useRef<HTMLDivElement>(null);
  const applicantHost = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<SchemaForm | null>(null);
  const [applicantForm, setApplicantForm] = useState<SchemaForm | null>(null);
  const properties = matter.matter.applicationForm.properties ?? {};
  /** The form names the applicant itself (食品经营许可, 低保): no separate 申请人 block. */
  const applicantInForm = APPLICANT_KEYS.every((key) => key in properties);
  const [received, setReceived] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(matter.matter.materials.map((m) => [m.id, false])),
  );
  const [decision, setDecision] = useState<Decision>('case.accept');
  const [commitment, setCommitment] = useState('');
  const [reason, setReason] = useState('');
  const [defectText, setDefectText] = useState<Record<string, string>>({});
  const [otherDefects, setOtherDefects] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** A retry of the same submission after no answer keeps its key; an answer frees it. */
  const attempt = useRef(new Attempt()).current;

  useEffect(() => {
    let cancelled = false;
    const made: SchemaForm[] = [];
    void (async () => {
      if (!formHost.current) return;
      const main = await schemaForm(formHost.current, matter.matter.applicationForm);
      made.push(main);
      if (!cancelled) setForm(main);
      if (!applicantInForm && applicantHost.current) {
        const applicant = await schemaForm(applicantHost.current, APPLICANT_SCHEMA);
        made.push(applicant);
        if (!cancelled) setApplicantForm(applicant);
      }
    })();
    return () => {
      cancelled = true;
      for (const made1 of made) made1.destroy();
    };
  }, [matter]);

  const materials = matter.matter.materials;
  /** Shared electronic licences (免提交) the office fetches itself: received without the applicant handing them in. */
  const handedIn = (m: MatterMaterial) => m.source === 'shared' || received[m.id] === true;
  const missing = useMemo(() => materials.filter((m) => !handedIn(m) && m.necessity !== 'optional'), [received]);
  const tolerance = matter.matter.tolerance;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form) return;
    setProblem(null);
    const errors = [...form.validate(), ...(applicantForm?.validate() ?? [])];
    if (errors.length > 0) {
      const listed = errors.map(
        (e) => `${titleOf(properties, e.path) ?? titleOf(APPLICANT_SCHEMA.properties, e.path) ?? e.path}${e.message}`,
      );
      setProblem(`申请表有 ${listed.length} 处需要修改：${listed.join('；')}`);
      return;
    }
    const data = form.value();
    const who = applicantInForm ? data : (applicantForm?.value() ?? {});
    const defects = [
      ...materials
        .filter((m) => !handedIn(m) && m.necessity !== 'optional')
        .map((m) => `${m.name}：${defectText[m.id]?.trim() || '未提交'}`),
      ...otherDefects
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ];
    const label = operationLabel(decision);
    if (decision === 'case.acceptWithTolerance' && !commitment.trim()) {
      setProblem(`请填写${fieldTitle(decision, 'commitment')}`);
      return;
    }
    if (decision === 'case.noticeCorrection' && defects.length === 0) {
      setProblem(`请至少列明一项${fieldTitle(decision, 'defects')}`);
      return;
    }
    if (decision === 'case.refuse' && !reason.trim()) {
      setProblem(`请填写${fieldTitle(decision, 'reason')}`);
      return;
    }
    const operationData: FormData<Decision> =
      decision === 'case.acceptWithTolerance'
        ? { commitment: commitment.trim() }
        : decision === 'case.refuse'
          ? { reason: reason.trim() }
          : decision === 'case.noticeCorrection'
            ? { defects }
            : {};
    const undeclared = undeclaredFields(decision, operationData);
    if (undeclared.length > 0) {
      setProblem(`表单含有${label}未声明的字段：${undeclared.join('、')}`);
      return;
    }
    // 收件 and the decision in one request: the server judges both before it stores anything.
    const body = {
      matterCode: matter.matterCode,
      matterVersion: matter.version,
      applicant: {
        name: String(who['applicantName'] ?? ''),
        idType: String(who['idType'] ?? ''),
        idNumber: String(who['idNumber'] ?? ''),
      },
      channel: '窗口',
      materials: Object.fromEntries(materials.map((m) => [m.id, handedIn(m)])),
      form: data,
      decision: { operation: decision, data: operationData },
    };
    setBusy(true);
    try {
      const after = await api<CreatedCase>('/api/cases', { body, idempotencyKey: attempt.keyFor(body) });
      attempt.answered();
      const next = after.tasks[0];
      const message = `办件 ${after.number ?? after.caseId} 已收件并${label}，当前状态：${after.status}`;
      sessionStorage.setItem('worklist.notice', message);
      location.assign(next ? `/worklist/tasks/${encodeURIComponent(next.taskId)}` : '/worklist');
    } catch (error) {
      attempt.failed(error);
      const text = messageOf(error);
      const field = error instanceof ApiFailure && error.field?.startsWith('/body/form') ? error.field : null;
      setProblem(field ? `${text}（字段：${titleOf(properties, field) ?? field}）` : text);
      shell.showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="收件" noValidate>
      <section class="mf-card">
        <h2>{matter.matter.name}</h2>
        {matter.matter.acceptanceConditions?.length ? (
          <details>
            <summary>受理条件</summary>
            <ul>
              {matter.matter.acceptanceConditions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </details>
        ) : null}
        {applicantInForm ? null : <div ref={applicantHost} class="wl-applicant" />}
        <div ref={formHost} />
      </section>
      <section class="mf-card">
        <h2>申请材料</h2>
        <table class="wl-materials">
          <thead>
            <tr>
              <th>收取</th>
              <th>材料名称</th>
              <th>必要性</th>
              <th>形式</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {materials.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.source === 'shared' ? (
                    <span class="wl-shared" title="窗口通过电子证照共享调取，申请人无需提交">
                      免提交
                    </span>
                  ) : (
                    <input
                      type="checkbox"
                      aria-label={`已收取：${m.name}`}
                      checked={received[m.id] ?? false}
                      onChange={(e) => setReceived({ ...received, [m.id]: e.currentTarget.checked })}
                    />
                  )}
                </td>
                <td>{m.name}</td>
                <td>
                  {m.necessity === 'tolerated' ? <span class="wl-tolerated">可容缺</span> : NECESSITY[m.necessity]}
                </td>
                <td>
                  {m.source === 'shared'
                    ? '电子证照共享（免提交）'
                    : m.form === 'paper'
                      ? `纸质 ${m.copies ?? 1} 份`
                      : '电子'}
                </td>
                <td class="mf-muted">{m.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="mf-muted">
          {missing.length === 0 ? '必要材料及可容缺材料均已收取。' : `未收取：${missing.map((m) => m.name).join('、')}`}
        </p>
      </section>
      <section class="mf-card">
        <h2>受理意见</h2>
        <fieldset class="wl-inline">
          <legend>办理方式</legend>
          {DECISIONS.filter((d) => d !== 'case.acceptWithTolerance' || tolerance?.allowed).map((d) => (
            <label key={d}>
              <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />{' '}
              {operationLabel(d)}
            </label>
          ))}
        </fieldset>
        {decision === 'case.acceptWithTolerance' ? (
          <>
            <p>
              容缺材料：
              {materials
                .filter((m) => m.necessity === 'tolerated' && !handedIn(m))
                .map((m) => m.name)
                .join('、') || '（无）'}
              ；补交期限：受理后{' '}
              {tolerance?.supplementDeadline
                ? `${tolerance.supplementDeadline.amount} ${tolerance.supplementDeadline.unit}`
                : '承诺时限'}
              内。
            </p>
            <label class="wl-field">
              {fieldTitle('case.acceptWithTolerance', 'commitment')}
              <textarea
                rows={3}
                value={commitment}
                onInput={(e) => setCommitment(e.currentTarget.value)}
                placeholder="申请人承诺在补交期限内补齐上述材料，逾期未补交的，办件终止"
              />
            </label>
          </>
        ) : null}
        {decision === 'case.noticeCorrection' ? (
          <>
            <p class="mf-muted">一次性告知：列明全部需要补正的问题，之后不得再增加新的问题。</p>
            {missing.map((m) => (
              <label key={m.id} class="wl-field">
                {m.name}
                <input
                  value={defectText[m.id] ?? '未提交'}
                  onInput={(e) => setDefectText({ ...defectText, [m.id]: e.currentTarget.value })}
                />
              </label>
            ))}
            <label class="wl-field">
              其他问题（每行一项）
              <textarea rows={3} value={otherDefects} onInput={(e) => setOtherDefects(e.currentTarget.value)} />
            </label>
          </>
        ) : null}
        {decision === 'case.refuse' ? (
          <label class="wl-field">
            {fieldTitle('case.refuse', 'reason')}
            <textarea rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
        ) : null}
        {problem ? (
          <p class="wl-refusal" role="alert">
            {problem}
          </p>
        ) : null}
        <div class="mf-toolbar">
          <button type="submit" class="primary" disabled={busy || !form}>
            {busy ? '提交中…' : `收件并${operationLabel(decision)}`}
          </button>
        </div>
      </section>
    </form>
  );
}

/** The title of a form field from its path (`root.businessName` or `/body/form/businessName`). */
function titleOf(properties: Readonly<Record<string, unknown>>, path: string): string | null {
  const name = path.replace(/^root\.|^\/?(body\/)?(form\/)?/, '').split(/[./]/)[0] ?? '';
  const property = properties[name] as { title?: string } | undefined;
  return property?.title ?? null;
}
