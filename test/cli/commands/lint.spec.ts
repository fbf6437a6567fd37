import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SHIPPED_MATTERS } from '../../../processes/index.js';
import { bpmn, chain } from '../../engine/lint/helpers.js';
import { cli, tempDir, withoutStackTrace } from './cli-helpers.js';

describe('cli: matterflow lint', function () {
  this.timeout(60_000);
  const dir = tempDir();
  const file = (name: string, content: string): string => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };
  const missingDepartment = file(
    'missing-department.bpmn',
    bpmn(
      '<bpmn:startEvent id="s" /><bpmn:userTask id="review" name="审查" gov:timeLimit="3" /><bpmn:endEvent id="e" />' +
        chain('s', 'review', 'e'),
    ),
  );

  it('should exit 0 for the shipped processes (warnings only) and name each finding', async () => {
    const run = await cli(['lint', ...SHIPPED_MATTERS.map((shipped) => shipped.bpmn)]);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('food-licence.bpmn: decision: fake-join: warning: 多条流入未经网关汇合');
    expect(run.stderr).to.contain(`${SHIPPED_MATTERS.length} file(s): ${SHIPPED_MATTERS.length} clean, 0 with errors`);
  });

  it('should exit 1 and print FILE: ELEMENT_ID: RULE: message in Chinese, with the position, for an error', async () => {
    const run = await cli(['lint', missingDepartment]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.contain(
      `${missingDepartment}: review: matterflow/user-task-department: 用户任务“审查”未设置承办部门 (line 4, column 27)`,
    );
    expect(run.stderr).to.contain('1 with errors');
  });

  it('should print one JSON object per finding with --json', async () => {
    const run = await cli(['lint', '--json', missingDepartment]);
    expect(run.code).to.equal(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const ours = lines.find((line) => line['rule'] === 'matterflow/user-task-department');
    expect(ours).to.deep.equal({
      file: missingDepartment,
      elementId: 'review',
      rule: 'matterflow/user-task-department',
      severity: 'error',
      message: '用户任务“审查”未设置承办部门',
      line: 4,
      column: 27,
    });
    expect(lines.every((line) => typeof line['message'] === 'string')).to.equal(true);
  });

  it('should report an unreadable or malformed file as a finding, never a crash', async () => {
    const run = await cli(['lint', '--json', path.join(dir, 'nope.bpmn'), file('broken.bpmn', '<bpmn:definitions')]);
    expect(run.code).to.equal(1);
    expect(withoutStackTrace(run)).to.equal(true);
    expect(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { rule: string }).rule),
    ).to.deep.equal(['file-unreadable', 'xml-malformed']);
  });

  for (const args of [['lint'], ['lint', '--bogus', 'x.bpmn']]) {
    it(`should exit 2 for the usage error: matterflow ${args.join(' ')}`, async () => {
      const run = await cli(args);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain('Usage: matterflow lint');
    });
  }

  it('should print its help with --help and be listed among the commands', async () => {
    const help = await cli(['lint', '--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.contain('Usage: matterflow lint');
    expect((await cli(['--help'])).stdout).to.match(/^ {2}lint /m);
  });
});
