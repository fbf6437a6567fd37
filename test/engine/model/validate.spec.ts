import { expect } from 'chai';
import { loadDefinition } from '../../../engine/model/index.js';
import type { Finding } from '../../../engine/model/index.js';
import { fixture } from './helpers.js';

async function findings(
  name: string,
  knownProcessIds?: ReadonlySet<string>,
): Promise<{ ok: boolean; findings: Finding[] }> {
  const result = await loadDefinition(fixture(name), knownProcessIds ? { knownProcessIds } : {});
  return { ok: result.ok, findings: result.findings };
}

function errorsOf(all: readonly Finding[], rule: string): (string | null)[] {
  return all.filter((f) => f.rule === rule && f.severity === 'error').map((f) => f.elementId);
}

describe('model: validate', () => {
  const rejected: [file: string, rule: string, ids: string[]][] = [
    ['validate.unsupported-script-task.bpmn', 'unsupported-element', ['script']],
    ['gateway-no-outgoing.bpmn', 'gateway-no-outgoing', ['split']],
    ['validate.exclusive-gateway-no-condition.bpmn', 'exclusive-gateway-no-condition', ['decide']],
    ['validate.unreachable-element.bpmn', 'unreachable-element', ['orphanA', 'orphanB']],
    ['validate.feel-syntax.bpmn', 'feel-syntax', ['toBig']],
    ['called-process-missing.bpmn', 'called-process-missing', ['callChild']],
    ['validate.no-start-event.bpmn', 'no-start-event', ['headless']],
    ['validate.element-without-flow.bpmn', 'element-without-flow', ['toNowhere', 'adrift']],
    ['validate.timer-invalid.bpmn', 'timer-invalid', ['wait', 'waitLimit', 'waitCron']],
    ['gov-invalid.bpmn', 'gov-invalid', ['badUnit', 'voteNoRatio', 'ratioTooBig', 'badKind']],
    ['validate.job-type-missing.bpmn', 'job-type-missing', ['callRegistry']],
  ];
  for (const [file, rule, ids] of rejected) {
    it(`should NOT deploy ${file}: ${rule} on ${ids.join(', ')}`, async () => {
      // when
      const result = await findings(file);
      // then
      expect(result.ok).to.equal(false);
      expect(errorsOf(result.findings, rule)).to.deep.equal(ids);
      for (const found of result.findings.filter((f) => f.rule === rule)) expect(found.line).to.be.a('number');
    });
  }

  it('should explain that script tasks are not executed by design', async () => {
    const result = await findings('validate.unsupported-script-task.bpmn');
    expect(result.findings.find((f) => f.rule === 'unsupported-element')?.message.en).to.match(
      /not executed by design/,
    );
  });

  it('should deploy an exclusive gateway whose only unconditioned flow is the default', async () => {
    const result = await findings('validate.exclusive-gateway-with-default.bpmn');
    expect(result.findings).to.deep.equal([]);
    expect(result.ok).to.equal(true);
  });

  it('should deploy a call activity whose process is known from an earlier deployment', async () => {
    const result = await findings('called-process-missing.bpmn', new Set(['child']));
    expect(result.ok).to.equal(true);
  });

  it('should accept a valid repeating interval with a start date', async () => {
    const result = await findings('validate.timer-invalid.bpmn');
    expect(result.findings.map((f) => f.elementId)).to.not.include('waitGood');
  });

  it('should only warn about unsupported elements of a process that is not executable', async () => {
    // when
    const result = await findings('unsupported-non-executable.bpmn');
    // then
    expect(result.ok).to.equal(true);
    const unsupported = result.findings.filter((f) => f.rule === 'unsupported-element');
    expect(unsupported.map((f) => [f.elementId, f.severity])).to.deep.equal([
      ['script', 'warning'],
      ['complex', 'warning'],
    ]);
    expect(unsupported[0]?.message.en).to.contain('not executable');
  });

  it('should deploy the gov, zeebe and structures fixtures with no finding at all', async () => {
    for (const file of ['gov-attributes.bpmn', 'compile.zeebe.bpmn', 'compile.structures.bpmn']) {
      const result = await findings(file);
      expect(result.findings, file).to.deep.equal([]);
    }
  });
});
