/** 新建's templates, in Node: laid out as the modeler lays them out, each is connected, drawn and lint-clean. */
import { expect } from 'chai';
import { BpmnModdle } from 'bpmn-moddle';
import { layoutProcess } from 'bpmn-auto-layout';
import { lintXml } from '../../../engine/lint/index.js';
import { loadDefinition } from '../../../engine/model/index.js';
import { govDescriptor } from '../../../engine/model/gov-descriptor.js';
import { TEMPLATES, instantiate } from '../../../designer/modeler/templates/index.js';

const NOW = new Date('2026-03-02T09:00:00+08:00');

interface Drawn {
  readonly flows: Map<string, { source: string; target: string }>;
  readonly nodes: Set<string>;
  readonly shapes: Set<string>;
  readonly edges: Map<string, number>;
}

/** The flows, flow nodes, and what the diagram draws of them (edges with their waypoint count). */
async function drawn(xml: string): Promise<Drawn> {
  const { rootElement } = await new BpmnModdle({ gov: govDescriptor }).fromXML(xml, 'bpmn:Definitions');
  type El = { $type: string; id: string; sourceRef?: El; targetRef?: El; bpmnElement?: El; waypoint?: unknown[] };
  const definitions = rootElement as unknown as {
    rootElements: Array<{ flowElements?: El[] }>;
    diagrams: Array<{ plane: { planeElement?: El[] } }>;
  };
  const flows = new Map<string, { source: string; target: string }>();
  const nodes = new Set<string>();
  for (const element of definitions.rootElements[0]?.flowElements ?? []) {
    if (element.$type === 'bpmn:SequenceFlow')
      flows.set(element.id, { source: element.sourceRef!.id, target: element.targetRef!.id });
    else nodes.add(element.id);
  }
  const shapes = new Set<string>();
  const edges = new Map<string, number>();
  for (const di of definitions.diagrams[0]?.plane.planeElement ?? []) {
    if (di.$type === 'bpmndi:BPMNShape') shapes.add(di.bpmnElement!.id);
    if (di.$type === 'bpmndi:BPMNEdge') edges.set(di.bpmnElement!.id, di.waypoint?.length ?? 0);
  }
  return { flows, nodes, shapes, edges };
}

describe('modeler templates (新建)', () => {
  for (const template of TEMPLATES) {
    describe(template.label, () => {
      it('should lay out with a shape for every node and an edge for every sequence flow', async () => {
        // given
        const { xml } = instantiate(template, '测试事项', NOW);
        // when laid out as the modeler does
        const laidOut = await layoutProcess(xml);
        // then
        const diagram = await drawn(laidOut);
        expect(diagram.flows.size).to.be.greaterThan(0);
        expect([...diagram.shapes].sort()).to.deep.equal([...diagram.nodes].sort());
        expect([...diagram.edges.keys()].sort()).to.deep.equal([...diagram.flows.keys()].sort());
        for (const [id, waypoints] of diagram.edges) expect(waypoints, id).to.be.at.least(2);
      });

      it('should be connected: every node but the start has an incoming flow, every node but the end an outgoing one', async () => {
        const diagram = await drawn(await layoutProcess(instantiate(template, '测试事项', NOW).xml));
        const targets = new Set([...diagram.flows.values()].map((flow) => flow.target));
        const sources = new Set([...diagram.flows.values()].map((flow) => flow.source));
        for (const node of diagram.nodes) {
          if (node !== 'received') expect(targets.has(node), `${node} has no incoming flow`).to.equal(true);
          if (node !== 'completed') expect(sources.has(node), `${node} has no outgoing flow`).to.equal(true);
        }
      });

      it('should have no lint finding at all and deploy without a warning', async () => {
        const laidOut = await layoutProcess(instantiate(template, '测试事项', NOW).xml);
        expect(await lintXml(laidOut)).to.deep.equal([]);
        const loaded = await loadDefinition(laidOut);
        expect(loaded.findings).to.deep.equal([]);
        expect(loaded.ok).to.equal(true);
      });
    });
  }
});
