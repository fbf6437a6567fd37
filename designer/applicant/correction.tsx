/**
 * 补正 online (/my-cases/:caseId/correction): the one-time notice (一次性告知) with each defect,
 * answered by uploading the corrected materials — each the material's next version, the earlier
 * ones kept — and naming the defects they cure. Also where 容缺 materials owed are handed in.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, newIdempotencyKey } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { messageOf, type Shell } from '../shared/shell.js';
import { MaterialUpload } from './material-upload.js';
import type { ApplicantCase, Application, ApplicationMaterial, Upload } from './types.js';

export function Correction({ shell, caseId }: { shell: Shell; caseId: string }) {
  const [c, setCase] = useState<ApplicantCase | null>(null);
  const [rules, setRules] = useState<readonly ApplicationMaterial[]>([]);
  const [files, setFiles] = useState<readonly Upload[]>([]);
  const [cured, setCured] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);

  useEffect(() => {
    void (async () => {
      try {
        const loaded = await api<ApplicantCase>(`/api/applicant/cases/${encodeURIComponent(caseId)}`);
        setCase(loaded);
        setCured(new Set(loaded.openDefects));
        const application = await api<Application>(
          `/api/applicant/matters/${encodeURIComponent(loaded.matter.code)}/application`,
        ).catch(() => null);
        setRules(application?.materials ?? []);
      } catch (error) {
        shell.showError(error);
      }
    })();
  }, [caseId]);
  if (!c) return <p class="mf-muted">正在加载…</p>;

  const owed = c.asks.find((ask) => ask.kind === '容缺补交');
  const waiting = c.status === '补正中' || owed !== undefined;
  const materialOf = (m: ApplicantCase['materials'][number]): ApplicationMaterial =>
    rules.find((r) => r.id === m.id) ?? {
      id: m.id,
      name: m.name,
      necessity: m.necessity as ApplicationMaterial['necessity'],
      source: 'applicant',
      description: null,
      upload: true,
      fileTypes: [],
      fileTypeLabels: ['PDF', 'JPEG 图片', 'PNG 图片', 'OFD 版式文件'],
      maxBytes: 20 * 1024 * 1024,
    };

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    if (files.length === 0) {
      setProblem('请先上传更正后的材料');
      return;
    }
    setBusy(true);
    try {
      await api(`/api/applicant/cases/${encodeURIComponent(caseId)}/corrections`, {
        body: { files: files.map((f) => ({ materialId: f.materialId, uploadId: f.uploadId })), cures: [...cured] },
        idempotencyKey: key,
      });
      sessionStorage.setItem('applicant.notice', '补正材料已提交');
      location.assign(`/my-cases/${encodeURIComponent(caseId)}`);
    } catch (error) {
      setProblem(messageOf(error));
      setBusy(false);
    }
  };

  return (
    <form class="ap-page" onSubmit={(e) => void submit(e)}>
      <h1>
        补正材料{' '}
        <small class="mf-muted">
          {c.matter.name}，办件编号 {c.number ?? c.caseId}
        </small>
      </h1>
      {!waiting ? (
        <p>该办件目前不需要补正或补交材料（状态：{c.status}）。</p>
      ) : (
        <>
          {c.status === '补正中' ? (
            <section class="mf-card" aria-label="补正告知书">
              <h2>补正告知书（一次性告知）</h2>
              <p class="mf-muted">
                {formatDateTime(c.notices[c.notices.length - 1]?.at ?? '')}
                告知。请一次补齐下列全部问题，勾选本次已解决的问题：
              </p>
              <ul class="ap-defects">
                {c.openDefects.map((defect) => (
                  <li key={defect}>
                    <label>
                      <input
                        type="checkbox"
                        checked={cured.has(defect)}
                        onChange={(e) => {
                          const next = new Set(cured);
                          if (e.currentTarget.checked) next.add(defect);
                          else next.delete(defect);
                          setCured(next);
                        }}
                      />{' '}
                      {defect}
                    </label>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {owed ? (
            <section class="mf-card" aria-label="容缺补交">
              <h2>容缺补交</h2>
              <p>{owed.zh}</p>
            </section>
          ) : null}
          <section class="mf-card" aria-label="上传更正后的材料">
            <h2>上传更正后的材料</h2>
            <p class="mf-muted">新上传的文件作为该材料的新版本，原有版本保留。</p>
            <table>
              <thead>
                <tr>
                  <th>材料</th>
                  <th>必要性</th>
                  <th>电子文件</th>
                </tr>
              </thead>
              <tbody>
                {c.materials
                  .map(materialOf)
                  .filter((m) => m.upload)
                  .map((material) => (
                    <MaterialUpload
                      key={material.id}
                      material={material}
                      target={{ caseId: c.caseId }}
                      files={files.filter((f) => f.materialId === material.id)}
                      onUploaded={(upload) => setFiles((now) => [...now, upload])}
                      onRemove={(upload) => setFiles((now) => now.filter((f) => f.uploadId !== upload.uploadId))}
                    />
                  ))}
              </tbody>
            </table>
          </section>
          <section class="mf-card ap-actions">
            <button type="submit" class="primary" disabled={busy}>
              提交补正材料
            </button>{' '}
            <a href={`/my-cases/${encodeURIComponent(c.caseId)}`}>返回办件</a>
            {problem ? (
              <p class="ap-problem" role="alert">
                {problem}
              </p>
            ) : null}
          </section>
        </>
      )}
    </form>
  );
}
