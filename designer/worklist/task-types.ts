/** What GET /api/tasks/{taskId} answers: the task page's data. */
import type { MaterialFileView } from '../shared/material-files.js';
import type { CaseOperationType } from '../../engine/operations/index.js';
import type { WorklistRow } from './worklist.js';

export interface Material {
  id: string;
  name: string;
  necessity: 'required' | 'tolerated' | 'optional';
  state?: 'received' | 'tolerated' | 'missing';
  received?: boolean;
  deadline?: string;
  /** Its files, every version (a 补正 adds one), with their sha256. */
  files?: MaterialFileView[];
}
/** An operation the server offers on the task (engine/operations declares it; the label is its task-page label). */
export interface Offered {
  operation: CaseOperationType;
  label: string;
  options?: Record<string, unknown>;
}
export interface CaseView {
  caseId: string;
  /** 办件编号 (null: received before numbers were given). */
  number: string | null;
  status: string | null;
  matter: { code: string; version: number; name: string } | null;
  applicant: { name: string; idType: string; idNumber: string } | null;
  channel: string | null;
  openDefects: string[];
  acceptance: { at: string; by: string; documentNo: string | null } | null;
  responsibleOfficer: string | null;
  tolerance: { missing: string[]; deadline: string; commitment: string } | null;
  tasks: Array<{
    taskId: string;
    elementId: string;
    name: string | null;
    department: string | null;
    assignee: string | null;
  }>;
  result: { kind: string; reason: string | null; licence: { name: string; number: string } | null } | null;
  /** 一件事: the package this case is a part of. */
  package: { caseId: string; number: string | null; name: string } | null;
  /** 一件事: the package's parts, with their status now. */
  parts: Array<{
    caseId: string;
    number: string | null;
    name: string;
    department: string | null;
    status: string | null;
    result: { kind: string; reason: string | null } | null;
  }>;
}
export interface TaskDetail {
  task: WorklistRow;
  owner: string | null;
  delegation: string | null;
  case: CaseView;
  materials: Material[];
  form: Record<string, unknown>;
  formSchema: unknown;
  resultName: string | null;
  history: Array<{ seq: number; time: string; actor: string; text: string }>;
  operations: Offered[];
  officers: Array<{ id: string; name: string; department: string | null }>;
}

export const NECESSITY: Readonly<Record<string, string>> = {
  required: '必要',
  tolerated: '可容缺',
  optional: '非必要',
};
export const MATERIAL_STATE: Readonly<Record<string, string>> = {
  received: '已收取',
  tolerated: '容缺待补',
  missing: '未提交',
};
