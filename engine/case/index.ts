/** A case: the BPMN runtime and the 办件 domain over one event stream (engine/domain/README.md). */
export { executeCase, type CaseCommand, type CaseContext, type CaseRejection, type CaseRejectionCode, type CaseResult } from './execute.js';
