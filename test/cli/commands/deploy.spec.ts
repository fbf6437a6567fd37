import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../engine/store/index.js';
import { fixturesDir, repoRoot } from '../../engine/model/helpers.js';
import { cli, tempDir, withoutStackTrace } from './cli-helpers.js';

const FOOD_BPMN = path.join(repoRoot, 'processes', 'food-licence.bpmn');
const FOOD_MATTER = path.join(repoRoot, 'processes', 'food-licence.matter.json');

/** Rows of a table in a SQLite file. */
async function count(file: string, table: string): Promise<number> {
  const db = await openDatabase({ client: 'sqlite', filename: file });
  try {
    const row = (await db.knex(table).count({ n: '*' }).first()) as { n: number | string };
    return Number(row.n);
  } finally {
    await db.close();
  }
}

describe('cli: matterflow deploy', function () {
  this.timeout(60_000);
  const dir = tempDir();

  it('should deploy a BPMN file as version 1, then report it unchanged when the same XML is deployed again', async () => {
    // given
    const database = path.join(dir, 'twice.sqlite');
    // when
    const first = await cli(['deploy', '--database', database, FOOD_BPMN]);
    const second = await cli(['deploy', '--database', database, FOOD_BPMN]);
    // then
    // the shipped food licence carries one recommended-rule warning (an implicit join before 决定), which never blocks
    const warning = `${FOOD_BPMN}: decision: fake-join: warning: 多条流入未经网关汇合（请用网关汇合） (line 61, column 5)`;
    expect(first.code).to.equal(0);
    expect(first.stdout.trim().split('\n')).to.deep.equal([warning, `${FOOD_BPMN}: deployed food-licence version 1`]);
    expect(second.code).to.equal(0);
    expect(second.stdout.trim().split('\n')).to.deep.equal([warning, `${FOOD_BPMN}: unchanged food-licence version 1`]);
    expect(await count(database, 'definitions')).to.equal(1);
  });

  it('should NOT store a matter whose user task has no department or time limit: the lint refuses it, naming the task, exit 1', async () => {
    // given
    const database = path.join(dir, 'lint.sqlite');
    const file = path.join(dir, 'no-limit.bpmn');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="d" targetNamespace="t">
  <bpmn:process id="no-limit" name="无时限事项" isExecutable="true" gov:matterCode="330100-TEST-01" gov:promisedLimit="5" gov:promisedLimitUnit="workingDays">
    <bpmn:startEvent id="start" name="收件"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review" name="审查"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end" name="办结"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`,
    );
    // when
    const result = await cli(['deploy', '--database', database, file]);
    // then
    expect(result.code).to.equal(1);
    expect(result.stdout).to.match(/review: matterflow\/user-task-department: /);
    expect(result.stdout).to.match(/review: matterflow\/user-task-time-limit: /);
    expect(result.stdout.trim().split('\n').at(-1)).to.equal(`${file}: refused, nothing stored`);
    expect(await count(database, 'definitions')).to.equal(0);
  });

  it('should NOT store an invalid BPMN file: findings printed as validate prints them, exit 1', async () => {
    // given
    const database = path.join(dir, 'invalid.sqlite');
    const invalid = path.join(fixturesDir, 'gateway-no-outgoing.bpmn');
    // when
    const run = await cli(['deploy', '--database', database, invalid]);
    // then
    expect(run.code).to.equal(1);
    expect(run.stdout).to.contain(
      `${invalid}: split: gateway-no-outgoing: 并行网关“split”没有流出的顺序流，到达这里的流程会停住 (line 5, column 5)`,
    );
    expect(run.stdout).to.contain('refused, nothing stored');
    expect(withoutStackTrace(run)).to.equal(true);
    expect(await count(database, 'deployments')).to.equal(0);
    expect(await count(database, 'definitions')).to.equal(0);
  });

  it('should deploy a matter file after the process it runs', async () => {
    // given
    const database = path.join(dir, 'matter.sqlite');
    // when
    const run = await cli(['deploy', '--database', database, FOOD_BPMN, FOOD_MATTER]);
    // then
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/food-licence\.matter\.json: deployed matter \S+ version 1/);
    expect(await count(database, 'matters')).to.equal(1);
  });

  it('should NOT store an invalid matter file: each field error with its JSON pointer and Chinese message, exit 1', async () => {
    // given
    const database = path.join(dir, 'bad-matter.sqlite');
    const matter = JSON.parse(readFileSync(FOOD_MATTER, 'utf8')) as Record<string, unknown>;
    const broken = path.join(dir, 'broken.matter.json');
    writeFileSync(broken, JSON.stringify({ ...matter, name: 42, caseType: undefined }));
    // when
    const run = await cli(['deploy', '--database', database, FOOD_BPMN, broken]);
    // then
    expect(run.code).to.equal(1);
    expect(run.stdout).to.contain(`${broken}: /name: 事项名称：`);
    expect(run.stdout).to.contain(`${broken}: /caseType: 办件类型：`);
    expect(await count(database, 'matters')).to.equal(0);
  });

  it('should NOT deploy a matter whose process is not deployed, naming /process/processId', async () => {
    const run = await cli(['deploy', '--database', path.join(dir, 'no-process.sqlite'), FOOD_MATTER]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.contain('/process/processId: 办理流程 food-licence 尚未部署');
  });

  it('should exit 2 with the usage for a file that is neither .bpmn nor .json, or no file', async () => {
    for (const args of [['deploy', 'notes.txt'], ['deploy']]) {
      const run = await cli(args);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain('Usage: matterflow deploy');
    }
  });
});
