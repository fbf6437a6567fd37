import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import bpmnlint from 'bpmnlint';
import recommended from 'bpmnlint/config/recommended.js';
import { build } from 'esbuild';
import {
  LINT_MESSAGES_ZH,
  MATTERFLOW_RULES,
  lintConfig,
  lintDefinitions,
  lintResolver,
  lintXml,
} from '../../../engine/lint/index.js';
import { parseBpmn } from '../../../engine/model/parse.js';
import { SHIPPED_MATTERS } from '../../../processes/index.js';
import { miwgDir, repoRoot, semanticsDir } from '../model/helpers.js';
import { bpmn, chain } from './helpers.js';

/** bpmnlint's recommended findings in the shipped processes: style only, listed so a new one fails. */
const SHIPPED_STYLE_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  'construction-permit': ['fake-join windowAcceptance', 'superfluous-label resubmitted'],
  'food-licence': ['fake-join decision'],
};

describe('lint: the rule set (lintConfig, lintResolver, lintXml)', () => {
  it('should configure every recommended rule and ours, and resolve each through lintResolver', async () => {
    const linter = new bpmnlint.Linter({ config: lintConfig, resolver: lintResolver });
    const parsed = await parseBpmn(bpmn('<bpmn:startEvent id="s" /><bpmn:endEvent id="e" />' + chain('s', 'e')));
    if (!parsed.ok) throw new Error('fixture does not parse');
    await linter.lint(parsed.definitions);
    expect(lintConfig.extends).to.equal('bpmnlint:recommended');
    expect(Object.keys(lintConfig.rules ?? {})).to.deep.equal([
      ...Object.keys(recommended.rules),
      ...Object.keys(MATTERFLOW_RULES),
    ]);
    for (const name of Object.keys(recommended.rules)) expect(lintConfig.rules?.[name], name).to.equal('warn');
    for (const name of Object.keys(recommended.rules))
      expect(lintResolver.resolveRule('bpmnlint', name), name).to.be.a('function');
    expect(() => lintResolver.resolveRule('bpmnlint-plugin-matterflow', 'nope')).to.throw('unknown rule');
  });

  it('should have a Chinese text for every recommended rule, and report recommended rules in Chinese', async () => {
    expect(Object.keys(LINT_MESSAGES_ZH).sort()).to.deep.equal(Object.keys(recommended.rules).sort());
    const found = await lintXml(
      bpmn('<bpmn:startEvent id="s" /><bpmn:task id="t" /><bpmn:endEvent id="e" />' + chain('s', 'e'), ''),
    );
    const label = found.find((finding) => finding.rule === 'no-disconnected' && finding.elementId === 't');
    expect(label?.message).to.deep.equal({ zh: '元素没有与流程连接', en: 'Element is not connected' });
    expect(found.find((finding) => finding.rule === 'no-bpmndi')?.severity).to.equal('warning');
  });

  it('should give one finding shape: {severity, rule, elementId, message}', async () => {
    const found = await lintXml(
      bpmn('<bpmn:startEvent id="s" /><bpmn:userTask id="t" /><bpmn:endEvent id="e" />' + chain('s', 't', 'e')),
    );
    const ours = found.filter((finding) => finding.rule.startsWith('matterflow/'));
    expect(ours.map(({ line: _line, column: _column, ...rest }) => rest)).to.deep.equal([
      {
        severity: 'error',
        rule: 'matterflow/user-task-department',
        elementId: 't',
        message: { zh: '用户任务“t”未设置承办部门', en: 'user task has no department (gov:department) (t)' },
      },
      {
        severity: 'error',
        rule: 'matterflow/user-task-time-limit',
        elementId: 't',
        message: {
          zh: '用户任务“t”未设置有效的办理时限（须填写办理时限和办理时限单位）',
          en: 'user task has no valid time limit (gov:timeLimit and gov:timeLimitUnit) (t)',
        },
      },
    ]);
  });

  it("should turn XML that does not parse into the parser's findings", async () => {
    const found = await lintXml('<bpmn:definitions');
    expect(found.map((finding) => `${finding.severity} ${finding.rule}`)).to.deep.equal(['error xml-malformed']);
  });

  for (const shipped of SHIPPED_MATTERS) {
    it(`should lint the shipped ${shipped.processId} clean: no finding of ours, no error, only the known style warnings`, async () => {
      const found = await lintXml(readFileSync(shipped.bpmn, 'utf8'));
      expect(found.map((finding) => `${finding.rule} ${finding.elementId}`)).to.deep.equal(
        SHIPPED_STYLE_WARNINGS[shipped.processId] ?? [],
      );
      expect(found.every((finding) => finding.severity === 'warning')).to.equal(true);
    });
  }

  it('should report nothing of ours in generic BPMN (the MIWG reference models and the semantics fixtures are not matters)', async () => {
    for (const dir of [miwgDir, semanticsDir, path.join(repoRoot, 'test', 'fixtures', 'scenarios')]) {
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.bpmn'))) {
        const found = await lintXml(readFileSync(path.join(dir, file), 'utf8'));
        expect(
          found.filter((finding) => finding.rule.startsWith('matterflow/')),
          file,
        ).to.deep.equal([]);
      }
    }
  });

  it("should lint a moddle tree as given (lintDefinitions), e.g. the modeler's", async () => {
    const parsed = await parseBpmn(
      bpmn(
        '<bpmn:startEvent id="s" /><bpmn:userTask id="t" gov:department="窗口" /><bpmn:endEvent id="e" />' +
          chain('s', 't', 'e'),
      ),
    );
    if (!parsed.ok) throw new Error('fixture does not parse');
    expect(
      (await lintDefinitions(parsed.definitions)).filter((f) => f.rule.startsWith('matterflow/')).map((f) => f.rule),
    ).to.deep.equal(['matterflow/user-task-time-limit']);
  });

  it('should bundle for the browser with esbuild (no Node built-ins)', async () => {
    const result = await build({
      entryPoints: [path.join(repoRoot, 'engine', 'lint', 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).to.deep.equal([]);
    expect(result.outputFiles[0]?.text).to.contain('matterflow/');
  });
});
