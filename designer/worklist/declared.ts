/**
 * What the task page and the 收件 page read from the declared case operations
 * (engine/operations): an operation's Chinese label, the Chinese titles of the fields of its data
 * (the titles the server's schema gives them), and which fields it declares. The forms name their
 * fields and their "请填写…" messages from these, not from second copies of the words.
 */
import { CASE_OPERATIONS, type ApiData, type CaseOperationType } from '../../engine/operations/index.js';

export type { CaseOperationType };

/** What a form sends for operation T (each of a union): its data without the step (the task page adds `taskId`). */
export type FormData<T extends CaseOperationType> = T extends CaseOperationType ? Omit<ApiData<T>, 'taskId'> : never;

interface FieldSchema {
  readonly title?: string;
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly required?: readonly string[];
}

function schemaOf(operation: CaseOperationType): FieldSchema {
  return CASE_OPERATIONS[operation].schema as FieldSchema;
}

/** The operation's own label (受理, 退回, 办理 …), not its task-page label. */
export function operationLabel(operation: CaseOperationType): string {
  return CASE_OPERATIONS[operation].label;
}

/** The declared title of a field of the operation's data; `opinion.text` reaches into an object. */
export function fieldTitle(operation: CaseOperationType, path: string): string {
  let schema: FieldSchema | undefined = schemaOf(operation);
  for (const name of path.split('.')) schema = schema?.properties?.[name];
  if (!schema?.title) throw new Error(`engine/operations declares no field ${path} for ${operation}`);
  return schema.title;
}

/** The field's label on a form: its title, with （可选） where the schema does not require it. */
export function fieldLabel(operation: CaseOperationType, path: string): string {
  const names = path.split('.');
  let parent: FieldSchema | undefined = schemaOf(operation);
  for (const name of names.slice(0, -1)) parent = parent?.properties?.[name];
  const required = parent?.required?.includes(names[names.length - 1] ?? '') ?? false;
  return required ? fieldTitle(operation, path) : `${fieldTitle(operation, path)}（可选）`;
}

/** The fields of `data` the operation does not declare (the server refuses them). */
export function undeclaredFields(operation: CaseOperationType, data: Readonly<Record<string, unknown>>): string[] {
  const declared = schemaOf(operation).properties ?? {};
  return Object.keys(data).filter((name) => !Object.hasOwn(declared, name));
}
