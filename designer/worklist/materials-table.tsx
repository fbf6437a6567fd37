/**
 * 申请材料 as officers read them: each material, whether it is required, and its state (with the
 * 补交 deadline of a 容缺 one); the task page adds each material's files.
 */
import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../shared/format.js';
import { MaterialFiles } from '../shared/material-files.js';
import { MATERIAL_STATE, NECESSITY, type Material } from './task-types.js';

export function MaterialsTable({
  materials,
  filesOf,
  children,
}: {
  materials: readonly Material[];
  /** The case whose files to show in a 电子文件 column; none: no such column. */
  filesOf?: string;
  /** Shown below the table, inside the section. */
  children?: ComponentChildren;
}) {
  return (
    <section class="mf-card" aria-label="申请材料">
      <h2>申请材料</h2>
      <table>
        <thead>
          <tr>
            <th>材料</th>
            <th>必要性</th>
            <th>状态</th>
            {filesOf === undefined ? null : <th>电子文件</th>}
          </tr>
        </thead>
        <tbody>
          {materials.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{NECESSITY[m.necessity] ?? m.necessity}</td>
              <td class={`wl-material-${m.state ?? ''}`}>
                {MATERIAL_STATE[m.state ?? ''] ?? '—'}
                {m.deadline ? `（补交期限 ${formatDateTime(m.deadline)}）` : ''}
              </td>
              {filesOf === undefined ? null : (
                <td>
                  <MaterialFiles caseId={filesOf} files={m.files ?? []} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {children}
    </section>
  );
}
