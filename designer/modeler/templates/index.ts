/**
 * 新建: a starting diagram per matter type (办件类型). Each is a process without a diagram, laid
 * out with bpmn-auto-layout when created: its elements name their incoming and outgoing flows
 * (the layout follows those, and draws an edge for each flow), so it opens connected and clean
 * of lint findings. gov attributes are filled in where a template can know them (the 办件类型,
 * the window steps, step limits that fit the promised limit); the rest (matter code,
 * back-office departments) is the administrator's to set — the lint says what is missing once
 * the matter code is set.
 */
export interface Template {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** BPMN XML without DI; `{{ID}}` and `{{NAME}}` are the new process's id and name. */
  readonly xml: string;
}

const GOV = 'https://matterflow.cn/schema/bpmn/gov/1.0';
const WINDOW = '政务服务中心综合窗口';

/** A flow node of a template: its BPMN tag, id, name and attributes (gov ones and others). */
interface Node {
  readonly tag: 'startEvent' | 'endEvent' | 'userTask' | 'parallelGateway';
  readonly id: string;
  readonly name: string;
  readonly attributes?: string;
}

/** A sequence flow: id, source, target. */
type Flow = readonly [id: string, source: string, target: string];

const windowStep = (limit: string, unit: string) =>
  `gov:department="${WINDOW}" gov:windowStep="true" gov:timeLimit="${limit}" gov:timeLimitUnit="${unit}" gov:candidateGroups="综合窗口"`;

/** A process of nodes and flows, every node listing its incoming and outgoing flows. */
function processXml(attributes: string, nodes: readonly Node[], flows: readonly Flow[]): string {
  const refs = (id: string) =>
    [
      ...flows.filter(([, , target]) => target === id).map(([flow]) => `      <bpmn:incoming>${flow}</bpmn:incoming>`),
      ...flows.filter(([, source]) => source === id).map(([flow]) => `      <bpmn:outgoing>${flow}</bpmn:outgoing>`),
    ].join('\n');
  const nodeXml = nodes.map(
    (node) =>
      `    <bpmn:${node.tag} id="${node.id}" name="${node.name}"${node.attributes ? ` ${node.attributes}` : ''}>\n${refs(node.id)}\n    </bpmn:${node.tag}>`,
  );
  const flowXml = flows.map(
    ([id, source, target]) => `    <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:gov="${GOV}" id="{{ID}}-definitions" targetNamespace="https://matterflow.cn/processes/{{ID}}">
  <bpmn:process id="{{ID}}" name="{{NAME}}" isExecutable="true"${attributes ? ` ${attributes}` : ''}>
${[...nodeXml, ...flowXml].join('\n')}
  </bpmn:process>
</bpmn:definitions>
`;
}

/** A chain of nodes, each flowing into the next (flow ids `toNext`). */
const chain = (ids: readonly string[]): Flow[] =>
  ids.slice(1).map((id, index) => [`to${id.charAt(0).toUpperCase()}${id.slice(1)}`, ids[index]!, id] as const);

const received: Node = { tag: 'startEvent', id: 'received', name: '收件' };
const completed: Node = { tag: 'endEvent', id: 'completed', name: '办结' };

export const TEMPLATES: readonly Template[] = [
  {
    id: 'blank',
    label: '空白流程',
    description: '收件后直接办结，由此开始画',
    xml: processXml('', [received, completed], chain(['received', 'completed'])),
  },
  {
    id: 'immediate',
    label: '即办件',
    description: '收件后窗口当场受理并办结，不计承诺时限',
    xml: processXml(
      'gov:caseType="1"',
      [
        received,
        {
          tag: 'userTask',
          id: 'handleOnTheSpot',
          name: '受理并办结',
          attributes: windowStep('1', '小时(工作日)'),
        },
        completed,
      ],
      chain(['received', 'handleOnTheSpot', 'completed']),
    ),
  },
  {
    id: 'promised',
    label: '承诺件',
    description: '受理、审查、决定、送达，承诺 20 个工作日办结',
    xml: processXml(
      'gov:caseType="2" gov:promisedLimit="20" gov:promisedLimitUnit="工作日"',
      [
        received,
        { tag: 'userTask', id: 'acceptance', name: '受理', attributes: windowStep('1', '工作日') },
        { tag: 'userTask', id: 'review', name: '审查', attributes: 'gov:timeLimit="10" gov:timeLimitUnit="工作日"' },
        { tag: 'userTask', id: 'decision', name: '决定', attributes: 'gov:timeLimit="4" gov:timeLimitUnit="工作日"' },
        { tag: 'userTask', id: 'delivery', name: '送达', attributes: windowStep('5', '工作日') },
        completed,
      ],
      chain(['received', 'acceptance', 'review', 'decision', 'delivery', 'completed']),
    ),
  },
  {
    id: 'parallel',
    label: '并联审批',
    description: '受理后多个部门同时审查（并行分支与汇合），牵头部门决定',
    xml: processXml(
      'gov:caseType="2" gov:promisedLimit="15" gov:promisedLimitUnit="工作日"',
      [
        received,
        { tag: 'userTask', id: 'acceptance', name: '受理', attributes: windowStep('1', '工作日') },
        { tag: 'parallelGateway', id: 'split', name: '并联审查' },
        ...(['A', 'B', 'C'] as const).map((letter, index): Node => ({
          tag: 'userTask',
          id: `review${letter}`,
          name: `部门${'一二三'[index]}审查`,
          attributes: 'gov:timeLimit="5" gov:timeLimitUnit="工作日"',
        })),
        { tag: 'parallelGateway', id: 'join', name: '审查汇总' },
        {
          tag: 'userTask',
          id: 'decision',
          name: '牵头部门决定',
          attributes: 'gov:timeLimit="3" gov:timeLimitUnit="工作日"',
        },
        { tag: 'userTask', id: 'delivery', name: '送达', attributes: windowStep('3', '工作日') },
        completed,
      ],
      [
        ['toAcceptance', 'received', 'acceptance'],
        ['toSplit', 'acceptance', 'split'],
        ['toReviewA', 'split', 'reviewA'],
        ['toReviewB', 'split', 'reviewB'],
        ['toReviewC', 'split', 'reviewC'],
        ['fromReviewA', 'reviewA', 'join'],
        ['fromReviewB', 'reviewB', 'join'],
        ['fromReviewC', 'reviewC', 'join'],
        ['toDecision', 'join', 'decision'],
        ['toDelivery', 'decision', 'delivery'],
        ['toCompleted', 'delivery', 'completed'],
      ],
    ),
  },
];

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** The template's XML for a new process (id from the time and a random part, so it is new). */
export function instantiate(template: Template, name: string, now = new Date()): { xml: string; processId: string } {
  const stamp = now.toISOString().slice(0, 10).replaceAll('-', '');
  const processId = `matter-${stamp}-${Math.random().toString(36).slice(2, 7)}`;
  return { processId, xml: template.xml.replaceAll('{{ID}}', processId).replaceAll('{{NAME}}', escapeXml(name)) };
}
