/**
 * `ModelWorkers`: the model tasks (model-tasks.ts) run in a small pool of worker threads, so that
 * parsing, compiling and linting a large BPMN file never blocks the server's event loop. Each
 * worker runs one task at a time; tasks beyond the workers wait in a bounded queue, and a task
 * that finds the queue full is refused at once (`ModelWorkersBusyError`, HTTP 503) instead of
 * piling up memory. A worker that dies fails its task and is replaced. Idle workers do not keep
 * the process alive.
 *
 * The server runs TypeScript under tsx; a worker thread does not inherit tsx's loader (on Node 20
 * neither `execArgv: ['--import', 'tsx']` nor importing tsx in the worker loads a .ts entry), so
 * under tsx a worker starts with a one-line bootstrap that imports the entry through tsx's
 * `tsImport`. Run as JavaScript, the worker loads model-worker.js directly.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConfigurableModelLimits } from '../../engine/model/index.js';
import type { LoadResult } from '../../engine/store/index.js';
import { decodeDefinition } from './definition-transfer.js';
import type { ModelService } from './model-service.js';
import type { BpmnSummary, DeployLint, ModelTaskName, PublicFlow } from './model-tasks.js';
import type { ReadyMessage, TaskReply, TaskRequest } from './model-protocol.js';

export interface ModelWorkersOptions {
  /** Worker threads (default 1). */
  readonly size?: number;
  /** Tasks that may wait for a free worker; one more is refused with `ModelWorkersBusyError` (default 8). */
  readonly queueLimit?: number;
  /** The model limits every worker applies (default: the model's defaults). */
  readonly limits?: Partial<ConfigurableModelLimits>;
  /** Told when a worker dies (its task fails with `ModelWorkerError`) and is replaced. */
  readonly onWorkerError?: (error: Error) => void;
}

/** Every worker is busy and the queue is full: try again shortly (HTTP 503). */
export class ModelWorkersBusyError extends Error {
  readonly code = 'MODEL_WORKERS_BUSY';
  constructor(readonly queueLimit: number) {
    super(
      `Expected a free model worker or room in the queue, but all workers are busy and ${queueLimit} task(s) wait already`,
    );
    this.name = 'ModelWorkersBusyError';
  }
}

/** The worker running a task died (out of memory, a crash), or the pool was closed. */
export class ModelWorkerError extends Error {
  readonly code = 'MODEL_WORKER_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelWorkerError';
  }
}

interface Job {
  readonly request: TaskRequest;
  resolve(reply: Extract<TaskReply, { ok: true }>): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
  ready: boolean;
  dead: boolean;
}

export class ModelWorkers implements ModelService {
  readonly size: number;
  readonly queueLimit: number;
  readonly #options: ModelWorkersOptions;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  private constructor(options: ModelWorkersOptions) {
    this.size = options.size ?? 1;
    this.queueLimit = options.queueLimit ?? 8;
    if (!Number.isInteger(this.size) || this.size < 1)
      throw new RangeError(`size must be a positive integer, but is ${this.size}`);
    if (!Number.isInteger(this.queueLimit) || this.queueLimit < 0)
      throw new RangeError(`queueLimit must be a non-negative integer, but is ${this.queueLimit}`);
    this.#options = options;
  }

  /** Start the workers and wait until each has loaded the model code (about a second under tsx). */
  static async start(options: ModelWorkersOptions = {}): Promise<ModelWorkers> {
    const pool = new ModelWorkers(options);
    try {
      await Promise.all(Array.from({ length: pool.size }, () => pool.#spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Tasks running and waiting now. */
  get load(): { readonly running: number; readonly queued: number } {
    return { running: this.#slots.filter((slot) => slot.job !== null).length, queued: this.#queue.length };
  }

  async lintForDeploy(xml: string): Promise<DeployLint> {
    return (await this.#run('lintForDeploy', [xml])).result as DeployLint;
  }

  async loadDefinition(
    xml: string,
    options: { readonly knownProcessIds?: ReadonlySet<string> } = {},
  ): Promise<LoadResult> {
    const reply = await this.#run('loadDefinition', [xml, [...(options.knownProcessIds ?? [])]]);
    if (!reply.definition) return reply.result as LoadResult;
    const { findings } = reply.result as { findings: LoadResult['findings'] };
    return { ok: true, definition: await decodeDefinition(reply.definition), findings };
  }

  async readBpmn(xml: string): Promise<BpmnSummary> {
    return (await this.#run('readBpmn', [xml])).result as BpmnSummary;
  }

  async publicFlow(xml: string, processId: string, knownProcessIds: ReadonlySet<string>): Promise<PublicFlow> {
    return (await this.#run('publicFlow', [xml, processId, [...knownProcessIds]])).result as PublicFlow;
  }

  /** Refuse new tasks, fail the waiting ones and stop every worker (the task in flight fails too). */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new ModelWorkerError('The model workers were closed'));
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((slot) => ((slot.dead = true), slot.worker.terminate())));
    for (const slot of slots) slot.job?.reject(new ModelWorkerError('The model workers were closed'));
  }

  #run(task: ModelTaskName, args: readonly unknown[]): Promise<Extract<TaskReply, { ok: true }>> {
    return new Promise((resolve, reject) => {
      if (this.#closed) return reject(new ModelWorkerError('The model workers were closed'));
      const job: Job = { request: { id: this.#nextId++, task, args }, resolve, reject };
      const idle = this.#slots.find((slot) => slot.job === null && !slot.dead);
      if (idle) return this.#dispatch(idle, job);
      if (this.#slots.length === 0) return reject(new ModelWorkerError('No model worker is running'));
      if (this.#queue.length >= this.queueLimit) return reject(new ModelWorkersBusyError(this.queueLimit));
      this.#queue.push(job);
    });
  }

  #dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage(job.request);
  }

  /** The next waiting task to `slot`, or let the idle worker not hold the process open. */
  #next(slot: Slot): void {
    const job = this.#queue.shift();
    if (job) this.#dispatch(slot, job);
    else if (slot.ready) slot.worker.unref();
  }

  /** A new worker in the pool; resolves when it has loaded, rejects when it dies before that. */
  #spawn(): Promise<void> {
    const worker = startWorker(this.#options.limits ?? {});
    const slot: Slot = { worker, job: null, ready: false, dead: false };
    this.#slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: TaskReply | ReadyMessage) => {
        if ('ready' in message) {
          slot.ready = true;
          if (slot.job === null) worker.unref();
          return resolve();
        }
        const job = slot.job;
        slot.job = null;
        if (job && message.id === job.request.id) {
          if (message.ok) job.resolve(message);
          else
            job.reject(
              Object.assign(new Error(message.error.message), {
                name: message.error.name,
                ...(message.error.stack ? { stack: message.error.stack } : {}),
              }),
            );
        }
        this.#next(slot);
      });
      const died = (error: Error) => {
        if (slot.dead) return;
        slot.dead = true;
        this.#slots.splice(this.#slots.indexOf(slot), 1);
        slot.job?.reject(
          new ModelWorkerError(`The model worker running this task died: ${error.message}`, { cause: error }),
        );
        slot.job = null;
        if (this.#closed) return;
        if (!slot.ready) {
          reject(error);
          if (this.#slots.length === 0)
            for (const job of this.#queue.splice(0))
              job.reject(new ModelWorkerError(`No model worker could start: ${error.message}`, { cause: error }));
          return;
        }
        this.#options.onWorkerError?.(error);
        void this.#spawn().then(
          () => undefined,
          (failed: unknown) =>
            this.#options.onWorkerError?.(failed instanceof Error ? failed : new Error(String(failed))),
        );
        const replacement = this.#slots.at(-1);
        if (replacement) this.#next(replacement);
      };
      worker.on('error', died);
      worker.on('exit', (code) => died(new Error(`the worker exited with code ${code}`)));
    });
  }
}

function startWorker(limits: Partial<ConfigurableModelLimits>): Worker {
  const options = { workerData: { limits } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./model-worker.js', import.meta.url), options);
  const entry = new URL('./model-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi())}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * The URL of tsx's ESM API, resolved from this file rather than from the working directory. Under
 * mocha this file is loaded as CommonJS, without import.meta.resolve; tsx's CommonJS build of the
 * API cannot register its hooks from a worker, so the ESM build is found beside its package.json.
 */
function tsxApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return new URL('./dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')))
    .href;
}
