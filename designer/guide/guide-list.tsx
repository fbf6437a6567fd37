/** /guide: every published matter, with what a citizen picks one by; a filter by name or agency. */
import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { api } from '../shared/api.js';
import type { Shell } from '../shared/shell.js';
import type { GuideListItem } from './types.js';

export async function renderGuideList(shell: Shell): Promise<void> {
  const matters = await api<GuideListItem[]>('/api/guide', { anonymous: true });
  render(<GuideList matters={matters} />, shell.main);
}

function GuideList({ matters }: { matters: readonly GuideListItem[] }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const words = query.trim();
    return words
      ? matters.filter((m) => m.name.includes(words) || m.implementer.includes(words) || m.type.label.includes(words))
      : matters;
  }, [matters, query]);
  return (
    <section class="mf-guide-list" aria-labelledby="guide-list-title">
      <h1 id="guide-list-title">办事指南</h1>
      <p class="mf-muted">
        选择要办理的事项，查看受理条件、申请材料、办理时限、收费和办理流程：材料一次带齐，最多跑一次。
      </p>
      <div class="mf-toolbar">
        <label>
          查找事项{' '}
          <input
            type="search"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
            placeholder="事项名称或实施机构"
          />
        </label>
        <span class="mf-muted">共 {shown.length} 项</span>
      </div>
      {shown.length === 0 ? (
        <p>没有符合条件的事项。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">事项名称</th>
              <th scope="col">事项类型</th>
              <th scope="col">实施主体</th>
              <th scope="col">法定办结时限</th>
              <th scope="col">承诺办结时限</th>
              <th scope="col">收费</th>
              <th scope="col">到现场次数</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={m.matterCode}>
                <td>
                  <a href={`/guide/${encodeURIComponent(m.matterCode)}`}>{m.name}</a>
                  {m.status.code !== 'active' ? (
                    <span class="mf-guide-badge mf-guide-badge-muted">{m.status.label}</span>
                  ) : null}
                </td>
                <td>{m.type.label}</td>
                <td>{m.implementer}</td>
                <td>{m.legalLimit.text}</td>
                <td>{m.promisedLimit ? m.promisedLimit.text : `${m.caseType.label}`}</td>
                <td>{m.fees}</td>
                <td>{m.visitsRequired} 次</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
