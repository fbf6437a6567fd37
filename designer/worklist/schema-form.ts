/**
 * A form generated from a JSON Schema (the matter's 一表申请) with @json-editor/json-editor, its
 * messages and buttons in Chinese. Used editable on the 收件 page and read-only on the task page.
 * The server validates the submitted form again (ajv, Chinese messages naming the field).
 */
import { JSONEditor, type JsonEditorError } from '@json-editor/json-editor';
import { localizeJsonEditorDom, setJsonEditorLanguageZh } from '../shared/json-editor-zh.js';

setJsonEditorLanguageZh(JSONEditor);

/** Arrays of choices become check boxes; conditional rules are left to the server (json-editor needs the item type for that). */
function forDisplay(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forDisplay);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    // Conditional rules (if/then, allOf) are checked by the server, which names the field in Chinese;
    // json-editor would report them against the whole form.
    if (key === 'allOf' || key === 'if' || key === 'then' || key === 'else') continue;
    copy[key] = forDisplay(value);
  }
  const items = copy['items'] as Record<string, unknown> | undefined;
  if (copy['type'] === 'array' && items && Array.isArray(items['enum'])) {
    copy['items'] = { type: 'string', ...items };
    copy['format'] = copy['format'] ?? 'checkbox';
    copy['uniqueItems'] = true;
  }
  if (Array.isArray(copy['enum']) && copy['type'] === undefined) copy['type'] = 'string';
  return copy;
}

export interface SchemaForm {
  readonly editor: JSONEditor;
  value(): Record<string, unknown>;
  /** Validate; shows the errors by their fields and returns them. */
  validate(): JsonEditorError[];
  destroy(): void;
}

/** Render `schema` into `element`; resolves once the editor is ready. */
export function schemaForm(
  element: HTMLElement,
  schema: unknown,
  options: { value?: Record<string, unknown>; readOnly?: boolean } = {},
): Promise<SchemaForm> {
  element.classList.add('wl-schema-form');
  const editor = new JSONEditor(element, {
    schema: forDisplay(schema),
    ...(options.value ? { startval: options.value } : {}),
    theme: 'html',
    iconlib: null,
    disable_edit_json: true,
    disable_properties: true,
    disable_collapse: true,
    disable_array_reorder: true,
    no_additional_properties: true,
    required_by_default: false,
    // Errors show from the first validate() on (json-editor's 'interaction' shows them on an untouched form).
    show_errors: 'never',
    show_opt_in: false,
    prompt_before_delete: false,
  });
  return new Promise((resolve) => {
    editor.on('ready', () => {
      if (options.readOnly) editor.disable();
      localizeJsonEditorDom(element);
      editor.on('change', () => localizeJsonEditorDom(element));
      resolve({
        editor,
        value: () => withoutEmpty(editor.getValue() as Record<string, unknown>),
        validate: () => {
          const required = new Set(
            ((schema as { required?: string[] } | null)?.required ?? []).map((name) => `root.${name}`),
          );
          const errors = editor
            .validate()
            .flatMap((error) => {
              if (!isEmpty(editor, error)) return [error];
              // An empty required field says so; an empty optional one is not an error (it is not sent).
              return required.has(error.path) ? [{ ...error, message: '必须填写' }] : [];
            })
            .filter(
              (error, index, all) =>
                all.findIndex((other) => other.path === error.path && other.message === error.message) === index,
            );
          showErrors(element, errors);
          return errors;
        },
        destroy: () => editor.destroy(),
      });
    });
  });
}

/** Each error under its field (json-editor's own display would also flag optional fields left empty). */
function showErrors(element: HTMLElement, errors: readonly JsonEditorError[]): void {
  for (const old of element.querySelectorAll('.wl-field-error')) old.remove();
  for (const old of element.querySelectorAll('.wl-invalid')) old.classList.remove('wl-invalid');
  for (const error of errors) {
    const field = element.querySelector(`[data-schemapath="${CSS.escape(error.path)}"]`) ?? element;
    field.classList.add('wl-invalid');
    const message = document.createElement('div');
    message.className = 'wl-field-error';
    message.setAttribute('role', 'alert');
    message.textContent = error.message;
    field.append(message);
  }
}

function isEmpty(editor: JSONEditor, error: JsonEditorError): boolean {
  if (error.path === 'root') return false;
  const value = editor.getEditor(error.path)?.getValue();
  return value === '' || value === undefined || (Array.isArray(value) && value.length === 0);
}

/** Optional fields left empty are not sent (the schema's formats and patterns would refuse ''). */
function withoutEmpty(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}
