/**
 * Large BPMN documents, generated: what the element limit and the model workers are tested and
 * measured with (test/server/workers/model-workers.spec.ts, bench/model-workers.ts). Counts are XML
 * elements (start tags, diagram shapes and waypoints included), as the model's pre-check counts.
 */
const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NAMESPACES = [
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
  'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
  'xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
].join(' ');
/**
 * Elements a chain has besides its tasks: definitions, process, start + outgoing, end + incoming,
 * the last flow, diagram, plane, and the start's, the end's and the last flow's shapes.
 */
const FIXED_ELEMENTS = 16;
/** Elements per task: the task, its documentation, incoming, outgoing, its flow in, a shape with bounds, an edge with two waypoints. */
const TASK_ELEMENTS = 10;
const FILLER = '申请材料齐全、符合法定形式的，应当当场作出受理决定。';

/**
 * A deployable process of exactly `elements` XML elements: a start event, a chain of user tasks
 * drawn with shapes and edges, an end event. `bytes` (UTF-8, approximately) pads each task's
 * documentation, the way a real model grows with its notes.
 */
export function chainModel({
  elements,
  bytes = 0,
  processId = 'largeChain',
}: {
  readonly elements: number;
  readonly bytes?: number;
  readonly processId?: string;
}): string {
  const tasks = Math.floor((elements - FIXED_ELEMENTS) / TASK_ELEMENTS);
  if (tasks < 1) throw new RangeError(`a chain needs at least ${FIXED_ELEMENTS + TASK_ELEMENTS} elements`);
  const extra = elements - FIXED_ELEMENTS - tasks * TASK_ELEMENTS;
  const bare = build(processId, tasks, extra, '');
  const perTask = Math.max(
    0,
    Math.floor((bytes - Buffer.byteLength(bare)) / tasks / Buffer.byteLength(FILLER[0] ?? '')),
  );
  return perTask === 0
    ? bare
    : build(processId, tasks, extra, FILLER.repeat(Math.ceil(perTask / FILLER.length)).slice(0, perTask));
}

/** `count` bare tasks in one process that is not executable: the hostile 100,000-element file of issue 12. */
export function manyTasksModel(count: number): string {
  return `${HEADER}<bpmn:definitions ${NAMESPACES} id="many" targetNamespace="urn:matterflow:test"><bpmn:process id="many">${Array.from({ length: count }, (_, n) => `<bpmn:task id="t${n}"/>`).join('')}</bpmn:process></bpmn:definitions>`;
}

function build(processId: string, tasks: number, extra: number, documentation: string): string {
  const nodes: string[] = [];
  const flows: string[] = [];
  const shapes: string[] = [];
  for (let n = 0; n < tasks; n += 1) {
    const from = n === 0 ? 'start' : `task${n - 1}`;
    nodes.push(
      `<bpmn:userTask id="task${n}" name="审查环节 ${n + 1}"><bpmn:documentation>${documentation}</bpmn:documentation><bpmn:incoming>flow${n}</bpmn:incoming><bpmn:outgoing>flow${n + 1}</bpmn:outgoing></bpmn:userTask>`,
    );
    flows.push(`<bpmn:sequenceFlow id="flow${n}" sourceRef="${from}" targetRef="task${n}" />`);
    shapes.push(
      `<bpmndi:BPMNShape id="task${n}_di" bpmnElement="task${n}"><dc:Bounds x="${200 + n * 150}" y="80" width="100" height="80" /></bpmndi:BPMNShape>`,
      `<bpmndi:BPMNEdge id="flow${n}_di" bpmnElement="flow${n}"><di:waypoint x="${150 + n * 150}" y="120" /><di:waypoint x="${200 + n * 150}" y="120" /></bpmndi:BPMNEdge>`,
    );
  }
  const notes = Array.from({ length: extra }, (_, n) => `<bpmn:documentation>说明 ${n + 1}</bpmn:documentation>`).join(
    '',
  );
  return `${HEADER}<bpmn:definitions ${NAMESPACES} id="${processId}Definitions" targetNamespace="urn:matterflow:test">
<bpmn:process id="${processId}" name="大型流程" isExecutable="true">${notes}
<bpmn:startEvent id="start" name="申请"><bpmn:outgoing>flow0</bpmn:outgoing></bpmn:startEvent>
${nodes.join('\n')}
<bpmn:endEvent id="end" name="办结"><bpmn:incoming>flow${tasks}</bpmn:incoming></bpmn:endEvent>
${flows.join('\n')}
<bpmn:sequenceFlow id="flow${tasks}" sourceRef="task${tasks - 1}" targetRef="end" />
</bpmn:process>
<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">
<bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="102" width="36" height="36" /></bpmndi:BPMNShape>
${shapes.join('\n')}
<bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="${200 + tasks * 150}" y="102" width="36" height="36" /></bpmndi:BPMNShape>
<bpmndi:BPMNEdge id="flow${tasks}_di" bpmnElement="flow${tasks}"><di:waypoint x="${150 + tasks * 150}" y="120" /><di:waypoint x="${200 + tasks * 150}" y="120" /></bpmndi:BPMNEdge>
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/**
 * The costliest model to compile under the limits: `tasks` tasks in one chain without a diagram
 * (two elements a task), so that the reachability the compiler computes for every node is
 * quadratic (about tasks² / 2 pairs). Deployable, with lint warnings (no diagram, no labels).
 */
export function bareChainModel(tasks: number, processId = 'bareChain'): string {
  const parts = ['<bpmn:startEvent id="start" />'];
  for (let n = 0; n < tasks; n += 1)
    parts.push(
      `<bpmn:task id="task${n}" /><bpmn:sequenceFlow id="flow${n}" sourceRef="${n === 0 ? 'start' : `task${n - 1}`}" targetRef="task${n}" />`,
    );
  parts.push(
    `<bpmn:endEvent id="end" /><bpmn:sequenceFlow id="flow${tasks}" sourceRef="task${tasks - 1}" targetRef="end" />`,
  );
  return `${HEADER}<bpmn:definitions ${NAMESPACES} id="${processId}Definitions" targetNamespace="urn:matterflow:test"><bpmn:process id="${processId}" isExecutable="true">${parts.join('')}</bpmn:process></bpmn:definitions>`;
}
