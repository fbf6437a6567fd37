/**
 * 办理: one task. The case (status, applicant masked, matter, due dates), its materials, its
 * application form (read-only, rendered from the matter's schema), its history, and the
 * operations the server says this user may do now (GET /api/tasks/{taskId} → operations), each
 * with its form. Every submit carries an idempotency key; every refusal shows the server's
 * Chinese message.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, newIdempotencyKey } from '../shared/api.js';
import { messageOf, type Shell } from '../shared/shell.js';
import { schemaForm, type SchemaForm } from './schema-form.js';
import { clockLabel, Due, Signal } from './timing.js';
import { operationLabel, type CaseOperationType } from './declared.js';
import { History } from './history.js';
import { OperationForm } from './operation-form.js';
import { CaseHeader, resultText } from './case-header.js';
import { MaterialsTable } from './materials-table.js';
import type { CaseView, Offered, TaskDetail } from './task-types.js';

/** Operations done at once, without a form (their data is the step alone). */
const DIRECT: ReadonlySet<CaseOperationType> = new Set<CaseOperationType>([
  'task.claim',
  'task.unclaim',
  'task.resolve',
]);

/** Why the task page shows no task: the server's words, and the case a closed step belonged to. */
interface Gone {
  readonly message: string;
  readonly ofCase: { readonly caseId: string; readonly number: string | null } | null;
}

/** The case named by a 410 TASK_CLOSED (its details), to link to 办件详情. */
function closedCase(failure: ApiFailure): Gone['ofCase'] {
  const details = failure.details as { caseId?: unknown; number?: unknown } | undefined;
  if (failure.code !== 'TASK_CLOSED' || typeof details?.caseId !== 'string') return null;
  return { caseId: details.caseId, number: typeof details.number === 'string' ? details.number : null };
}

export function TaskPage({ shell, taskId }: { shell: Shell; taskId: string }) {
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const [gone, setGone] = useState<Gone | null>(null);
  const [open, setOpen] = useState<CaseOperationType | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const load = async () => {
    try {
      setDetail(await api<TaskDetail>(`/api/tasks/${encodeURIComponent(taskId)}`));
    } catch (error) {
      if (error instanceof ApiFailure && [403, 404, 410].includes(error.status))
        setGone({ message: error.zh, ofCase: closedCase(error) });
      else shell.showError(error);
    }
  };
  useEffect(() => void load(), [taskId]);

  /** Submit one operation; on success reload (or go back to the worklist when the task is done). The failure, or null. */
  const submit = async (offered: Offered, data: Record<string, unknown>, key: string): Promise<unknown> => {
    if (!detail) return null;
    setBusy(true);
    setRefusal(null);
    try {
      const after = await api<CaseView>(`/api/cases/${encodeURIComponent(detail.case.caseId)}/operations`, {
        body: { operation: offered.operation, data: { taskId, ...data } },
        idempotencyKey: key,
      });
      shell.notify(`${offered.label}：已办理`, 'success');
      setOpen(null);
      if (after.tasks.some((t) => t.taskId === taskId)) await load();
      else {
        sessionStorage.setItem(
          'worklist.notice',
          `办件 ${after.caseId}「${detail.task.name ?? ''}」已${operationLabel(offered.operation)}，当前状态：${after.status ?? ''}`,
        );
        location.assign('/worklist');
      }
      return null;
    } catch (error) {
      const message = messageOf(error);
      setRefusal(message);
      shell.showError(error);
      return error;
    } finally {
      setBusy(false);
    }
  };

  if (gone)
    return (
      <div class="mf-card wl-task-gone">
        <p>{gone.message}</p>
        <p>
          {gone.ofCase && (
            <>
              <a href={`/worklist/cases/${encodeURIComponent(gone.ofCase.caseId)}`} class="wl-case-link">
                查看办件 {gone.ofCase.number ?? gone.ofCase.caseId}
              </a>{' '}
              ·{' '}
            </>
          )}
          <a href="/worklist">返回待办</a>
        </p>
      </div>
    );
  if (!detail) return <p class="mf-muted">正在加载…</p>;
  const c = detail.case;
  const current = detail.operations.find((o) => o.operation === open) ?? null;
  return (
    <div class="wl-task">
      <div class="wl-heading">
        <a href="/worklist">← 待办</a>
        <h1>
          {detail.task.name ?? detail.task.elementId}
          <small class="mf-muted"> · {c.matter?.name ?? ''}</small>
        </h1>
      </div>
      <CaseHeader c={c} channel footer={c.parts.length > 0 ? <Parts parts={c.parts} /> : null}>
        <dt>当前环节</dt>
        <dd>
          {detail.task.name}（{detail.task.department ?? '—'}）
          {detail.task.assignee ? `，签收人 ${detail.task.assignee}` : '，未签收'}
          {detail.delegation === 'pending' ? `，委派自 ${detail.owner ?? ''}` : ''}
        </dd>
        <dt>环节时限</dt>
        <dd>
          <Due timing={detail.task.step} />{' '}
          {detail.task.step ? <span class="mf-muted">{clockLabel(detail.task.step, c.status)}</span> : null}{' '}
          <Signal level={detail.task.step?.signal} />
        </dd>
        <dt>办件时限</dt>
        <dd>
          <Due timing={detail.task.case} /> <span class="mf-muted">{clockLabel(detail.task.case, c.status)}</span>{' '}
          <Signal level={detail.task.case?.signal} />
        </dd>
        {c.result ? (
          <>
            <dt>办结结果</dt>
            <dd>{resultText(c.result)}</dd>
          </>
        ) : null}
        {c.package ? (
          <>
            <dt>一件事</dt>
            <dd>
              本件是一件事「{c.package.name}」{c.package.number ? `（${c.package.number}）` : ''}的子事项
            </dd>
          </>
        ) : null}
      </CaseHeader>

      <section class="mf-card wl-actions" aria-label="办理操作">
        <h2>办理</h2>
        {detail.operations.length === 0 ? (
          <p class="mf-muted">您对该任务没有可执行的操作（仅可查看）。</p>
        ) : (
          <div class="mf-toolbar">
            {detail.operations.map((o) =>
              DIRECT.has(o.operation) ? (
                <button
                  type="button"
                  key={o.operation}
                  disabled={busy}
                  onClick={() => void submit(o, {}, newIdempotencyKey())}
                >
                  {o.label}
                </button>
              ) : (
                <button
                  type="button"
                  key={o.operation}
                  class={open === o.operation ? 'primary' : undefined}
                  aria-expanded={open === o.operation}
                  disabled={busy}
                  onClick={() => {
                    setRefusal(null);
                    setOpen(open === o.operation ? null : o.operation);
                  }}
                >
                  {o.label}
                </button>
              ),
            )}
          </div>
        )}
        {refusal ? (
          <p class="wl-refusal" role="alert">
            {refusal}
          </p>
        ) : null}
        {current ? (
          <OperationForm
            key={current.operation}
            offered={current}
            detail={detail}
            busy={busy}
            onSubmit={(data, key) => submit(current, data, key)}
            onCancel={() => setOpen(null)}
          />
        ) : null}
      </section>

      <div class="wl-columns">
        <MaterialsTable materials={detail.materials} filesOf={c.caseId}>
          {c.openDefects.length > 0 ? <p>待补正：{c.openDefects.join('；')}</p> : null}
          {c.tolerance ? <p class="mf-muted">容缺承诺：{c.tolerance.commitment}</p> : null}
        </MaterialsTable>
        <section class="mf-card" aria-label="办理记录">
          <h2>
            办理记录 <small class="mf-muted">最新在前</small>
          </h2>
          <History entries={detail.history} />
        </section>
      </div>
      <section class="mf-card" aria-label="申请表">
        <h2>申请表</h2>
        <ReadOnlyForm schema={detail.formSchema} value={detail.form} />
      </section>
    </div>
  );
}

function ReadOnlyForm({ schema, value }: { schema: unknown; value: Record<string, unknown> }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current || !schema) return;
    let form: SchemaForm | null = null;
    let cancelled = false;
    void schemaForm(host.current, schema, { value, readOnly: true }).then((ready) => {
      if (cancelled) ready.destroy();
      else form = ready;
    });
    return () => {
      cancelled = true;
      form?.destroy();
    };
  }, [schema, value]);
  if (!schema) return <p class="mf-muted">该事项没有申请表</p>;
  return <div ref={host} />;
}

/** 一件事: the package's parts (子事项), each a 办件 of its own, with its status and result now. */
function Parts({ parts }: { parts: CaseView['parts'] }) {
  return (
    <table class="wl-parts" aria-label="一件事子事项">
      <caption>一件事子事项</caption>
      <thead>
        <tr>
          <th>办件编号</th>
          <th>子事项</th>
          <th>办理部门</th>
          <th>状态</th>
          <th>结果</th>
        </tr>
      </thead>
      <tbody>
        {parts.map((part) => (
          <tr key={part.caseId}>
            <td>{part.number ?? part.caseId}</td>
            <td>{part.name}</td>
            <td>{part.department ?? '—'}</td>
            <td>{part.status ?? '—'}</td>
            <td>{part.result ? `${part.result.kind}${part.result.reason ? `（${part.result.reason}）` : ''}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
