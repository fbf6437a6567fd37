/**
 * Chinese for @json-editor/json-editor's own interface (messages and buttons), through its language
 * API. One dictionary for every schema-generated form: 收件 and the task page, the matters editor.
 */
const JSON_EDITOR_ZH: Readonly<Record<string, string>> = {
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
  error_property_names_exceeds_maxlength: '属性名 {{0}} 超过最大长度',
  error_property_names_enum_mismatch: '属性名 {{0}} 不在允许的列表中',
  error_property_names_const_mismatch: '属性名 {{0}} 与固定值不符',
  error_property_names_pattern_mismatch: '属性名 {{0}} 不符合格式',
  error_property_names_false: '不允许属性名 {{0}}',
  error_property_names_maxlength: '属性名 {{0}} 无法满足最大长度要求',
  error_property_names_enum: '属性名 {{0}} 无法满足列表要求',
  error_property_names_pattern: '属性名 {{0}} 无法满足格式要求',
  error_property_names_unsupported: '不支持的属性名规则 {{0}}',
  upload_max_size: '文件过大，最大为 ',
  upload_wrong_file_format: '文件格式不正确，允许的格式：',
  table_controls: '操作',
  paste_max_length_reached: '粘贴的文字超过最大长度 {{0}}，已截断。',
};

/** Make Chinese json-editor's language (English fills any key a newer json-editor adds). */
export function setJsonEditorLanguageZh(editor: {
  defaults: { language: string; languages: Record<string, Record<string, string>> };
}): void {
  editor.defaults.languages['zh'] = { ...(editor.defaults.languages['en'] ?? {}), ...JSON_EDITOR_ZH };
  editor.defaults.language = 'zh';
}

/**
 * The words json-editor writes into the page itself, not through its language table: the hidden
 * property name box ("Property name..."), the labels of its opt-in boxes ("root[x]-opt-in") and
 * of its type switchers ("root[x] switcher"). Call after the editor is ready and after changes.
 */
export function localizeJsonEditorDom(root: HTMLElement): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input.property-selector-input'))
    input.placeholder = '属性名';
  for (const label of root.querySelectorAll('label')) {
    const text = label.textContent ?? '';
    if (text.endsWith('-opt-in')) label.textContent = '填写此项';
    else if (text.endsWith(' switcher')) label.textContent = '选择写法';
  }
}
