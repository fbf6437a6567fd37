/**
 * In memory, against bpmn-engine (paed01's, npm) in the same run: the same process (start ->
 * parallel split to 3 user tasks -> join -> exclusive gateway on `approved` -> two ends).
 * - ours: the pure runtime, exactly as runtime.ts drives it (`execute(definition, state, command,
 *   ctx)`, the definition loaded once), 4 commands a case;
 * - bpmn-engine: `new Engine({ sourceContext })` a case, `execute` with the variables, the 3
 *   waiting user tasks signalled, the engine's `end` awaited. The source is parsed and serialized
 *   once, as ours is loaded once (`sourceContext`, its documented way to skip the XML parse; given
 *   `source` instead, it parses the XML again for every case and runs at about 0.7 of that).
 * bpmn-engine has no FEEL, so it runs fixtures/parallel-review.bpmn-engine.bpmn: the same shape,
 * its condition an expression in bpmn-engine's syntax calling a service
 * (`${environment.services.isFalse(environment.variables.approved)}`). Its expressions only look
 * values up: `${environment.variables.approved} === false` would be the string "true === false"
 * (truthy) for every case; a script condition runs in a new vm context each time it is evaluated.
 * Both contenders are checked to reach the end the condition chooses before anything is timed.
 *
 * Throughput: the contenders interleaved in rounds (ours, theirs, theirs, ours, ...), each round a
 * share of the `cases`; cases / s is the total over all rounds. Heap: `open` cases of each held
 * waiting at the three user tasks, heap used after a forced GC less before, a case (two rounds,
 * interleaved, averaged).
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Engine } from 'bpmn-engine';
import { loadDefinition, type CompiledDefinition } from '../engine/model/index.js';
import { execute, type Command } from '../engine/runtime/index.js';
import { type CaseState } from '../engine/case/index.js';
import { report, type Figure } from './report.js';

const OURS_XML = readFileSync(new URL('./fixtures/parallel-review.bpmn', import.meta.url), 'utf8');
const THEIRS_XML = readFileSync(new URL('./fixtures/parallel-review.bpmn-engine.bpmn', import.meta.url), 'utf8');
const ROUNDS = 4;
/** The service bpmn-engine's condition calls: FEEL's `approved = false`. */
const services = { isFalse: (value: unknown) => value === false };

interface Contender {
  /** Run case `n` to its end. */
  run(n: number): Promise<void>;
  /** Start case `n` and leave it waiting at its user tasks; returns what holds it. */
  open(n: number): Promise<unknown>;
  /** Run case `n` to its end, untimed; returns the id of the end event it reached. */
  endOf(n: number): Promise<string>;
}

const ENDS = new Set(['granted', 'refused']);

function ours(definition: CompiledDefinition): Contender {
  let ids = 0;
  const ctx = { now: '2026-03-02T01:00:00.000Z', ids: () => `i${++ids}` };
  const step = (state: CaseState | null, command: Command) => {
    const result = execute(definition, state, command, ctx);
    if (!result.ok) throw new Error(result.rejection.message);
    return result;
  };
  const start = (n: number): CaseState => {
    const { state } = step(null, {
      type: 'case.start',
      actor: 'bench',
      data: { caseId: `c${n}`, processId: 'parallelReview', variables: { approved: n % 2 === 0 } },
    });
    if (Object.keys(state.tasks).length !== 3) throw new Error(`case c${n} does not wait at 3 tasks`);
    return state;
  };
  /** Complete the three tasks; the events of the last command. */
  const finish = (n: number, state: CaseState) => {
    let last: ReturnType<typeof step> | null = null;
    for (const taskId of Object.keys(state.tasks))
      last = step(last?.state ?? state, { type: 'task.complete', actor: 'bench', data: { taskId } });
    if (last?.state.status !== 'completed') throw new Error(`case c${n} did not complete`);
    return last.events;
  };
  return {
    async run(n) {
      finish(n, start(n));
    },
    async open(n) {
      return start(n);
    },
    async endOf(n) {
      const ended = finish(n, start(n)).filter((e) => e.type === 'element.completed');
      const id = ended.map((e) => (e.data as { elementId?: string }).elementId ?? '').find((e) => ENDS.has(e));
      return id ?? 'no end';
    },
  };
}

/** bpmn-engine's serialized model of THEIRS_XML, made once (what `new Engine({ source })` makes). */
async function serializedSource(): Promise<unknown> {
  const [definition] = await new Engine({ source: THEIRS_XML }).getDefinitions();
  const context = (definition as unknown as { context?: { definitionContext?: unknown } }).context;
  if (!context?.definitionContext) throw new Error('bpmn-engine gave no serialized source context');
  return context.definitionContext;
}

function theirs(sourceContext: unknown): Contender {
  const start = async (n: number, listener?: EventEmitter) => {
    const engine = new Engine({ name: `c${n}`, sourceContext, services } as ConstructorParameters<typeof Engine>[0]);
    const execution = await engine.execute({ variables: { approved: n % 2 === 0 }, ...(listener ? { listener } : {}) });
    const waiting = execution.getPostponed();
    if (waiting.length !== 3) throw new Error(`bpmn-engine case c${n} waits at ${waiting.length} activities, not 3`);
    return { engine, waiting };
  };
  const finish = async ({ engine, waiting }: Awaited<ReturnType<typeof start>>) => {
    const ended = engine.waitFor('end');
    for (const activity of waiting) activity.signal();
    await ended;
  };
  return {
    async run(n) {
      await finish(await start(n));
    },
    async open(n) {
      return (await start(n)).engine;
    },
    async endOf(n) {
      const reached: string[] = [];
      const listener = new EventEmitter();
      listener.on('activity.end', (api: { id: string }) => reached.push(api.id));
      await finish(await start(n, listener));
      return reached.find((id) => ENDS.has(id)) ?? 'no end';
    },
  };
}

/** A forced full GC (`--expose-gc` if given, otherwise the flag set now). */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Heap bytes a case with `open` cases of `contender` held at once. */
async function heapPerCase(contender: Contender, open: number, gc: () => void, from: number): Promise<number> {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const held: unknown[] = [];
  for (let k = 0; k < open; k++) held.push(await contender.open(from + k));
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (held.length !== open) throw new Error('cases were dropped');
  return (after - before) / open;
}

export async function benchCompareBpmnEngine(cases: number, open = 2_000): Promise<Figure[]> {
  const loaded = await loadDefinition(OURS_XML);
  if (!loaded.ok) throw new Error('benchmark process does not load');
  const definition = loaded.definition;
  const contenders = { ours: ours(definition), theirs: theirs(await serializedSource()) };
  for (const n of [0, 1]) {
    const expected = n % 2 === 0 ? 'granted' : 'refused';
    for (const who of ['ours', 'theirs'] as const) {
      const reached = await contenders[who].endOf(n);
      if (reached !== expected) throw new Error(`${who}: approved ${n % 2 === 0} reached ${reached}, not ${expected}`);
    }
  }
  const seconds = { ours: 0, theirs: 0 };
  const done = { ours: 0, theirs: 0 };
  const drive = async (who: 'ours' | 'theirs', from: number, count: number, timed: boolean) => {
    const began = performance.now();
    for (let n = from; n < from + count; n++) await contenders[who].run(n);
    if (!timed) return;
    seconds[who] += (performance.now() - began) / 1000;
    done[who] += count;
  };
  // Warm-up, untimed.
  const warm = Math.min(500, cases);
  await drive('ours', 0, warm, false);
  await drive('theirs', 0, warm, false);
  const share = Math.ceil(cases / ROUNDS);
  for (let round = 0, from = 0; from < cases; round++, from += share) {
    const count = Math.min(share, cases - from);
    const order: ('ours' | 'theirs')[] = round % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
    for (const who of order) await drive(who, from, count, true);
  }
  const gc = collector();
  const heap = { ours: 0, theirs: 0 };
  for (let round = 0; round < 2; round++) {
    const order: ('ours' | 'theirs')[] = round % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
    for (const who of order) heap[who] += (await heapPerCase(contenders[who], open, gc, round * open)) / 2;
  }
  const rate = { ours: done.ours / seconds.ours, theirs: done.theirs / seconds.theirs };
  return report('in memory vs bpmn-engine 25', [
    { name: 'ours: cases completed / s', value: rate.ours },
    { name: 'bpmn-engine: cases completed / s', value: rate.theirs },
    { name: 'ours / bpmn-engine', value: rate.ours / rate.theirs, unit: '×' },
    { name: `ours: heap a case (${open.toLocaleString('en-US')} open)`, value: heap.ours, unit: 'B' },
    { name: 'bpmn-engine: heap a case', value: heap.theirs, unit: 'B' },
    { name: 'bpmn-engine / ours heap a case', value: heap.theirs / heap.ours, unit: '×' },
  ]);
}
