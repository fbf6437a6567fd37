/**
 * zh-CN for the whole modeler: a `translate` service (replacing bpmn-js's English one) over
 * bpmn-js-i18n-zh's bpmn-js and properties-panel dictionaries plus our own (i18n/zh.ts) and
 * any given by other modules (the gov properties group). Unknown texts stay as they are, with
 * `{placeholders}` filled in, like bpmn-js's own translate.
 */
import bpmnJsZh from 'bpmn-js-i18n-zh/lib/bpmn-js';
import propertiesPanelZh from 'bpmn-js-i18n-zh/lib/properties-panel';
import { MODELER_ZH } from './zh.js';

export type Dictionary = Readonly<Record<string, string>>;
export type Translate = (template: string, replacements?: Readonly<Record<string, unknown>>) => string;

function createTranslate(...extra: readonly Dictionary[]): Translate {
  const dictionary: Record<string, string> = Object.assign({}, bpmnJsZh, propertiesPanelZh, MODELER_ZH, ...extra);
  // The panel header asks for type names in title case ("User Task") that the dictionaries have in sentence case ("User task").
  const folded = new Map(Object.entries(dictionary).map(([key, value]) => [key.toLowerCase(), value]));
  return (template, replacements = {}) =>
    (dictionary[template] ?? folded.get(template.toLowerCase()) ?? template).replace(
      /{([^}]+)}/g,
      (whole, key: string) => {
        const value = replacements[key];
        return value === undefined || value === null ? whole : String(value);
      },
    );
}

/** The bpmn-js additional module: `translate` in Chinese. */
export function translateModule(...extra: readonly Dictionary[]): { translate: ['value', Translate] } {
  return { translate: ['value', createTranslate(...extra)] };
}
