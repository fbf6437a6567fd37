/** Small BPMN documents for the lint specs, and the findings of one rule. */
import type { LintFinding } from '../../../engine/lint/index.js';
import { lintXml } from '../../../engine/lint/index.js';

/** The attributes of a matter's process (a matter code, a promised limit). */
const MATTER = 'gov:matterCode="330106-TEST-1" gov:promisedLimit="10" gov:promisedLimitUnit="工作日"';

/** A definitions document with one process holding `body`; `attributes` on the process. */
export function bpmn(body: string, attributes: string = MATTER): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="d" targetNamespace="https://matterflow.cn/test">
  <bpmn:process id="p" name="测试事项" isExecutable="true" ${attributes}>
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** A user task with a department and a limit (days of 工作日), with flows given by id. */
export function task(id: string, days: number, extra = ''): string {
  return `<bpmn:userTask id="${id}" name="${id}" gov:department="部门" gov:timeLimit="${days}" gov:timeLimitUnit="工作日" ${extra} />`;
}

/** A sequence flow; `condition` as written in the XML (e.g. `=a &gt; 1`). */
export function flow(id: string, from: string, to: string, condition?: string): string {
  return condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`
    : `<bpmn:sequenceFlow id="${id}" name="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

/** A chain start → steps… → end with flows between consecutive ids. */
export function chain(...ids: string[]): string {
  return ids
    .slice(1)
    .map((id, i) => flow(`f_${ids[i]}_${id}`, ids[i] as string, id))
    .join('\n');
}

/** The findings of `rule` (full name, e.g. `matterflow/parallel-join`) for the XML. */
export async function findingsOf(xml: string, rule: string): Promise<LintFinding[]> {
  return (await lintXml(xml)).filter((finding) => finding.rule === rule);
}

/** `elementId: severity` of each finding, to compare in one assertion. */
export function summary(findings: readonly LintFinding[]): string[] {
  return findings.map((finding) => `${finding.elementId}: ${finding.severity}`);
}
