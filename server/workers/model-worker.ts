/**
 * The entry of a model worker thread (started by model-pool.ts): sets this thread's model limits
 * from `workerData`, then runs one task a message and posts its result back. A compiled definition
 * goes back split (definition-transfer.ts) so that receiving it does not block the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { configureModelLimits, type ConfigurableModelLimits } from '../../engine/model/index.js';
import type { LoadResult } from '../../engine/store/index.js';
import { encodeDefinition } from './definition-transfer.js';
import { MODEL_TASKS, type ModelTaskName } from './model-tasks.js';
import type { TaskReply, TaskRequest } from './model-protocol.js';

const port = parentPort;
if (!port) throw new Error('model-worker.ts runs as a worker thread (see model-pool.ts)');
configureModelLimits((workerData as { limits?: Partial<ConfigurableModelLimits> } | null)?.limits ?? {});

port.on('message', (request: TaskRequest) => {
  void run(request).then(
    ({ reply, transferList }) => port.postMessage(reply, transferList),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: describe(error) } satisfies TaskReply),
  );
});
port.postMessage({ ready: true });

async function run(request: TaskRequest): Promise<{ reply: TaskReply; transferList: ArrayBuffer[] }> {
  const task = MODEL_TASKS[request.task as ModelTaskName] as (...args: readonly unknown[]) => Promise<unknown>;
  const result = await task(...request.args);
  if (request.task === 'loadDefinition' && (result as LoadResult).ok) {
    const { definition, findings } = result as Extract<LoadResult, { ok: true }>;
    const { transfer, transferList } = encodeDefinition(definition);
    return { reply: { id: request.id, ok: true, result: { ok: true, findings }, definition: transfer }, transferList };
  }
  return { reply: { id: request.id, ok: true, result }, transferList: [] };
}

function describe(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error)
    return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: 'Error', message: String(error) };
}
