/**
 * How json-editor shows the published matter schema, added to a copy of it (the schema itself is
 * untouched, and ajv validates against the original): Chinese titles where the schema has none,
 * enum labels read from the descriptions ("01 行政许可；02 …"), checkboxes for yes/no, the
 * application form as JSON text, `$schema` hidden.
 */
type Schema = Record<string, unknown>;

/** Titles for properties the schema leaves untitled (its own keywords, and the parts of a time limit). */
const PROPERTY_TITLES: Readonly<Record<string, string>> = {
  $schema: '模式地址',
  $comment: '备注',
  amount: '时限数值',
  unit: '时限单位',
};

/** Titles of array items, by the array's property name. */
const ITEM_TITLES: Readonly<Record<string, string>> = {
  acceptanceConditions: '受理条件',
  jointAgencies: '联办机构',
  materials: '材料',
  specialProcedures: '特别程序',
};

/** BPMN's own words in the schema's descriptions, as the designer's panel says them. */
const TERMS: ReadonlyArray<readonly [RegExp, string]> = [[/（callActivity）/g, '（调用活动）']];
const inChinese = (text: string): string => TERMS.reduce((out, [term, zh]) => out.replace(term, zh), text);

/** The parts of a conditional rule, when json-editor names them. */
const BRANCH_TITLES = { if: '条件', then: '满足条件时', else: '不满足条件时' } as const;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** "01 行政许可；02 行政处罚" -> { '01': '行政许可', … } */
function labelsFromDescription(description: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  if (typeof description !== 'string') return labels;
  for (const part of description.split('；')) {
    const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(part);
    if (match) labels.set(match[1]!, match[2]!);
  }
  return labels;
}

function present(schema: Schema, name: string | null): Schema {
  const copy: Schema = { ...schema };
  const options: Record<string, unknown> = { ...(isSchema(schema['options']) ? schema['options'] : {}) };
  if (!copy['title'] && name && PROPERTY_TITLES[name]) copy['title'] = PROPERTY_TITLES[name];
  if (Array.isArray(copy['enum'])) {
    // json-editor needs a type to draw one select rather than a type switcher.
    const values = copy['enum'] as unknown[];
    if (!copy['type'])
      copy['type'] = values.every((v) => typeof v === 'string')
        ? 'string'
        : values.every((v) => Number.isInteger(v))
          ? 'integer'
          : copy['type'];
    const labels = labelsFromDescription(copy['description']);
    // Every value has its label in the select: the description that listed the codes is said.
    if (labels.size > 0 && values.every((value) => labels.has(String(value)))) delete copy['description'];
    if (labels.size > 0) {
      options['enum_titles'] = (copy['enum'] as unknown[]).map((value) => {
        const label = labels.get(String(value));
        if (!label) return String(value);
        return /^\d+$/.test(String(value)) ? `${String(value)} ${label}` : label;
      });
    }
  }
  if (copy['type'] === 'boolean') copy['format'] = 'checkbox';
  if (isSchema(copy['properties'])) {
    copy['properties'] = Object.fromEntries(
      Object.entries(copy['properties']).map(([key, value]) => [key, isSchema(value) ? present(value, key) : value]),
    );
  }
  if (isSchema(copy['items'])) {
    const items = present(copy['items'], null);
    if (!items['title'] && name && ITEM_TITLES[name]) items['title'] = ITEM_TITLES[name];
    copy['items'] = items;
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const alternatives = copy[keyword];
    if (!Array.isArray(alternatives)) continue;
    copy[keyword] = alternatives.map((alternative) => {
      if (!isSchema(alternative)) return alternative;
      const shown = present(alternative, null);
      if (!shown['title']) {
        const required = Array.isArray(alternative['required']) ? (alternative['required'] as string[]) : [];
        shown['title'] =
          alternative['type'] === 'null'
            ? '不设'
            : required.length === 1
              ? `按${PROPERTY_TITLES[required[0]!] ?? required[0]}`
              : '设置';
      }
      return shown;
    });
  }
  if (Array.isArray(copy['allOf']))
    copy['allOf'] = (copy['allOf'] as unknown[]).map((part) => (isSchema(part) ? present(part, null) : part));
  if (typeof copy['description'] === 'string') copy['description'] = inChinese(copy['description']);
  // json-editor draws an untitled branch of its own where the rule has no else: name it.
  if (isSchema(copy['if']) && copy['else'] === undefined) copy['else'] = { additionalProperties: true };
  for (const keyword of ['then', 'else', 'if'] as const)
    if (isSchema(copy[keyword])) copy[keyword] = { title: BRANCH_TITLES[keyword], ...present(copy[keyword], null) };
  if (Object.keys(options).length > 0) copy['options'] = options;
  return copy;
}

/** The matter schema as the editor shows it. */
export function presentationSchema(schema: Schema): Schema {
  const shown = present(schema, null);
  const properties = { ...(shown['properties'] as Record<string, Schema>) };
  if (properties['$comment']) properties['$comment'] = { ...properties['$comment'], format: 'textarea' };
  if (properties['$schema']) properties['$schema'] = { ...properties['$schema'], options: { hidden: true } };
  // Any JSON Schema: json-editor would otherwise refuse its keys (the editor's no_additional_properties).
  if (properties['applicationForm'])
    properties['applicationForm'] = { ...properties['applicationForm'], format: 'mf-json', additionalProperties: true };
  return { ...shown, properties };
}
