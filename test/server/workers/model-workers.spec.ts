/**
 * BPMN off the event loop: the model tasks in worker threads give what they give in this thread,
 * over HTTP too; a file past the element limit is refused unparsed; a flood past the queue bound
 * is answered 503 at once. Behaviour only: the latency is measured by bench/model-workers.ts.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { SettableClock } from '../../../engine/clock.js';
import { createStore, migrateLatest, type Store } from '../../../engine/store/index.js';
import { createApp } from '../../../server/app.js';
import { createUser } from '../../../engine/users-store/index.js';
import {
  engineWithModels,
  inProcessModels,
  ModelWorkers,
  ModelWorkersBusyError,
  type ModelService,
} from '../../../server/workers/index.js';
import { bareChainModel, chainModel, manyTasksModel } from '../../support/large-models.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

const repo = (file: string) => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
const FOOD_LICENCE = repo('processes/food-licence.bpmn');
const INVALID = repo('test/fixtures/model/gov-invalid.bpmn');
const MALFORMED = repo('test/fixtures/model/malformed.bpmn');
const CALLS_MISSING = repo('test/fixtures/model/called-process-missing.bpmn');
/** A matter whose user task breaks two matterflow lint rules (refused by the lint, not by validation). */
const LINT_REFUSED = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="d" targetNamespace="t">
  <bpmn:process id="lint-refused" name="检查发布" isExecutable="true" gov:matterCode="330106-XK-LINT-002">
    <bpmn:startEvent id="start" name="收件" />
    <bpmn:userTask id="review" name="审查" />
    <bpmn:endEvent id="end" name="办结" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface TestApp {
  readonly app: Express;
  readonly store: Store;
  readonly token: string;
  close(): Promise<void>;
}

/** The real app over a fresh database, its routes and its store working through `models`. */
async function appWith(models: ModelService): Promise<TestApp> {
  const db: TestDatabase = await openTestDatabase();
  await migrateLatest(db.database);
  const clock = new SettableClock('2026-11-02T01:30:00.000Z');
  const store = await createStore({ database: db.database, clock }, engineWithModels(models));
  const { token } = await createUser(
    db.database.knex,
    { id: 'admin', name: 'admin', roles: ['admin'] },
    { actor: 'test', at: '2026-11-01T00:00:00.000Z' },
  );
  const app = createApp({ db: db.database, store, logger: pino({ level: 'silent' }), clock, models });
  return {
    app,
    store,
    token,
    close: async () => {
      await store.close();
      await db.dispose();
    },
  };
}

describe('server: BPMN in model worker threads', function () {
  this.timeout(120_000);
  let workers: ModelWorkers;
  before(async () => {
    workers = await ModelWorkers.start({ size: 1, queueLimit: 1 });
  });
  after(() => workers.close());

  it('should lint, compile and read a valid and an invalid model in a worker exactly as in this thread', async () => {
    for (const xml of [FOOD_LICENCE, INVALID, MALFORMED, LINT_REFUSED, manyTasksModel(100_000)]) {
      // when
      const [lint, load, read] = [
        await workers.lintForDeploy(xml),
        await workers.loadDefinition(xml),
        await workers.readBpmn(xml),
      ];
      // then
      expect(lint).to.deep.equal(await inProcessModels.lintForDeploy(xml));
      expect(load).to.deep.equal(await inProcessModels.loadDefinition(xml));
      expect(read).to.deep.equal(await inProcessModels.readBpmn(xml));
    }
    const known = new Set(['child-process']);
    expect(await workers.loadDefinition(CALLS_MISSING, { knownProcessIds: known })).to.deep.equal(
      await inProcessModels.loadDefinition(CALLS_MISSING, { knownProcessIds: known }),
    );
    expect(await workers.publicFlow(FOOD_LICENCE, 'food-licence', new Set())).to.deep.equal(
      await inProcessModels.publicFlow(FOOD_LICENCE, 'food-licence', new Set()),
    );
  });

  it('should give back a compiled definition frozen all the way down, its reachability included', async () => {
    // given the costliest compile under the limits: about two million reachable pairs
    const xml = bareChainModel(1_990);
    // when
    const loaded = await workers.loadDefinition(xml);
    // then
    if (!loaded.ok) throw new Error(`expected a definition, got ${JSON.stringify(loaded.findings.slice(0, 3))}`);
    const process = loaded.definition.processes.get('bareChain');
    expect(Object.isFrozen(loaded.definition)).to.equal(true);
    expect(process?.reachable.get('start')?.size).to.equal(1_990 + 1);
    expect(process?.reachable.get('task1000')?.has('end')).to.equal(true);
    expect(process?.reachable.get('end')?.size).to.equal(0);
    expect(Object.isFrozen(process?.reachable.get('start'))).to.equal(true);
    expect(() => (process?.reachable.get('start') as Set<string>).add('x')).to.throw(TypeError);
  });

  it('should refuse tasks past the queue bound at once, and still run the queued one', async () => {
    // given one worker and room for one waiting task
    const settled: string[] = [];
    // when five tasks arrive together
    const tasks = Array.from({ length: 5 }, (_, n) =>
      workers.readBpmn(chainModel({ elements: 2_000, processId: `flood${n}` })).then(
        (result) => (settled.push(`done ${n}`), result),
        (error: unknown) => (settled.push(`refused ${n}`), Promise.reject(error)),
      ),
    );
    const results = await Promise.allSettled(tasks);
    // then the first runs, the second waits and runs, the other three are refused before either finishes
    expect(results.map((result) => result.status)).to.deep.equal([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
    ]);
    for (const result of results.slice(2))
      expect(result.status === 'rejected' && result.reason)
        .to.be.instanceOf(ModelWorkersBusyError)
        .and.have.property('code', 'MODEL_WORKERS_BUSY');
    expect(settled).to.deep.equal(['refused 2', 'refused 3', 'refused 4', 'done 0', 'done 1']);
    expect(workers.load).to.deep.equal({ running: 0, queued: 0 });
  });

  describe('over HTTP', () => {
    let viaWorkers: TestApp;
    let inThread: TestApp;
    before(async () => {
      viaWorkers = await appWith(workers);
      inThread = await appWith(inProcessModels);
    });
    after(async () => {
      await viaWorkers.close();
      await inThread.close();
    });
    const post = (target: TestApp, path: string, body: object) =>
      request(target.app)
        .post(path)
        .set({ Authorization: `Bearer ${target.token}` })
        .send(body);

    it('should answer deploys, diffs and drafts the same with workers as in this thread, for valid and invalid models', async () => {
      for (const xml of [
        LINT_REFUSED,
        INVALID,
        MALFORMED,
        FOOD_LICENCE,
        FOOD_LICENCE.replace('name="审查"', 'name="书面审查"'),
      ]) {
        // when
        const [workerDeploy, threadDeploy] = [
          await post(viaWorkers, '/api/definitions', { xml }),
          await post(inThread, '/api/definitions', { xml }),
        ];
        // then
        expect(workerDeploy.status).to.equal(threadDeploy.status);
        expect(workerDeploy.body).to.deep.equal(threadDeploy.body);
      }
      const changed = FOOD_LICENCE.replace('gov:timeLimit="4"', 'gov:timeLimit="3"');
      const [workerDiff, threadDiff] = [
        await post(viaWorkers, '/api/definitions/food-licence/diff', { xml: changed }),
        await post(inThread, '/api/definitions/food-licence/diff', { xml: changed }),
      ];
      expect(workerDiff.status).to.equal(200);
      expect(workerDiff.body).to.deep.equal(threadDiff.body);
      for (const xml of [MALFORMED, FOOD_LICENCE]) {
        const [workerDraft, threadDraft] = [
          await post(viaWorkers, '/api/drafts', { name: '草稿', xml }),
          await post(inThread, '/api/drafts', { name: '草稿', xml }),
        ];
        expect(workerDraft.status).to.equal(threadDraft.status);
        if (workerDraft.status === 201)
          expect(workerDraft.body.processId).to.equal(threadDraft.body.processId).and.equal('food-licence');
        else expect(workerDraft.body).to.deep.equal(threadDraft.body);
      }
    });

    it('should refuse a model past the element limit with xml-too-many-elements, in Chinese and English, when deployed, compared or saved', async () => {
      // given the 100,000-element file of issue 12
      const xml = manyTasksModel(100_000);
      // when
      const deployed = await post(viaWorkers, '/api/definitions', { xml }).expect(422);
      const compared = await post(viaWorkers, '/api/definitions/food-licence/diff', { xml });
      const saved = await post(viaWorkers, '/api/drafts', { name: '大文件', xml }).expect(422);
      // then
      expect(deployed.body.code).to.equal('DEFINITION_INVALID');
      expect(deployed.body.details.findings.map((finding: { rule: string }) => finding.rule)).to.deep.equal([
        'xml-too-many-elements',
        'xml-too-many-elements',
      ]);
      expect(deployed.body.message.zh).to.contain('模型有 100002 个 XML 元素，超过上限 5000 个');
      expect(deployed.body.message.en).to.contain('more than the limit of 5000');
      expect(compared.status).to.be.oneOf([404, 422]);
      expect(saved.body).to.deep.include({ code: 'DRAFT_XML_INVALID', field: '/body/xml' });
      expect(saved.body.message.zh).to.match(
        /^BPMN 文件无法读取（第 2 行，第 \d+ 列）：模型有 100002 个 XML 元素，超过上限 5000 个$/,
      );
      expect(saved.body.details.findings[0].rule).to.equal('xml-too-many-elements');
    });

    it('should answer a flood past the queue bound with 503 MODEL_WORKERS_BUSY and Retry-After, before the accepted deploys finish', async () => {
      // given one worker, room for one waiting task, and six costly models sent at once
      const finished: number[] = [];
      // when
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          post(viaWorkers, '/api/definitions', { xml: bareChainModel(1_000, `flood${n}`) }).then(
            (answer) => (finished.push(answer.status), answer),
          ),
        ),
      );
      // then
      const busy = answers.filter((answer) => answer.status === 503);
      expect(busy.length).to.be.greaterThan(0);
      expect(answers.every((answer) => answer.status === 201 || answer.status === 503)).to.equal(true);
      for (const answer of busy) {
        expect(answer.body.code).to.equal('MODEL_WORKERS_BUSY');
        expect(answer.body.message.zh).to.contain('请稍后重试');
        expect(answer.headers['retry-after']).to.equal('2');
      }
      expect(finished[0]).to.equal(503);
      expect(finished.indexOf(201)).to.be.greaterThan(finished.lastIndexOf(503));
    });
  });
});
