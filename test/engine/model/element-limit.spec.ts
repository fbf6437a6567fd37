import { expect } from 'chai';
import {
  configureModelLimits,
  DEFAULT_MAX_XML_ELEMENTS,
  loadDefinition,
  MODEL_LIMITS,
} from '../../../engine/model/index.js';
import { lintXml } from '../../../engine/lint/index.js';
import { countStartTags, precheckXml } from '../../../engine/model/xml-precheck.js';
import { chainModel, manyTasksModel } from '../../support/large-models.js';

describe('model: the element limit', () => {
  it('should default to 5,000 XML elements', () => {
    expect(DEFAULT_MAX_XML_ELEMENTS).to.equal(5_000);
    expect(MODEL_LIMITS.maxXmlElements).to.equal(DEFAULT_MAX_XML_ELEMENTS);
  });

  it('should refuse the 100,000-element file with one xml-too-many-elements finding naming the count and the limit, in Chinese and English', async () => {
    // given the hostile file of issue 12: 100,000 tasks in about 2 MB
    const xml = manyTasksModel(100_000);
    // when
    const result = await loadDefinition(xml);
    // then
    expect(result.ok).to.equal(false);
    expect(result.findings).to.have.length(1);
    const [finding] = result.findings;
    expect(finding).to.include({ severity: 'error', rule: 'xml-too-many-elements', elementId: null, line: 2 });
    expect(finding?.message.zh).to.contain('100002').and.contain('5000').and.contain('超过上限');
    expect(finding?.message.en).to.contain('100002').and.contain('5000').and.contain('more than the limit');
  });

  it('should stop at the first element past the limit, before the full parse: what follows is never read', async () => {
    // given 5,001 elements, and after them a document that would not even parse
    const xml = chainModel({ elements: DEFAULT_MAX_XML_ELEMENTS + 1 }).replace(
      '</bpmn:definitions>',
      '<unclosed><bpmn:definitions>',
    );
    // when
    const checked = precheckXml(xml);
    const loaded = await loadDefinition(xml);
    const linted = await lintXml(xml);
    // then the pre-check refuses it where the limit is passed: a parse would have reported xml-malformed at the end
    expect(checked).to.include({ rule: 'xml-too-many-elements' });
    expect(loaded.findings.map((finding) => finding.rule)).to.deep.equal(['xml-too-many-elements']);
    expect(linted.map((finding) => finding.rule)).to.deep.equal(['xml-too-many-elements']);
    const [line] = xml.split('\n').flatMap((text, at) => (text.includes('bpmndi:BPMNPlane') ? [at + 1] : []));
    expect(checked?.line).to.be.greaterThan(line ?? Infinity);
  });

  it('should accept a model of exactly the limit (about 2 MB with its notes) with no finding', async () => {
    // given
    const xml = chainModel({ elements: DEFAULT_MAX_XML_ELEMENTS, bytes: 2_000_000 });
    // when
    const result = await loadDefinition(xml);
    // then
    expect(countStartTags(xml)).to.equal(DEFAULT_MAX_XML_ELEMENTS);
    expect(result.ok).to.equal(true);
    expect(result.findings).to.deep.equal([]);
  });

  it('should report a nesting too deep as xml-too-deep, not as too many elements, when both are passed', async () => {
    // given 5,000 levels: the depth limit (256) is reached long before the element limit
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</bpmn:definitions>`;
    // when
    const result = await loadDefinition(xml);
    // then
    expect(result.findings.map((finding) => finding.rule)).to.deep.equal(['xml-too-deep']);
  });

  it('should take another limit from configureModelLimits, and give back the previous one', async () => {
    // given
    const xml = chainModel({ elements: 200 });
    const previous = configureModelLimits({ maxXmlElements: 100 });
    try {
      // when
      const refused = await loadDefinition(xml);
      // then
      expect(previous.maxXmlElements).to.equal(DEFAULT_MAX_XML_ELEMENTS);
      expect(refused.findings[0]?.message.zh).to.contain('200').and.contain('100');
    } finally {
      configureModelLimits(previous);
    }
    expect(MODEL_LIMITS.maxXmlElements).to.equal(DEFAULT_MAX_XML_ELEMENTS);
    expect(() => configureModelLimits({ maxXmlElements: 0 })).to.throw(RangeError);
  });

  it('should count start tags only: not end tags, comments, CDATA or processing instructions', () => {
    // given
    const xml = '<?xml version="1.0"?><a><!-- <b> <c/> --><b/><![CDATA[<d><e>]]><?pi <f>?><c></c></a>';
    // then
    expect(countStartTags(xml)).to.equal(3);
  });
});
