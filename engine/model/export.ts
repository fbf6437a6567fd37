import { moddle } from './moddle.js';

/**
 * Serialises moddle definitions (as returned by `loadDefinition` or `parseBpmn`) back to
 * formatted BPMN XML. Ids, DI, gov attributes and unknown extension elements are all kept.
 */
export async function exportXml(definitions: unknown): Promise<string> {
  const { xml } = await moddle().toXML(definitions, { format: true });
  return xml;
}
