/** /matters: every matter's latest version (code, name, version, process, who deployed it and when). */
import { render } from 'preact';
import { api } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import type { Shell } from '../shared/shell.js';

interface MatterRow {
  readonly matterCode: string;
  readonly name: string;
  readonly typeLabel: string;
  readonly statusLabel: string;
  readonly version: number;
  readonly processId: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

export async function renderList(shell: Shell): Promise<void> {
  const matters = await api<MatterRow[]>('/api/matters');
  render(<MattersList matters={matters} />, shell.main);
}

function MattersList({ matters }: { matters: readonly MatterRow[] }) {
  return (
    <section aria-labelledby="matters-title">
      <h1 id="matters-title">事项管理</h1>
      <div class="mf-toolbar">
        <a class="mf-button primary" href="/matters?new">
          新建事项
        </a>
        <span class="mf-muted">共 {matters.length} 个事项；保存修改即部署新版本，办件沿用其受理时的版本。</span>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">事项编码</th>
            <th scope="col">事项名称</th>
            <th scope="col">类型</th>
            <th scope="col">状态</th>
            <th scope="col">版本</th>
            <th scope="col">办理流程</th>
            <th scope="col">部署人</th>
            <th scope="col">部署时间</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {matters.map((m) => (
            <tr key={m.matterCode}>
              <td>{m.matterCode}</td>
              <td>
                <a href={`/matters/${encodeURIComponent(m.matterCode)}`}>{m.name}</a>
              </td>
              <td>{m.typeLabel}</td>
              <td>{m.statusLabel}</td>
              <td>第 {m.version} 版</td>
              <td>
                <a href={`/designer?process=${encodeURIComponent(m.processId)}`}>{m.processId}</a>
              </td>
              <td>{m.createdBy}</td>
              <td>{formatDateTime(m.createdAt)}</td>
              <td>
                <a href={`/matters?new&from=${encodeURIComponent(m.matterCode)}`}>复制为新事项</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
