/** The harness diagram: 收件 → 审查 → 是否许可 (准予许可 / 不予许可, default) → 办结. */
export const HARNESS_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:gov="https://matterflow.cn/schema/bpmn/gov/1.0" id="harness" targetNamespace="https://matterflow.cn/harness">
  <bpmn:process id="harnessProcess" name="面板测试流程" isExecutable="true">
    <bpmn:startEvent id="received" name="收件">
      <bpmn:outgoing>toReview</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="toReview" sourceRef="received" targetRef="review" />
    <bpmn:userTask id="review" name="审查">
      <bpmn:incoming>toReview</bpmn:incoming>
      <bpmn:outgoing>toOutcome</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="toOutcome" sourceRef="review" targetRef="outcome" />
    <bpmn:exclusiveGateway id="outcome" name="是否许可" default="refused">
      <bpmn:incoming>toOutcome</bpmn:incoming>
      <bpmn:outgoing>granted</bpmn:outgoing>
      <bpmn:outgoing>refused</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="granted" name="准予许可" sourceRef="outcome" targetRef="done" />
    <bpmn:sequenceFlow id="refused" name="不予许可" sourceRef="outcome" targetRef="done" />
    <bpmn:endEvent id="done" name="办结">
      <bpmn:incoming>granted</bpmn:incoming>
      <bpmn:incoming>refused</bpmn:incoming>
    </bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="harnessProcess">
      <bpmndi:BPMNShape id="received_di" bpmnElement="received"><dc:Bounds x="152" y="182" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="250" y="160" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="outcome_di" bpmnElement="outcome" isMarkerVisible="true"><dc:Bounds x="415" y="175" width="50" height="50" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="done_di" bpmnElement="done"><dc:Bounds x="572" y="182" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="toReview_di" bpmnElement="toReview"><di:waypoint x="188" y="200" /><di:waypoint x="250" y="200" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="toOutcome_di" bpmnElement="toOutcome"><di:waypoint x="350" y="200" /><di:waypoint x="415" y="200" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="granted_di" bpmnElement="granted"><di:waypoint x="465" y="200" /><di:waypoint x="572" y="200" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="refused_di" bpmnElement="refused"><di:waypoint x="440" y="225" /><di:waypoint x="440" y="300" /><di:waypoint x="590" y="300" /><di:waypoint x="590" y="218" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
