import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fixturesDir, repoRoot, semanticsDir } from '../../engine/model/helpers.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin', 'matterflow.js'), ...args],
      { cwd: repoRoot, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

describe('cli: matterflow validate', function () {
  this.timeout(60_000);
  const hostile = mkdtempSync(path.join(tmpdir(), 'matterflow-cli-'));
  const file = (name: string, content: string | Buffer): string => {
    const target = path.join(hostile, name);
    writeFileSync(target, content);
    return target;
  };

  it('should exit 0 for valid files and print nothing on stdout', async () => {
    const run = await cli(
      'validate',
      path.join(semanticsDir, '01-xor-first-true-condition.bpmn'),
      path.join(fixturesDir, 'gov-attributes.bpmn'),
    );
    expect(run.code).to.equal(0);
    expect(run.stdout).to.equal('');
  });

  it('should exit 0 when a file has warnings only', async () => {
    const run = await cli('validate', path.join(fixturesDir, 'unsupported-non-executable.bpmn'));
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('script: unsupported-element: warning:');
  });

  it('should exit 1 and print FILE: ELEMENT_ID: RULE: message with the position for an invalid file', async () => {
    const target = path.join(fixturesDir, 'gateway-no-outgoing.bpmn');
    const run = await cli('validate', target);
    expect(run.code).to.equal(1);
    expect(run.stdout.trim()).to.equal(
      `${target}: split: gateway-no-outgoing: 并行网关“split”没有流出的顺序流，到达这里的流程会停住 (line 5, column 5)`,
    );
  });

  it('should print one JSON object per finding with --json', async () => {
    const target = path.join(fixturesDir, 'gov-invalid.bpmn');
    const run = await cli('validate', '--json', target);
    expect(run.code).to.equal(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).to.be.greaterThan(3);
    expect(lines[0]).to.have.all.keys('file', 'elementId', 'rule', 'severity', 'message', 'line', 'column');
    expect(lines[0]).to.include({
      file: target,
      elementId: 'badUnit',
      rule: 'gov-invalid',
      severity: 'error',
      line: 5,
      column: 5,
    });
  });

  it('should pass --known-process on to the called-process check', async () => {
    const target = path.join(fixturesDir, 'called-process-missing.bpmn');
    expect((await cli('validate', target)).code).to.equal(1);
    expect((await cli('validate', '--known-process', 'child', target)).code).to.equal(0);
  });

  it('should report a missing file as file-unreadable and exit 1', async () => {
    const run = await cli('validate', '--json', path.join(hostile, 'nope.bpmn'));
    expect(run.code).to.equal(1);
    expect(JSON.parse(run.stdout.trim())).to.include({ rule: 'file-unreadable', severity: 'error' });
  });

  it('should turn hostile files into findings, never a crash', async () => {
    // given
    const files = {
      empty: file('empty.bpmn', ''),
      garbage: file('garbage.bpmn', randomBytes(4096)),
      deep: file(
        'deep.bpmn',
        `<bpmn:definitions xmlns:bpmn="${BPMN_NS}" id="d">${'<bpmn:subProcess>'.repeat(5000)}${'</bpmn:subProcess>'.repeat(5000)}</bpmn:definitions>`,
      ),
      laughs: file(
        'laughs.bpmn',
        `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<bpmn:definitions xmlns:bpmn="${BPMN_NS}" id="d">&lol2;</bpmn:definitions>`,
      ),
    };
    // when
    const run = await cli('validate', '--json', ...Object.values(files));
    // then
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal('');
    const byFile = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => {
          const parsed = JSON.parse(line) as { file: string; rule: string };
          return [parsed.file, parsed.rule];
        }),
    );
    expect(byFile.get(files.empty)).to.equal('xml-malformed');
    expect(byFile.get(files.garbage)).to.match(/^xml-/);
    expect(byFile.get(files.deep)).to.equal('xml-too-deep');
    expect(byFile.get(files.laughs)).to.equal('xml-doctype');
  });

  for (const args of [['validate'], ['validate', '--bogus', 'x.bpmn'], ['frobnicate'], []]) {
    it(`should exit 2 for the usage error: matterflow ${args.join(' ')}`, async () => {
      const run = await cli(...args);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain('Usage: matterflow');
    });
  }

  it('should print help for validate with --help and exit 0', async () => {
    const run = await cli('validate', '--help');
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('Usage: matterflow validate');
  });

  it('should list the subcommands with --help', async () => {
    const run = await cli('--help');
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('validate');
  });
});
