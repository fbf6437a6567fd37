/**
 * Validation messages placed at their fields: ajv's errors (localized to Chinese with ajv-i18n)
 * and the server's field errors (JSON pointers with message.zh) become json-editor errors on the
 * editor of the field they name, or of its nearest shown ancestor.
 */
import type { ErrorObject } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh';
import type { EditorError, MatterFormEditor } from './json-editor.js';

/** One message for one field, named by JSON pointer ('' is the whole matter). */
export interface FieldMessage {
  readonly pointer: string;
  readonly message: string;
}

/** ajv's errors in Chinese, one per field and problem; a oneOf's branch errors fold into one message. */
export function messagesFromAjv(errors: readonly ErrorObject[] | null | undefined): FieldMessage[] {
  if (!errors || errors.length === 0) return [];
  const copies = errors.map((error) => ({ ...error, params: { ...error.params } }));
  localizeZh(copies);
  const oneOfPaths = copies.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  const messages: FieldMessage[] = [];
  for (const error of copies) {
    if (error.keyword === 'if') continue;
    if (
      error.keyword !== 'oneOf' &&
      oneOfPaths.some((path) => error.instancePath === path || error.instancePath.startsWith(`${path}/`))
    )
      continue;
    const missing =
      error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
    const pointer = missing ? `${error.instancePath}/${escapePointer(missing)}` : error.instancePath;
    const message =
      error.keyword === 'required'
        ? '必须填写此项'
        : error.keyword === 'oneOf'
          ? '请选择其中一种规则并填写完整'
          : (error.message ?? '取值不符合要求');
    if (!messages.some((m) => m.pointer === pointer && m.message === message)) messages.push({ pointer, message });
  }
  return messages;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');

/** The json-editor path of a JSON pointer: '/promisedLimit/amount' -> 'root.promisedLimit.amount'. */
function editorPath(pointer: string): string {
  const parts = pointer.split('/').slice(1).map(unescapePointer);
  return ['root', ...parts].join('.');
}

/** The path of the editor that shows a field: the field's own, else its nearest ancestor that exists. */
function shownPath(editor: MatterFormEditor, pointer: string): string {
  let path = editorPath(pointer);
  while (path.includes('.') && !editor.getEditor(path)) path = path.slice(0, path.lastIndexOf('.'));
  return path;
}

/** The field's title for a summary ("承诺办结时限 › 时限数值"). */
export function fieldTitle(editor: MatterFormEditor, path: string): string {
  const titles: string[] = [];
  const parts = path.split('.');
  for (let i = 2; i <= parts.length; i += 1) {
    const child = editor.getEditor(parts.slice(0, i).join('.'));
    const title = child?.getTitle();
    if (title && !/^\d+$/.test(parts[i - 1]!)) titles.push(title);
    else if (/^\d+$/.test(parts[i - 1]!)) titles.push(`第 ${Number(parts[i - 1]) + 1} 项`);
  }
  return titles.join(' › ') || '事项';
}

/** Show `messages` at their fields (and clear every other field's). */
export function showAtFields(
  editor: MatterFormEditor,
  messages: readonly FieldMessage[],
): Array<FieldMessage & { path: string }> {
  const placed = messages.map((m) => ({ ...m, path: shownPath(editor, m.pointer) }));
  const errors: EditorError[] = placed.map((m) => ({ path: m.path, property: 'matterflow', message: m.message }));
  editor.showValidationErrors(errors);
  return placed;
}
