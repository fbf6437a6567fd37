import { expect } from 'chai';
import fs from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { DEFAULT_OFFICE_DAY } from '../../engine/calendar/index.js';
import {
  govDescriptor,
  loadDefinition,
  type CompiledDefinition,
  type CompiledProcess,
  type TimeLimit,
} from '../../engine/model/index.js';
import { validateMatter, type Matter } from '../../engine/matters/index.js';
import { SHIPPED_MATTERS } from '../../processes/index.js';
import { layoutBpmn, semanticsOf, shippedBpmnFiles } from '../../scripts/layout-processes.js';

/** Working hours of one office day (7 by default), to compare 工作日 with 小时(工作日). */
const OFFICE_DAY_HOURS = DEFAULT_OFFICE_DAY.periods.reduce((sum, p) => sum + hours(p.end) - hours(p.start), 0);

function hours(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! + m! / 60;
}

/** A working-time limit in office hours; calendar-day limits are not comparable and refused. */
function officeHours(limit: TimeLimit): number {
  if (limit.unit === '工作日') return limit.amount * OFFICE_DAY_HOURS;
  if (limit.unit === '小时(工作日)') return limit.amount;
  throw new Error(`A ${limit.unit} limit cannot be summed with working time`);
}

async function compile(file: string): Promise<CompiledDefinition> {
  const result = await loadDefinition(fs.readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${result.findings.map((f) => `${f.elementId}: ${f.message}`).join('; ')}`);
  return result.definition;
}

function readMatter(file: string): Matter {
  const result = validateMatter(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!result.ok) throw new Error(`${file}: ${result.errors.map((e) => `${e.field} ${e.message.en}`).join('; ')}`);
  return result.matter;
}

/**
 * The longest chain of step limits (office hours) from the steps after `from` up to, not
 * including, a step in `until` (or an end). Special procedures stop the clock and are not counted;
 * a sub-process counts as its own limit. Flows back to `from` (a return to the window) end a chain.
 */
function longestChain(process: CompiledProcess, from: string, until: ReadonlySet<string>): number {
  const memo = new Map<string, number>();
  const visit = (id: string): number => {
    if (id === from || until.has(id)) return 0;
    const known = memo.get(id);
    if (known !== undefined) return known;
    memo.set(id, 0);
    const node = process.elements.get(id)!;
    const gov = 'gov' in node ? node.gov : null;
    const own = gov?.timeLimit && gov.specialProcedures.length === 0 ? officeHours(gov.timeLimit) : 0;
    const next = Math.max(0, ...node.outgoing.map((flowId) => visit(process.flows.get(flowId)!.targetId)));
    memo.set(id, own + next);
    return own + next;
  };
  const start = process.elements.get(from)!;
  return Math.max(0, ...start.outgoing.map((flowId) => visit(process.flows.get(flowId)!.targetId)));
}

/** Per process: the steps where the decision clock has stopped (送达 follows the decision). */
const DELIVERY_STEPS: Readonly<Record<string, readonly string[]>> = {
  'food-licence': ['deliverLicence', 'deliverRefusal'],
  'construction-permit': ['deliverPermit', 'deliverRefusal'],
  'minimum-living-allowance': ['deliverCertificate', 'deliverRefusal'],
  'business-startup': ['deliverResults'],
};

interface DiPlane {
  readonly owner: string;
  readonly shapes: Map<string, { x: number; y: number; width: number; height: number }>;
  readonly edges: Map<string, number>;
}

interface ModdleElement {
  readonly $type: string;
  readonly id: string;
  readonly flowElements?: readonly ModdleElement[];
  readonly incoming?: readonly ModdleElement[];
  readonly outgoing?: readonly ModdleElement[];
  readonly sourceRef?: ModdleElement;
  readonly targetRef?: ModdleElement;
}

/** The diagrams of a file: per plane, the shapes and edges (with their waypoint count) by element id. */
async function diagramsOf(
  file: string,
): Promise<{ planes: DiPlane[]; processes: ModdleElement[]; warnings: string[] }> {
  const moddle = new BpmnModdle({ gov: govDescriptor });
  const { rootElement, warnings } = await moddle.fromXML(fs.readFileSync(file, 'utf8'));
  type Di = {
    $type: string;
    bpmnElement: { id: string };
    bounds?: { x: number; y: number; width: number; height: number };
    waypoint?: unknown[];
  };
  const definitions = rootElement as {
    rootElements: ModdleElement[];
    diagrams?: { plane: { bpmnElement: { id: string }; planeElement?: Di[] } }[];
  };
  const planes = (definitions.diagrams ?? []).map(({ plane }) => {
    const shapes = new Map<string, { x: number; y: number; width: number; height: number }>();
    const edges = new Map<string, number>();
    for (const di of plane.planeElement ?? []) {
      if (di.$type === 'bpmndi:BPMNShape' && di.bounds) shapes.set(di.bpmnElement.id, di.bounds);
      if (di.$type === 'bpmndi:BPMNEdge') edges.set(di.bpmnElement.id, di.waypoint?.length ?? 0);
    }
    return { owner: plane.bpmnElement.id, shapes, edges };
  });
  return {
    planes,
    processes: definitions.rootElements.filter((e) => e.$type === 'bpmn:Process'),
    warnings: warnings.map((w) => w.message),
  };
}

describe('shipped processes (processes/)', () => {
  it('should ship every BPMN file of processes/ and a matter file for each, in deploy order', () => {
    expect(SHIPPED_MATTERS.map((m) => m.bpmn).sort()).to.deep.equal(shippedBpmnFiles());
    for (const shipped of SHIPPED_MATTERS) {
      expect(fs.existsSync(shipped.matter), shipped.matter).to.equal(true);
    }
  });

  for (const shipped of SHIPPED_MATTERS) {
    describe(`${shipped.name} (${shipped.processId})`, () => {
      it('should validate as a deploy does, with no error finding and no warning', async () => {
        const result = await loadDefinition(fs.readFileSync(shipped.bpmn, 'utf8'));
        expect(result.findings.map((f) => `${f.severity} ${f.elementId}: ${f.message}`)).to.deep.equal([]);
        expect(result.ok).to.equal(true);
      });

      it('should have an executable process with a matter code and promised limit, and a department and time limit on every user task and call activity', async () => {
        const definition = await compile(shipped.bpmn);
        for (const process of definition.processes.values()) {
          expect(process.isExecutable, process.id).to.equal(true);
          expect(process.gov.matterCode, `${process.id} matter code`).to.be.a('string');
          expect(process.gov.promisedLimit, `${process.id} promised limit`).to.not.equal(null);
          for (const node of process.elements.values()) {
            if (node.kind !== 'userTask' && node.kind !== 'callActivity') continue;
            expect(node.gov.department, `${node.id} department`).to.be.a('string');
            expect(node.gov.timeLimit, `${node.id} time limit`).to.not.equal(null);
          }
        }
      });

      it('should open with the window 受理 step (windowAcceptance) as its first user task', async () => {
        const process = (await compile(shipped.bpmn)).processes.get(shipped.processId)!;
        const start = process.elements.get(process.noneStart!)!;
        const first = process.flows.get(start.outgoing[0]!)!.targetId;
        expect(first).to.equal('windowAcceptance');
        expect(process.elements.get(first)?.kind).to.equal('userTask');
      });

      it('should draw every flow node as a shape and every sequence flow as an edge, on the plane of its process or sub-process', async () => {
        const { planes, processes, warnings } = await diagramsOf(shipped.bpmn);
        expect(warnings).to.deep.equal([]);
        expect(planes[0]?.owner, 'the first diagram shows the first process').to.equal(processes[0]?.id);
        const check = (container: ModdleElement) => {
          const plane = planes.find((p) => p.owner === container.id);
          expect(plane, `a plane for ${container.id}`).to.not.equal(undefined);
          for (const element of container.flowElements ?? []) {
            if (element.$type === 'bpmn:SequenceFlow') {
              expect(plane!.edges.get(element.id), `edge of ${element.id}`).to.be.at.least(2);
            } else {
              const bounds = plane!.shapes.get(element.id);
              expect(bounds, `shape of ${element.id}`).to.not.equal(undefined);
              expect(bounds!.width).to.be.above(0);
              expect(bounds!.height).to.be.above(0);
            }
            if (element.$type === 'bpmn:SubProcess') check(element);
          }
        };
        for (const process of processes) check(process);
      });

      it('should list on every flow node exactly the sequence flows that start and end there (bpmn-js draws from these)', async () => {
        const { processes } = await diagramsOf(shipped.bpmn);
        const check = (container: ModdleElement) => {
          const elements = container.flowElements ?? [];
          const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
          for (const node of elements.filter((e) => e.$type !== 'bpmn:SequenceFlow')) {
            const ids = (list: readonly ModdleElement[] | undefined) => (list ?? []).map((f) => f.id).sort();
            expect(ids(node.outgoing), `outgoing of ${node.id}`).to.deep.equal(
              flows
                .filter((f) => f.sourceRef === node)
                .map((f) => f.id)
                .sort(),
            );
            expect(ids(node.incoming), `incoming of ${node.id}`).to.deep.equal(
              flows
                .filter((f) => f.targetRef === node)
                .map((f) => f.id)
                .sort(),
            );
            if (node.$type === 'bpmn:SubProcess') check(node);
          }
        };
        for (const process of processes) check(process);
      });

      it('should keep its diagram up to date: laying it out again changes nothing, semantics included', async () => {
        const xml = fs.readFileSync(shipped.bpmn, 'utf8');
        const laidOut = await layoutBpmn(xml);
        expect(semanticsOf(laidOut)).to.equal(semanticsOf(xml));
        expect(laidOut).to.equal(xml);
        expect(semanticsOf(xml)).to.contain('gov:department=');
      });

      it('should have a matter file that validateMatter accepts and that runs a process of the shipped BPMN', async () => {
        const matter = readMatter(shipped.matter);
        const definition = await compile(shipped.bpmn);
        expect(matter.process.processId).to.equal(shipped.processId);
        const process = definition.processes.get(matter.process.processId);
        expect(process, `process ${matter.process.processId}`).to.not.equal(undefined);
        expect(process!.gov.matterCode).to.equal(matter.implementationCode);
        expect(process!.gov.promisedLimit).to.deep.equal(matter.promisedLimit);
      });

      it('should declare in its process the 办件类型 of its matter file, if it declares one (gov:caseType, what the lint reads)', async () => {
        const matter = readMatter(shipped.matter);
        const tag = new RegExp(`<bpmn:process id="${shipped.processId}"[^>]*>`).exec(
          fs.readFileSync(shipped.bpmn, 'utf8'),
        )?.[0];
        expect(tag, `the process ${shipped.processId}`).to.be.a('string');
        const declared = /\sgov:caseType="([^"]*)"/.exec(tag!)?.[1];
        if (declared !== undefined) expect(declared).to.equal(String(matter.caseType));
        if (matter.caseType === 1) expect(declared, 'a 即办件 declares itself').to.equal('1');
      });

      it('should fit the chain of step limits from 受理 to the decision into the promised limit', async () => {
        const process = (await compile(shipped.bpmn)).processes.get(shipped.processId)!;
        const chain = longestChain(process, 'windowAcceptance', new Set(DELIVERY_STEPS[shipped.processId]));
        expect(chain).to.be.above(0);
        expect(chain).to.be.at.most(officeHours(process.gov.promisedLimit!));
      });
    });
  }

  it('食品经营许可: 现场核查 is an optional 特别程序 branch and the matter allows 容缺 (two materials) and 告知承诺', async () => {
    const shipped = SHIPPED_MATTERS.find((m) => m.processId === 'food-licence')!;
    const process = (await compile(shipped.bpmn)).processes.get('food-licence')!;
    const inspection = process.elements.get('onSiteInspection')!;
    expect(inspection.kind).to.equal('userTask');
    expect('gov' in inspection && inspection.gov.specialProcedures).to.deep.equal(['现场勘验']);
    const incoming = process.flows.get(inspection.incoming[0]!)!;
    expect(incoming.condition, 'reached on a condition').to.not.equal(null);
    const matter = readMatter(shipped.matter);
    expect(matter.specialProcedures).to.include('现场勘验');
    expect(matter.materials.filter((m) => m.necessity === 'tolerated')).to.have.length(2);
    expect(matter.tolerance?.allowed).to.equal(true);
    expect(matter.informedCommitment?.allowed).to.equal(true);
    expect(matter.legalLimit).to.deep.equal({ amount: 20, unit: '工作日' });
    expect(matter.promisedLimit).to.deep.equal({ amount: 10, unit: '工作日' });
    for (const id of ['deliverLicence', 'deliverRefusal']) {
      const node = process.elements.get(id)!;
      expect('gov' in node && node.gov.timeLimit).to.deep.equal({ amount: 10, unit: '工作日' });
    }
  });

  it('建设工程施工许可: the 住建-led stage runs four reviews through a parallel gateway, 联合审图 as a 会签, within 20 工作日', async () => {
    const shipped = SHIPPED_MATTERS.find((m) => m.processId === 'construction-permit')!;
    const process = (await compile(shipped.bpmn)).processes.get('construction-permit')!;
    const stage = process.elements.get('parallelReview')!;
    expect(stage.kind).to.equal('subProcess');
    if (stage.kind !== 'subProcess') return;
    expect(stage.gov.leadDepartment).to.contain('住房和城乡建设局');
    expect(stage.gov.timeLimit).to.deep.equal({ amount: 20, unit: '工作日' });
    const fork = process.elements.get('fork')!;
    expect(fork.kind).to.equal('parallelGateway');
    const reviews = fork.outgoing.map((id) => process.flows.get(id)!.targetId);
    expect(reviews).to.have.members([
      'civilDefenceReview',
      'fireDesignReview',
      'landUseApproval',
      'jointDrawingReview',
    ]);
    const drawing = process.elements.get('jointDrawingReview')!;
    if (drawing.kind !== 'userTask') throw new Error('联合审图 should be a user task');
    expect(drawing.gov.countersign?.kind).to.equal('会签');
    expect(drawing.loop?.kind).to.equal('multiInstance');
    expect(longestChain(process, 'stageStarted', new Set())).to.be.at.most(officeHours(stage.gov.timeLimit!));
  });

  it('建设工程施工许可: each review’s 不通过 is an error end (STAGE_REJECTED) that an interrupting boundary on the stage catches, leading back to the applicant', async () => {
    const shipped = SHIPPED_MATTERS.find((m) => m.processId === 'construction-permit')!;
    const xml = fs.readFileSync(shipped.bpmn, 'utf8');
    const process = (await compile(shipped.bpmn)).processes.get('construction-permit')!;
    const next = (id: string) => process.elements.get(id)!.outgoing.map((flowId) => process.flows.get(flowId)!);
    for (const review of ['civilDefenceReview', 'fireDesignReview', 'landUseApproval', 'jointDrawingReview']) {
      const [toVerdict] = next(review);
      const verdict = process.elements.get(toVerdict!.targetId)!;
      expect(verdict.kind, `${review} is followed by its verdict`).to.equal('exclusiveGateway');
      const [rejected, ...others] = next(verdict.id).filter((flow) => flow.condition !== null);
      expect(others, `${verdict.id} has one 不通过 flow`).to.deep.equal([]);
      const end = process.elements.get(rejected!.targetId)!;
      expect(end.kind === 'endEvent' && end.eventDefinition, `${review}'s 不通过 ends the stage`).to.deep.equal({
        type: 'error',
        errorCode: 'STAGE_REJECTED',
      });
      expect(next(verdict.id).find((flow) => flow.condition === null)?.targetId).to.equal('join');
    }
    const boundary = process.elements.get('stageRejectedCaught')!;
    expect(boundary.kind === 'boundaryEvent' && boundary).to.deep.include({
      attachedTo: 'parallelReview',
      cancelActivity: true,
      eventDefinition: { type: 'error', errorCode: 'STAGE_REJECTED' },
    });
    expect(next('stageRejectedCaught').map((flow) => flow.targetId)).to.deep.equal(['returnToApplicant']);
    expect(next('returnToApplicant').map((flow) => flow.targetId)).to.deep.equal(['windowAcceptance']);
    expect(xml).to.contain('<bpmn:error id="stageRejected" name="不予许可" errorCode="STAGE_REJECTED" />');
  });

  it('最低生活保障: 村/社区 and 乡镇/街道 steps ≤ 6 工作日, 县 steps ≤ 24, in all ≤ 30, with 公示 as a 特别程序', async () => {
    const shipped = SHIPPED_MATTERS.find((m) => m.processId === 'minimum-living-allowance')!;
    const process = (await compile(shipped.bpmn)).processes.get('minimum-living-allowance')!;
    const levels: Record<string, readonly string[]> = {
      villageAndTownship: ['windowAcceptance', 'householdSurvey', 'townshipReview'],
      county: ['countyReview', 'decision'],
      special: ['publicNotice'],
      delivery: DELIVERY_STEPS['minimum-living-allowance']!,
    };
    const tasks = [...process.elements.values()].filter((n) => n.kind === 'userTask').map((n) => n.id);
    expect(Object.values(levels).flat(), 'every step has a level').to.have.members(tasks);
    const days = (ids: readonly string[]) =>
      ids.reduce((sum, id) => {
        const node = process.elements.get(id)!;
        const limit = 'gov' in node ? node.gov.timeLimit : null;
        expect(limit?.unit, `${id} counts in 工作日`).to.equal('工作日');
        return sum + limit!.amount;
      }, 0);
    const local = days(levels['villageAndTownship']!);
    const county = days(levels['county']!);
    expect(local).to.be.at.most(6);
    expect(county).to.be.at.most(24);
    expect(local + county).to.be.at.most(30);
    const matter = readMatter(shipped.matter);
    expect(local + county).to.be.at.most(matter.promisedLimit!.amount);
    const notice = process.elements.get('publicNotice')!;
    expect('gov' in notice && notice.gov.specialProcedures).to.deep.equal(['公示']);
    expect(matter.specialProcedures).to.include('公示');
  });

  it('企业开办一件事: 营业执照 (4 工作小时) first, then four child matters in parallel, all within 1 工作日', async () => {
    const shipped = SHIPPED_MATTERS.find((m) => m.processId === 'business-startup')!;
    const definition = await compile(shipped.bpmn);
    const parent = definition.processes.get('business-startup')!;
    const licence = parent.elements.get('businessLicence')!;
    if (licence.kind !== 'callActivity') throw new Error('营业执照 should be a call activity');
    expect(licence.gov.timeLimit).to.deep.equal({ amount: 4, unit: '小时(工作日)' });
    expect(licence.io.outputs.map((m) => m.target)).to.include.members(['businessLicenceNo', 'unifiedCreditCode']);
    const fork = parent.elements.get(parent.flows.get(licence.outgoing[0]!)!.targetId)!;
    expect(fork.kind).to.equal('parallelGateway');
    const children = fork.outgoing.map((id) => parent.elements.get(parent.flows.get(id)!.targetId)!);
    expect(children.map((c) => c.kind)).to.deep.equal(['callActivity', 'callActivity', 'callActivity', 'callActivity']);
    for (const child of children) {
      if (child.kind !== 'callActivity') continue;
      expect(definition.processes.has(child.calledElement), child.calledElement).to.equal(true);
      expect(child.io.inputs.map((m) => m.target)).to.include('unifiedCreditCode');
      expect(child.io.outputs, `${child.id} brings its result back`).to.not.deep.equal([]);
    }
    expect(parent.gov.promisedLimit).to.deep.equal({ amount: 1, unit: '工作日' });
  });
});
