import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { exportXml, loadDefinition, readBpmnFile } from '../../../engine/model/index.js';
import { idsInXml, miwgDir } from './helpers.js';

const files = readdirSync(miwgDir)
  .filter((name) => name.endsWith('.bpmn'))
  .sort();

async function read(file: string): Promise<string> {
  const result = await readBpmnFile(path.join(miwgDir, file));
  if (!result.ok) throw new Error(result.finding.message.en);
  return result.xml;
}

describe('model: OMG MIWG reference models', () => {
  it('should find all 21 reference files', () => {
    expect(files).to.have.length(21);
  });

  for (const file of files) {
    describe(file, () => {
      it('should parse and compile without an XML finding', async () => {
        // given
        const xml = await read(file);
        // when
        const result = await loadDefinition(xml);
        // then
        expect(result.findings.filter((f) => f.rule.startsWith('xml-'))).to.deep.equal([]);
        expect(result.findings.filter((f) => f.rule === 'internal-error')).to.deep.equal([]);
      });

      it('should keep every element id (DI included) through export and re-parse', async () => {
        // given
        const xml = await read(file);
        const first = await loadDefinition(xml);
        const moddle = first.ok ? first.moddle : await parsedAnyway(xml);
        // when
        const exported = await exportXml(moddle);
        const again = await loadDefinition(exported);
        // then
        expect([...idsInXml(exported)].sort()).to.deep.equal([...idsInXml(xml)].sort());
        expect(again.findings.filter((f) => f.rule.startsWith('xml-'))).to.deep.equal([]);
      });

      it('should report unsupported elements of non-executable processes as warnings, per element', async () => {
        // given
        const xml = await read(file);
        // when
        const result = await loadDefinition(xml);
        // then
        const nonExecutable = result.findings.filter(
          (f) => f.rule === 'unsupported-element' && f.message.en.includes('not executable'),
        );
        for (const found of nonExecutable) {
          expect(found.severity).to.equal('warning');
          expect(found.elementId).to.be.a('string');
        }
      });
    });
  }

  it('should compile the processes of every file, executable ones included', async () => {
    // given
    let executable = 0;
    for (const file of files) {
      const xml = await read(file);
      // when
      const { parseBpmn } = await import('../../../engine/model/parse.js');
      const { compileDefinitions } = await import('../../../engine/model/compile.js');
      const parsed = await parseBpmn(xml);
      if (!parsed.ok) throw new Error(`${file} did not parse`);
      const { definition } = compileDefinitions(parsed.definitions, 'hash');
      // then
      for (const process of definition.processes.values()) {
        if (process.isExecutable) executable += 1;
        expect(process.elements.size, `${file} ${process.id}`).to.be.greaterThan(0);
        for (const flow of process.flows.values()) {
          expect(process.elements.has(flow.sourceId)).to.equal(true);
          expect(process.elements.has(flow.targetId)).to.equal(true);
        }
      }
    }
    expect(executable).to.be.greaterThan(5);
  });

  it('should accept B.2.0 (conditional events, links, escalations) with a warning for each element that cannot run', async () => {
    // given
    const xml = await read('B.2.0.bpmn');
    // when
    const result = await loadDefinition(xml);
    // then
    expect(result.ok).to.equal(true);
    expect(result.findings.some((f) => f.rule === 'unsupported-element' && f.severity === 'warning')).to.equal(true);
  });
});

/** A moddle tree even for files whose executable processes do not validate. */
async function parsedAnyway(xml: string): Promise<unknown> {
  const { parseBpmn } = await import('../../../engine/model/parse.js');
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) throw new Error('did not parse');
  return parsed.definitions;
}
