import { BpmnModdle } from 'bpmn-moddle';
import { govDescriptor } from './gov-descriptor.js';

let instance: BpmnModdle | null = null;

/**
 * The shared bpmn-moddle instance with the gov extension registered.
 *
 * Building the registry is the costly part of a moddle; `fromXML`/`toXML` keep no state between
 * calls, so one instance serves every parse and export. Zeebe extensions are not registered on
 * purpose: read as generic elements, every zeebe element survives, even ones we do not know.
 */
export function moddle(): BpmnModdle {
  instance ??= new BpmnModdle({ gov: govDescriptor });
  return instance;
}
