import { expect } from 'chai';
import path from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadDefinition, readBpmnFile } from '../../../engine/model/index.js';
import { fixture, fixturesDir, modelSpecDir } from './helpers.js';

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

describe('model: parse', () => {
  it('should report malformed XML with rule xml-malformed and the line and column of the problem', async () => {
    // given a task left open on line 4, found at the closing </bpmn:process> on line 5
    const xml = fixture('malformed.bpmn');
    // when
    const result = await loadDefinition(xml);
    // then
    expect(result.ok).to.equal(false);
    expect(result.findings).to.have.length(1);
    expect(result.findings[0]).to.include({ rule: 'xml-malformed', severity: 'error', line: 5, column: 3 });
  });

  it('should NOT accept a DOCTYPE (entity expansion)', async () => {
    // given
    const xml = fixture('parse.doctype.bpmn');
    // when
    const result = await loadDefinition(xml);
    // then
    expect(result.ok).to.equal(false);
    expect(result.findings[0]).to.include({ rule: 'xml-doctype', line: 2, column: 1 });
  });

  for (const [label, xml, rule] of [
    ['an empty document', '', 'xml-malformed'],
    ['blanks only', '   \n  ', 'xml-malformed'],
    ['binary garbage', '\u0000\u0001\u0002\u00ff<<>>', 'xml-malformed'],
    ['a non-BPMN root', '<html><body /></html>', 'xml-not-bpmn'],
    ['an unclosed root', `<bpmn:definitions xmlns:bpmn="${BPMN_NS}" id="d"><bpmn:process id="p">`, 'xml-malformed'],
    [
      '5000 levels of nesting',
      `<bpmn:definitions xmlns:bpmn="${BPMN_NS}" id="d">${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</bpmn:definitions>`,
      'xml-too-deep',
    ],
    [
      'more than 10 MB',
      `<bpmn:definitions xmlns:bpmn="${BPMN_NS}" id="d"><!--${'x'.repeat(10 * 1024 * 1024)}--></bpmn:definitions>`,
      'xml-too-large',
    ],
  ] as const) {
    it(`should refuse ${label} with a ${rule} finding, without throwing`, async () => {
      // when
      const result = await loadDefinition(xml);
      // then
      expect(result.ok).to.equal(false);
      expect(result.findings.map((f) => f.rule)).to.deep.equal([rule]);
    });
  }

  it('should report a duplicate id as an error naming the id', async () => {
    // given
    const xml = `<bpmn:definitions xmlns:bpmn="${BPMN_NS}" id="d"><bpmn:process id="p" isExecutable="false"><bpmn:task id="t" /><bpmn:task id="t" /></bpmn:process></bpmn:definitions>`;
    // when
    const result = await loadDefinition(xml);
    // then
    expect(result.ok).to.equal(false);
    expect(result.findings.find((f) => f.rule === 'duplicate-id')).to.include({ elementId: 't', severity: 'error' });
  });

  it('should report an unknown gov attribute as gov-invalid instead of silently dropping it', async () => {
    // given
    const xml = `<bpmn:definitions xmlns:bpmn="${BPMN_NS}" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="d"><bpmn:process id="p" isExecutable="false"><bpmn:task id="t" gov:timelimit="5" /></bpmn:process></bpmn:definitions>`;
    // when
    const result = await loadDefinition(xml);
    // then
    expect(result.findings.find((f) => f.rule === 'gov-invalid')).to.include({ elementId: 't', severity: 'error' });
  });

  describe('readBpmnFile', () => {
    it('should decode a file by its declared ISO-8859-1 encoding', async () => {
      // when
      const result = await readBpmnFile(path.join(modelSpecDir, 'parse.latin1.bpmn'));
      // then
      if (!result.ok) throw new Error(result.finding.message.en);
      expect(result.xml).to.contain('Café crème');
      const loaded = await loadDefinition(result.xml);
      expect(loaded.ok && loaded.definition.processes.get('cafe')?.name).to.equal('Café crème');
    });

    it('should decode UTF-8 without a declaration and drop the byte-order mark', async () => {
      // given
      const dir = mkdtempSync(path.join(tmpdir(), 'matterflow-'));
      const file = path.join(dir, 'bom.bpmn');
      writeFileSync(
        file,
        `\uFEFF<bpmn:definitions xmlns:bpmn="${BPMN_NS}" id="d"><bpmn:process id="受理" isExecutable="false" /></bpmn:definitions>`,
      );
      // when
      const result = await readBpmnFile(file);
      // then
      expect(result.ok && result.xml.startsWith('<bpmn:definitions')).to.equal(true);
      expect(result.ok && result.xml).to.contain('受理');
    });

    it('should return a file-unreadable finding for a missing file', async () => {
      // when
      const result = await readBpmnFile(path.join(fixturesDir, 'does-not-exist.bpmn'));
      // then
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.finding.rule).to.equal('file-unreadable');
    });
  });
});
