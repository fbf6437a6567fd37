/**
 * 在办办件: how many cases the centre holds open now, and in which 办件状态 — each status opens the
 * audit search for its cases. On the board, above the signals.
 */
import { auditLink } from '../audit/contract.js';

export interface OpenCases {
  readonly total: number;
  readonly byStatus: ReadonlyArray<{ readonly status: string | null; readonly cases: number }>;
}

export function OpenCasesCard({ open }: { open: OpenCases }) {
  return (
    <section class="mf-card sv-open" aria-label="在办办件">
      <span class="sv-open-total" data-testid="open-cases">
        在办办件 <strong>{open.total}</strong> 件
      </span>
      {open.byStatus.map((row) => (
        <span key={row.status ?? ''} class="sv-open-status">
          {row.status ? (
            <a href={auditLink({ status: row.status })} title={`查看${row.status}的办件`}>
              {/* 办结 with the flow still open: the result is still to be delivered (送达). */}
              {row.status === '已办结' ? '已办结待送达' : row.status} {row.cases} 件
            </a>
          ) : (
            `无办件状态 ${row.cases} 件`
          )}
        </span>
      ))}
    </section>
  );
}
