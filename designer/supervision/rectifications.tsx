/**
 * 差评 rectifications (整改) still open, the overdue ones first: the deadline (marked 已超期 when
 * passed, 暂定 when counted without next year's calendar), the rating, its department and matter,
 * and a link to the rated case.
 */
import { formatDateTime } from '../shared/format.js';
import { caseLink } from './links.js';
import type { RectificationsDue } from './types.js';

export function RectificationsCard({ due }: { due: RectificationsDue }) {
  const items = due.rectifications;
  const overdue = items.filter((item) => item.overdue).length;
  return (
    <section class="mf-card sv-card" aria-labelledby="sv-rect-title">
      <h2 id="sv-rect-title">
        差评整改待办{' '}
        <span class="mf-muted sv-note">
          共 {items.length} 项，其中 <strong class={overdue > 0 ? 'sv-overdue' : undefined}>{overdue} 项已超期</strong>
          ；按整改期限排列，已超期的在前
        </span>
      </h2>
      {items.length === 0 ? (
        <p class="sv-empty">没有待整改的差评。</p>
      ) : (
        <table class="sv-table" aria-label="差评整改待办">
          <thead>
            <tr>
              <th scope="col">整改期限</th>
              <th scope="col">状态</th>
              <th scope="col">评价</th>
              <th scope="col">部门</th>
              <th scope="col">事项</th>
              <th scope="col">办件</th>
              <th scope="col">评价时间</th>
              <th scope="col" class="sv-num">
                回访
              </th>
              <th scope="col">申诉</th>
              <th scope="col">评价内容</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.ratingId} class={item.overdue ? 'sv-row-overdue' : undefined}>
                <td>
                  {formatDateTime(item.dueAt)}
                  {item.provisional && <span class="mf-muted">（暂定）</span>}
                </td>
                <td>
                  {item.overdue ? (
                    <span class="mf-signal mf-signal-red">已超期</span>
                  ) : (
                    <span class="mf-muted">未到期</span>
                  )}
                </td>
                <td>{item.level}</td>
                <td>{item.department}</td>
                <td>{item.matterName ?? item.matterCode}</td>
                <td>
                  <a href={caseLink(item.caseId)} aria-label={`办件 ${item.caseId}`} title={item.caseId}>
                    {item.caseId.slice(0, 8)}
                  </a>
                </td>
                <td>{formatDateTime(item.ratedAt)}</td>
                <td class="sv-num">{item.followUps}</td>
                <td>{item.appeal ?? '—'}</td>
                <td class="sv-text" title={item.text ?? ''}>
                  {item.text ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
