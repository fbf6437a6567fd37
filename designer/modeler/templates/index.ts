/**
 * 新建: a starting diagram per matter type (办件类型). Each is a process without a diagram,
 * laid out with bpmn-auto-layout when created; gov attributes are filled in where a template
 * can know them (the window step's department, step limits that fit the promised limit),
 * the rest (matter code, back-office departments) is the administrator's to set — the lint
 * says what is missing once the matter code is set.
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

const definitions = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:gov="${GOV}" id="{{ID}}-definitions" targetNamespace="https://matterflow.cn/processes/{{ID}}">
${body}
</bpmn:definitions>
`;

const flow = (id: string, source: string, target: string, name?: string) =>
  `    <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"${name ? ` name="${name}"` : ''} />`;

export const TEMPLATES: readonly Template[] = [
  {
    id: 'blank',
    label: '空白流程',
    description: '只有一个开始事件',
    xml: definitions(`  <bpmn:process id="{{ID}}" name="{{NAME}}" isExecutable="true">
    <bpmn:startEvent id="received" name="收件" />
  </bpmn:process>`),
  },
  {
    id: 'immediate',
    label: '即办件',
    description: '收件后窗口当场受理并办结，不计承诺时限',
    xml: definitions(`  <bpmn:process id="{{ID}}" name="{{NAME}}" isExecutable="true">
    <bpmn:startEvent id="received" name="收件" />
    <bpmn:userTask id="handleOnTheSpot" name="受理并办结" gov:department="${WINDOW}" gov:timeLimit="1" gov:timeLimitUnit="小时(工作日)" gov:candidateGroups="综合窗口" />
    <bpmn:endEvent id="completed" name="办结" />
${flow('toHandle', 'received', 'handleOnTheSpot')}
${flow('toCompleted', 'handleOnTheSpot', 'completed')}
  </bpmn:process>`),
  },
  {
    id: 'promised',
    label: '承诺件',
    description: '受理、审查、决定、送达，承诺 20 个工作日办结',
    xml: definitions(`  <bpmn:process id="{{ID}}" name="{{NAME}}" isExecutable="true" gov:promisedLimit="20" gov:promisedLimitUnit="工作日">
    <bpmn:startEvent id="received" name="收件" />
    <bpmn:userTask id="acceptance" name="受理" gov:department="${WINDOW}" gov:timeLimit="1" gov:timeLimitUnit="工作日" gov:candidateGroups="综合窗口" />
    <bpmn:userTask id="review" name="审查" gov:timeLimit="10" gov:timeLimitUnit="工作日" />
    <bpmn:userTask id="decision" name="决定" gov:timeLimit="4" gov:timeLimitUnit="工作日" />
    <bpmn:userTask id="delivery" name="送达" gov:department="${WINDOW}" gov:timeLimit="5" gov:timeLimitUnit="工作日" gov:candidateGroups="综合窗口" />
    <bpmn:endEvent id="completed" name="办结" />
${flow('toAcceptance', 'received', 'acceptance')}
${flow('toReview', 'acceptance', 'review')}
${flow('toDecision', 'review', 'decision')}
${flow('toDelivery', 'decision', 'delivery')}
${flow('toCompleted', 'delivery', 'completed')}
  </bpmn:process>`),
  },
  {
    id: 'parallel',
    label: '并联审批',
    description: '受理后多个部门同时审查（并行分支与汇合），牵头部门决定',
    xml: definitions(`  <bpmn:process id="{{ID}}" name="{{NAME}}" isExecutable="true" gov:promisedLimit="15" gov:promisedLimitUnit="工作日">
    <bpmn:startEvent id="received" name="收件" />
    <bpmn:userTask id="acceptance" name="受理" gov:department="${WINDOW}" gov:timeLimit="1" gov:timeLimitUnit="工作日" gov:candidateGroups="综合窗口" />
    <bpmn:parallelGateway id="split" name="并联审查" />
    <bpmn:userTask id="reviewA" name="部门一审查" gov:timeLimit="5" gov:timeLimitUnit="工作日" />
    <bpmn:userTask id="reviewB" name="部门二审查" gov:timeLimit="5" gov:timeLimitUnit="工作日" />
    <bpmn:userTask id="reviewC" name="部门三审查" gov:timeLimit="5" gov:timeLimitUnit="工作日" />
    <bpmn:parallelGateway id="join" name="审查汇总" />
    <bpmn:userTask id="decision" name="牵头部门决定" gov:timeLimit="3" gov:timeLimitUnit="工作日" />
    <bpmn:userTask id="delivery" name="送达" gov:department="${WINDOW}" gov:timeLimit="3" gov:timeLimitUnit="工作日" gov:candidateGroups="综合窗口" />
    <bpmn:endEvent id="completed" name="办结" />
${flow('toAcceptance', 'received', 'acceptance')}
${flow('toSplit', 'acceptance', 'split')}
${flow('toReviewA', 'split', 'reviewA')}
${flow('toReviewB', 'split', 'reviewB')}
${flow('toReviewC', 'split', 'reviewC')}
${flow('fromReviewA', 'reviewA', 'join')}
${flow('fromReviewB', 'reviewB', 'join')}
${flow('fromReviewC', 'reviewC', 'join')}
${flow('toDecision', 'join', 'decision')}
${flow('toDelivery', 'decision', 'delivery')}
${flow('toCompleted', 'delivery', 'completed')}
  </bpmn:process>`),
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
