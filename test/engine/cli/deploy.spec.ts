import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../engine/store/index.js';
import { fixturesDir, repoRoot } from '../model/helpers.js';
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
    expect(first.code).to.equal(0);
    expect(first.stdout.trim()).to.equal(`${FOOD_BPMN}: deployed food-licence version 1`);
    expect(second.code).to.equal(0);
    expect(second.stdout.trim()).to.equal(`${FOOD_BPMN}: unchanged food-licence version 1`);
    expect(await count(database, 'definitions')).to.equal(1);
  });

  it('should NOT store an invalid BPMN file: findings printed as validate prints them, exit 1', async () => {
    // given
    const database = path.join(dir, 'invalid.sqlite');
    const invalid = path.join(fixturesDir, 'gateway-no-outgoing.bpmn');
    // when
    const run = await cli(['deploy', '--database', database, invalid]);
    // then
    expect(run.code).to.equal(1);
    expect(run.stdout).to.contain(`${invalid}: split: gateway-no-outgoing: gateway has no outgoing sequence flow (line 5, column 5)`);
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
