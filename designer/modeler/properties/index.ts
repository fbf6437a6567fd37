/**
 * The gov properties panel: a bpmn-js additional module for bpmn-js-properties-panel 5.x that
 * edits the gov moddle extension (engine/model/gov-descriptor.json) in Chinese.
 *
 *   new Modeler({
 *     additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, govPropertiesModule],
 *     moddleExtensions: { gov: govDescriptor },
 *     propertiesPanel: { parent: '#panel' },
 *   });
 *
 * Needs the `gov` moddle extension and the standard panel modules; the department list comes from
 * GET /api/departments (the signed-in session's token), fetched once per modeler.
 *
 * Public API: `govPropertiesModule` and `PANEL_ZH` (the panel's Chinese texts, for the modeler's
 * translate); the provider, the department service and the entries are internal.
 */
import type { ModuleDeclaration } from 'didi';
import { GovDepartments } from './departments.js';
import { GovPropertiesProvider } from './provider.js';

export const govPropertiesModule: ModuleDeclaration = {
  __init__: ['govPropertiesProvider'],
  govPropertiesProvider: ['type', GovPropertiesProvider],
  govDepartments: ['type', GovDepartments],
};

export { PANEL_ZH } from './entries.js';
