/**
 * 网上申报 (/apply): the matters in use to apply for online, and the applicant's drafts — kept
 * until submitted — to go on with or discard.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { messageOf, type Shell } from '../shared/shell.js';
import type { Draft } from './types.js';

interface GuideItem {
  readonly matterCode: string;
  readonly name: string;
  readonly implementer: string;
  readonly status: { readonly code: string };
  readonly promisedLimit: { readonly text: string } | null;
}

export function ApplyList({ shell }: { shell: Shell }) {
  const [matters, setMatters] = useState<readonly GuideItem[] | null>(null);
  const [drafts, setDrafts] = useState<readonly Draft[]>([]);
  const [query, setQuery] = useState('');

  const load = async () => {
    const [guide, mine] = await Promise.all([api<GuideItem[]>('/api/guide'), api<Draft[]>('/api/applicant/drafts')]);
    setMatters(guide.filter((m) => m.status.code === 'active'));
    setDrafts(mine.filter((d) => d.caseId === null));
  };
  useEffect(() => {
    load().catch((error: unknown) => shell.showError(error));
  }, []);

  const discard = async (draft: Draft) => {
    if (!confirm('确定删除这份草稿？')) return;
    try {
      await api(`/api/applicant/drafts/${draft.draftId}`, { method: 'DELETE' });
      shell.notify('草稿已删除', 'success');
      await load();
    } catch (error) {
      shell.notify(messageOf(error), 'error');
    }
  };

  if (!matters) return <p class="mf-muted">正在加载…</p>;
  const nameOf = (code: string) => matters.find((m) => m.matterCode === code)?.name ?? code;
  const words = query.trim();
  const shown = words ? matters.filter((m) => m.name.includes(words) || m.implementer.includes(words)) : matters;
  return (
    <div class="ap-page">
      <h1>网上申报</h1>
      <p class="mf-muted">选择事项，在线填写一表申请并上传申请材料；提交前可随时保存草稿。</p>
      {drafts.length > 0 ? (
        <section class="mf-card" aria-label="我的草稿">
          <h2>我的草稿</h2>
          <table>
            <thead>
              <tr>
                <th>事项</th>
                <th>已上传材料</th>
                <th>最后保存</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {drafts.map((draft) => (
                <tr key={draft.draftId}>
                  <td>{nameOf(draft.matterCode)}</td>
                  <td>{draft.files.length} 个文件</td>
                  <td>{formatDateTime(draft.updatedAt)}</td>
                  <td>
                    <a href={`/apply/${encodeURIComponent(draft.matterCode)}?draft=${draft.draftId}`}>继续填写</a>{' '}
                    <button type="button" class="mf-link" onClick={() => void discard(draft)}>
                      删除
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section class="mf-card" aria-label="可网上申报的事项">
        <h2>可网上申报的事项</h2>
        <div class="mf-toolbar">
          <label>
            查找事项{' '}
            <input
              type="search"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
              placeholder="事项名称或实施机构"
            />
          </label>
        </div>
        <table>
          <thead>
            <tr>
              <th>事项名称</th>
              <th>实施主体</th>
              <th>承诺时限</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={m.matterCode}>
                <td>
                  <a href={`/guide/${encodeURIComponent(m.matterCode)}`}>{m.name}</a>
                </td>
                <td>{m.implementer}</td>
                <td>{m.promisedLimit?.text ?? '即办'}</td>
                <td>
                  <a
                    class="ap-button"
                    href={`/apply/${encodeURIComponent(m.matterCode)}`}
                    aria-label={`在线申报 ${m.name}`}
                  >
                    在线申报
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
