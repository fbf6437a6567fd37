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

/** The namespace of Camunda 7's attributes (`camunda:class`, `camunda:topic` …). */
const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';

/**
 * How a Camunda 7 file implements a service, send or business-rule task, read from its
 * `camunda:` attributes (kept as they are: moddle has no descriptor for them): Java code
 * (`class`, `expression`, `delegateExpression`), a DMN decision (`decisionRef`), or an external
 * task (`type="external"`, whose `topic` the model takes as the job type). The engine runs
 * handlers registered in code under a job type instead; `suggestedJobType` is the name the
 * migration offers for Java code and decisions.
 */
export type CamundaImplementation =
  | {
      readonly kind: 'class' | 'expression' | 'delegateExpression' | 'decisionRef';
      readonly attribute: string;
      readonly value: string;
      readonly suggestedJobType: string;
    }
  | { readonly kind: 'external'; readonly attribute: string; readonly topic: string | null };

const JAVA_KINDS = ['class', 'delegateExpression', 'expression', 'decisionRef'] as const;

/** The Camunda 7 implementation of a task, or null when it has none (or is no Camunda 7 file). */
export function camundaImplementation(element: ModdleElement): CamundaImplementation | null {
  const prefix = camundaPrefix(element);
  if (prefix === null) return null;
  const read = (local: string): string | null => {
    const value = element.$attrs?.[`${prefix}:${local}`];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  if (read('type') === 'external') return { kind: 'external', attribute: `${prefix}:type`, topic: read('topic') };
  for (const kind of JAVA_KINDS) {
    const value = read(kind);
    if (value !== null)
      return { kind, attribute: `${prefix}:${kind}`, value, suggestedJobType: suggestedJobType(kind, value) };
  }
  return null;
}

/**
 * A handler name from what the Camunda 7 attribute calls: a class by its simple name
 * (`org.example.ChargeCardDelegate` → `ChargeCardDelegate`), a bean by its name (`#{emailAdapter}`
 * → `emailAdapter`), a method call by bean and method (`#{mail.send(x)}` → `mail.send`).
 */
function suggestedJobType(kind: (typeof JAVA_KINDS)[number], value: string): string {
  if (kind === 'class') return value.split('.').pop() ?? value;
  const inner = /^[#$]\{([\s\S]*)\}$/.exec(value)?.[1]?.trim() ?? value;
  return /^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/.exec(inner)?.[1] ?? inner;
}

/** The prefix the file binds to the Camunda 7 namespace (on the element or around it), or null. */
function camundaPrefix(element: ModdleElement): string | null {
  for (let node: ModdleElement | undefined = element; node; node = node.$parent) {
    for (const [name, value] of Object.entries(node.$attrs ?? {})) {
      if (value === CAMUNDA_NAMESPACE && name.startsWith('xmlns:')) return name.slice('xmlns:'.length);
    }
  }
  return null;
}
