/**
 * 容缺受理信用核查 — an external task worker for the topic `credit-check`: before a case is
 * accepted with materials missing (容缺受理), the centre asks the credit platform whether the
 * applicant is on a 失信 blacklist. The worker fetches the tasks, asks the platform for the
 * applicant's 证件号码 (or 统一社会信用代码), and completes the task with `信用核查: '通过'`, or
 * throws the BPMN error `CREDIT_BLACKLISTED`, which the process catches (an error boundary event
 * on the task) to refuse 容缺受理. A platform that does not answer is a technical failure: retried,
 * then an incident for an administrator (异常处理).
 *
 *   MATTERFLOW_URL=http://127.0.0.1:3000 MATTERFLOW_WORKER_TOKEN=mfw_… \
 *   CREDIT_PLATFORM_URL=https://credit.example/api npx tsx client/examples/credit-check-worker.ts
 *
 * - MATTERFLOW_WORKER_TOKEN: a worker token with the topic `credit-check` (POST /api/worker-tokens).
 * - WORKER_ID: this process's id (default credit-check-<pid>).
 * - CREDIT_PLATFORM_URL: `GET <url>/credit/<证件号码>` answers `{ "blacklisted": boolean, "reason"?: string }`.
 *   Without it, CREDIT_BLACKLIST lists blacklisted numbers (comma-separated): for trying it out.
 * - LOCK_MS (default 60000): how long a task is held; longer work extends it.
 *
 * It prints one JSON line per task it handled (task and case ids, never a 证件号码) and stops on SIGTERM.
 */
import { BpmnError, ExternalTaskClient, TaskWorker, type ExternalTask } from '../index.js';

const baseUrl = process.env['MATTERFLOW_URL'] ?? 'http://127.0.0.1:3000';
const token = process.env['MATTERFLOW_WORKER_TOKEN'];
if (!token) {
  process.stderr.write('MATTERFLOW_WORKER_TOKEN is not set (a worker token with the topic credit-check)\n');
  process.exit(2);
}
const workerId = process.env['WORKER_ID'] ?? `credit-check-${process.pid}`;
const platform = process.env['CREDIT_PLATFORM_URL'];
const blacklist = new Set((process.env['CREDIT_BLACKLIST'] ?? '').split(',').filter(Boolean));

/** The credit platform's verdict on one applicant. */
async function creditOf(id: string, signal: AbortSignal): Promise<{ blacklisted: boolean; reason?: string }> {
  if (!platform) return { blacklisted: blacklist.has(id), reason: '本地失信名单' };
  const response = await fetch(`${platform.replace(/\/$/, '')}/credit/${encodeURIComponent(id)}`, { signal });
  if (!response.ok) throw new Error(`信用平台答复 HTTP ${response.status}`);
  return (await response.json()) as { blacklisted: boolean; reason?: string };
}

async function checkCredit(task: ExternalTask, { signal }: { signal: AbortSignal }) {
  const id = task.variables['creditCode'] ?? task.variables['idNumber'];
  if (typeof id !== 'string' || id.trim() === '')
    throw new BpmnError('CREDIT_UNKNOWN_APPLICANT', '申请信息中没有证件号码或统一社会信用代码');
  const verdict = await creditOf(id.trim(), signal);
  if (verdict.blacklisted)
    throw new BpmnError('CREDIT_BLACKLISTED', `申请人列入失信名单：${verdict.reason ?? '信用平台'}`, {
      信用核查: '失信',
    });
  return { 信用核查: '通过' };
}

const worker = new TaskWorker(new ExternalTaskClient({ baseUrl, token, workerId }), {
  subscriptions: [
    {
      topicName: 'credit-check',
      lockDuration: Number(process.env['LOCK_MS'] ?? 60_000),
      variables: ['idNumber', 'creditCode'],
      handler: checkCredit,
    },
  ],
  maxTasks: 5,
  asyncResponseTimeout: 30_000,
  log: (event) => {
    const line =
      event.kind === 'pollFailed'
        ? { kind: event.kind, workerId, error: String(event.error) }
        : {
            kind: event.kind,
            workerId,
            taskId: event.task.id,
            caseId: event.task.caseId,
            ...('error' in event && event.error !== undefined ? { error: String(event.error) } : {}),
          };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  },
});

process.once('SIGTERM', () => worker.stop());
process.once('SIGINT', () => worker.stop());
process.stdout.write(`${JSON.stringify({ kind: 'started', workerId, baseUrl })}\n`);
await worker.run();
process.stdout.write(`${JSON.stringify({ kind: 'stopped', workerId })}\n`);
