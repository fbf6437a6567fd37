/**
 * 网上申报 of one matter (/apply/:code[?draft=ID]): the applicant (name, 证件类型), the matter's
 * 一表申请 generated from its JSON Schema, and its materials, each uploaded at once; kept as a
 * draft (saved on every upload and on 保存草稿) until 提交申报, which asks for the 证件号码 the
 * account is bound to and answers with the 办件编号 and the receipt's verification code.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, newIdempotencyKey } from '../shared/api.js';
import { messageOf, type Shell } from '../shared/shell.js';
import { schemaForm, type SchemaForm } from '../worklist/schema-form.js';
import { MaterialUpload } from './material-upload.js';
import { limitText, type Application, type Draft, type Upload } from './types.js';

const ID_TYPES = ['居民身份证', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证'];

interface Submitted {
  readonly caseId: string;
  readonly number: string | null;
  readonly verificationCode: string | null;
}

export function ApplyForm({ shell, code, draftId }: { shell: Shell; code: string; draftId: string | null }) {
  const [application, setApplication] = useState<Application | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void (async () => {
      try {
        const [app, existing] = await Promise.all([
          api<Application>(`/api/applicant/matters/${encodeURIComponent(code)}/application`),
          draftId ? api<Draft>(`/api/applicant/drafts/${encodeURIComponent(draftId)}`) : Promise.resolve(null),
        ]);
        if (existing?.caseId) {
          location.assign(`/my-cases/${encodeURIComponent(existing.caseId)}`);
          return;
        }
        setApplication(app);
        setDraft(existing);
        setLoaded(true);
      } catch (error) {
        shell.showError(error);
      }
    })();
  }, [code, draftId]);
  if (!loaded || !application) return <p class="mf-muted">正在加载…</p>;
  return <ApplicationEditor shell={shell} application={application} initial={draft} />;
}

function ApplicationEditor({
  shell,
  application,
  initial,
}: {
  shell: Shell;
  application: Application;
  initial: Draft | null;
}) {
  const formHost = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<SchemaForm | null>(null);
  const [name, setName] = useState(initial?.applicant?.name ?? '');
  const [idType, setIdType] = useState(initial?.applicant?.idType ?? ID_TYPES[0]!);
  const [files, setFiles] = useState<readonly Upload[]>(initial?.files ?? []);
  const [draftId, setDraftId] = useState<string | null>(initial?.draftId ?? null);
  const [idNumber, setIdNumber] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const submitKey = useRef(newIdempotencyKey());

  useEffect(() => {
    let made: SchemaForm | null = null;
    let cancelled = false;
    void (async () => {
      if (!formHost.current) return;
      made = await schemaForm(formHost.current, application.form, initial ? { value: initial.form } : {});
      if (!cancelled) setForm(made);
    })();
    return () => {
      cancelled = true;
      made?.destroy();
    };
  }, [application]);

  /** Save the draft as it is now (created on the first save). */
  const save = async (chosen: readonly Upload[] = files): Promise<string> => {
    const body = {
      applicant: { name: name.trim(), idType },
      form: form?.value() ?? {},
      files: chosen.map((f) => ({ materialId: f.materialId, uploadId: f.uploadId })),
    };
    if (draftId) {
      await api(`/api/applicant/drafts/${draftId}`, { method: 'PUT', body });
      return draftId;
    }
    const created = await api<Draft>('/api/applicant/drafts', {
      body: { matterCode: application.matterCode, ...body },
    });
    setDraftId(created.draftId);
    history.replaceState(null, '', `/apply/${encodeURIComponent(application.matterCode)}?draft=${created.draftId}`);
    return created.draftId;
  };

  const changeFiles = async (next: readonly Upload[]) => {
    setFiles(next);
    try {
      await save(next);
    } catch (error) {
      shell.showError(error);
    }
  };

  const saveDraft = async () => {
    setBusy(true);
    try {
      await save();
      shell.notify('草稿已保存', 'success');
    } catch (error) {
      shell.showError(error);
    } finally {
      setBusy(false);
    }
  };

  /** Everything the page can check before asking for the 证件号码. */
  const readyToSubmit = (): string | null => {
    if (!name.trim()) return '请填写申请人姓名';
    const errors = form?.validate() ?? [];
    if (errors.length > 0) return `申请表有 ${errors.length} 处需要修改，请按提示填写`;
    const missing = application.materials.filter(
      (m) => m.upload && m.necessity === 'required' && !files.some((f) => f.materialId === m.id),
    );
    if (missing.length > 0) return `请上传必要材料：${missing.map((m) => m.name).join('、')}`;
    return null;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const id = await save();
      const answer = await api<Submitted>(`/api/applicant/drafts/${id}/submission`, {
        body: { idNumber: idNumber.trim() },
        idempotencyKey: submitKey.current,
      });
      setSubmitted(answer);
    } catch (error) {
      submitKey.current = newIdempotencyKey();
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (submitted)
    return (
      <section class="mf-card ap-submitted" aria-label="申报已提交">
        <h1>申报已提交</h1>
        <p>您的申请已提交至服务中心窗口（网上收件），窗口将在 5 个工作日内答复：受理、一次性告知补正或不予受理。</p>
        <dl class="ap-facts">
          <dt>办件编号</dt>
          <dd data-testid="case-number">{submitted.number ?? '—'}</dd>
          <dt>查询码</dt>
          <dd data-testid="verification-code">{submitted.verificationCode ?? '—'}</dd>
        </dl>
        <p class="mf-muted">凭办件编号和查询码，无需登录即可在「进度查询」查看办理进度。</p>
        <p>
          <a href={`/papers/${encodeURIComponent(submitted.caseId)}/receipt`}>打印收件回执</a>{' '}
          <a href={`/my-cases/${encodeURIComponent(submitted.caseId)}`}>查看办件</a>
        </p>
      </section>
    );

  return (
    <form class="ap-page" onSubmit={(e) => void submit(e)}>
      <h1>网上申报：{application.name}</h1>
      <p class="mf-muted">
        实施主体：{application.implementer}；承诺办结时限：{limitText(application.promisedLimit)}（自受理之日起计算）
      </p>
      <section class="mf-card" aria-label="申请人">
        <h2>申请人</h2>
        <div class="ap-fields">
          <label>
            申请人姓名 <input value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={100} />
          </label>
          <label>
            申请人证件类型{' '}
            <select value={idType} onChange={(e) => setIdType(e.currentTarget.value)}>
              {ID_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p class="mf-muted">证件号码在提交时填写，须与您账号绑定的证件号码一致；草稿中不保存证件号码。</p>
      </section>
      <section class="mf-card" aria-label="一表申请">
        <h2>一表申请</h2>
        <div ref={formHost} />
      </section>
      <section class="mf-card" aria-label="申请材料">
        <h2>申请材料</h2>
        <p class="mf-muted">文件类型按文件内容识别，与文件名无关；同一材料可上传多个文件（如多页扫描件）。</p>
        <table>
          <thead>
            <tr>
              <th>材料</th>
              <th>必要性</th>
              <th>电子文件</th>
            </tr>
          </thead>
          <tbody>
            {application.materials.map((material) => (
              <MaterialUpload
                key={material.id}
                material={material}
                target={{ matterCode: application.matterCode }}
                files={files.filter((f) => f.materialId === material.id)}
                onUploaded={(upload) => void changeFiles([...files, upload])}
                onRemove={(upload) => void changeFiles(files.filter((f) => f.uploadId !== upload.uploadId))}
              />
            ))}
          </tbody>
        </table>
      </section>
      <section class="mf-card ap-actions" aria-label="提交">
        {confirming ? (
          <div class="ap-fields">
            <label>
              本人证件号码（须与账号绑定的一致）{' '}
              <input
                value={idNumber}
                onInput={(e) => setIdNumber(e.currentTarget.value)}
                autoComplete="off"
                minLength={4}
                maxLength={40}
                required
              />
            </label>
            <button type="submit" class="primary" disabled={busy || idNumber.trim().length < 4}>
              确认提交
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              返回修改
            </button>
          </div>
        ) : (
          <div class="mf-toolbar">
            <button type="button" onClick={() => void saveDraft()} disabled={busy}>
              保存草稿
            </button>
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => {
                const notReady = readyToSubmit();
                setProblem(notReady);
                if (!notReady) setConfirming(true);
              }}
            >
              提交申报
            </button>
          </div>
        )}
        {problem ? (
          <p class="ap-problem" role="alert">
            {problem}
          </p>
        ) : null}
      </section>
    </form>
  );
}
