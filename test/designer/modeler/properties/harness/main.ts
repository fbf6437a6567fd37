/**
 * A test harness for the gov properties panel alone: a bpmn-js Modeler with the standard panel
 * modules and govPropertiesModule (the page's zh-CN translate is not part of it), and a small diagram (收件 → 审查 → 是否许可 → 办结).
 * Not a page of the workspace: ../properties.spec.ts bundles it with esbuild into a temp
 * directory and serves it on the server's origin (so the session and /api/departments work).
 * `window.propertiesHarness` exposes the modeler to the test.
 */
import 'diagram-js/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';

import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import govDescriptor from '../../../../../engine/model/gov-descriptor.json';
import { govPropertiesModule } from '../../../../../designer/modeler/properties/index.js';
import { HARNESS_DIAGRAM } from './diagram.js';

const modeler = new Modeler({
  container: '#canvas',
  propertiesPanel: { parent: '#panel' },
  additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, govPropertiesModule],
  moddleExtensions: { gov: govDescriptor },
});

declare global {
  interface Window {
    propertiesHarness: { modeler: Modeler; ready: Promise<unknown> };
  }
}

window.propertiesHarness = { modeler, ready: modeler.importXML(HARNESS_DIAGRAM) };
