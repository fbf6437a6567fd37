/**
 * A form generated from a JSON Schema (the matter's 一表申请) with @json-editor/json-editor, its
 * messages and buttons in Chinese. Used editable on the 收件 page and read-only on the task page.
 * The server validates the submitted form again (ajv, Chinese messages naming the field).
 */
import { JSONEditor, type JsonEditorError } from '@json-editor/json-editor';

const ZH: Record<string, string> = {
  error_notset: '必须填写',
  error_notempty: '必须填写',
  error_enum: '请从给定选项中选择',
  error_const: '取值不正确',
  error_anyOf: '不符合任何一种允许的格式',
  error_oneOf: '必须恰好符合一种允许的格式',
  error_not: '取值不被允许',
  error_type_union: '类型不正确',
  error_type: '应为{{0}}类型',
  error_disallow_union: '取值类型不被允许',
  error_disallow: '取值类型不能为{{0}}',
  error_multipleOf: '应为 {{0}} 的倍数',
  error_maximum_excl: '应小于 {{0}}',
  error_maximum_incl: '不能大于 {{0}}',
  error_minimum_excl: '应大于 {{0}}',
  error_minimum_incl: '不能小于 {{0}}',
  error_maxLength: '最多 {{0}} 个字',
  error_contains: '缺少必需的项目',
  error_minContains: '至少包含 {{0}} 个必需项目',
  error_maxContains: '最多包含 {{0}} 个必需项目',
  error_minLength: '至少 {{0}} 个字',
  error_pattern: '格式不正确',
  error_additionalItems: '不允许更多的项目',
  error_maxItems: '最多选 {{0}} 项',
  error_minItems: '至少选 {{0}} 项',
  error_uniqueItems: '不能重复选择',
  error_maxProperties: '最多 {{0}} 个字段',
  error_minProperties: '至少 {{0}} 个字段',
  error_required: '缺少必填项「{{0}}」',
  error_additional_properties: '不允许的字段：{{0}}',
  error_dependency: '须同时填写「{{0}}」',
  error_date: '日期格式应为 YYYY-MM-DD',
  error_time: '时间格式应为 HH:MM',
  error_datetime_local: '日期时间格式不正确',
  error_invalid_epoch: '日期须晚于 1970-01-01',
  error_hostname: '主机名格式不正确',
  button_save: '保存',
  button_copy: '复制',
  button_cancel: '取消',
  button_add: '添加',
  button_delete_all: '全部删除',
  button_delete_all_title: '全部删除',
  button_delete_last: '删除最后一项',
  button_delete_last_title: '删除最后一项{{0}}',
  button_add_row_title: '添加{{0}}',
  button_move_down_title: '下移',
  button_move_up_title: '上移',
  button_properties: '字段',
  button_object_properties: '字段',
  button_copy_row_title: '复制{{0}}',
  button_delete_row_title: '删除{{0}}',
  button_delete_row_title_short: '删除',
  button_copy_row_title_short: '复制',
  button_collapse: '收起',
  button_expand: '展开',
  button_edit_json: '编辑 JSON',
  button_upload: '上传',
  flatpickr_toggle_button: '切换',
  flatpickr_clear_button: '清除',
  choices_placeholder_text: '请输入',
  default_array_item_title: '项',
  button_delete_node_warning: '确定要删除这一项吗？',
};

JSONEditor.defaults.languages['zh'] = { ...(JSONEditor.defaults.languages['en'] ?? {}), ...ZH };
JSONEditor.defaults.language = 'zh';

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
export function schemaForm(element: HTMLElement, schema: unknown, options: { value?: Record<string, unknown>; readOnly?: boolean } = {}): Promise<SchemaForm> {
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
      resolve({
        editor,
        value: () => withoutEmpty(editor.getValue() as Record<string, unknown>),
        validate: () => {
          const required = new Set(((schema as { required?: string[] } | null)?.required ?? []).map((name) => `root.${name}`));
          const errors = editor.validate().flatMap((error) => {
            if (!isEmpty(editor, error)) return [error];
            // An empty required field says so; an empty optional one is not an error (it is not sent).
            return required.has(error.path) ? [{ ...error, message: '必须填写' }] : [];
          }).filter((error, index, all) => all.findIndex((other) => other.path === error.path && other.message === error.message) === index);
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
