import type { ModdleElement } from './moddle-types.js';
import { ZEEBE_NAMESPACE } from './gov-descriptor.js';

/**
 * Reading `<bpmn:extensionElements>`: gov elements are typed by the gov descriptor; zeebe
 * elements (Camunda 8 files) stay generic moddle elements and are matched by namespace URI and
 * local name, so any prefix works and nothing of theirs is ever dropped.
 */

/** The extension elements of an element, in document order. */
function extensionValues(element: ModdleElement): readonly ModdleElement[] {
  return element.extensionElements?.values ?? [];
}

/** The first gov extension element of the given type (e.g. `gov:TaskDefinition`), if any. */
export function govExtension<T extends ModdleElement>(element: ModdleElement, type: string): T | null {
  return (extensionValues(element).find((value) => value.$type === type) as T | undefined) ?? null;
}

/** All gov extension elements of the given type. */
export function govExtensions<T extends ModdleElement>(element: ModdleElement, type: string): readonly T[] {
  return extensionValues(element).filter((value) => value.$type === type) as T[];
}

/** The first zeebe extension element with this local name (e.g. `taskDefinition`), if any. */
export function zeebeExtension(element: ModdleElement, localName: string): ModdleElement | null {
  return extensionValues(element).find((value) => isZeebe(value, localName)) ?? null;
}

/** Children of a generic element with this local name (e.g. the `input`s of `zeebe:ioMapping`). */
export function genericChildren(element: ModdleElement, localName: string): readonly ModdleElement[] {
  return (element.$children ?? []).filter((child) => localNameOf(child) === localName);
}

function isZeebe(element: ModdleElement, localName: string): boolean {
  return element.$descriptor?.ns?.uri === ZEEBE_NAMESPACE && localNameOf(element) === localName;
}

function localNameOf(element: ModdleElement): string {
  const type = element.$type;
  const colon = type.indexOf(':');
  return colon === -1 ? type : type.slice(colon + 1);
}
