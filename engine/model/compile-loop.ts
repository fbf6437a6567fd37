import type { LoopCharacteristics } from './types.js';
import type { ModdleLoop } from './moddle-types.js';
import { stringProp } from './moddle-types.js';
import { zeebeExtension } from './extensions.js';
import { formalExpression, optionalExpression } from './expression.js';

/**
 * Loop characteristics of an activity. Multi-instance collections come from
 * `zeebe:loopCharacteristics` when present, else from the gov attributes on
 * `bpmn:multiInstanceLoopCharacteristics` (`gov:collection`, `gov:elementVariable`, …).
 */
export function compileLoop(loop: ModdleLoop | undefined): LoopCharacteristics | null {
  if (!loop) return null;
  if (loop.$type === 'bpmn:StandardLoopCharacteristics') {
    return {
      kind: 'standardLoop',
      loopCondition: formalExpression(loop.loopCondition),
      testBefore: loop.testBefore === true,
      loopMaximum: typeof loop.loopMaximum === 'number' && Number.isFinite(loop.loopMaximum) ? loop.loopMaximum : null,
    };
  }
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return null;
  const zeebe = zeebeExtension(loop, 'loopCharacteristics');
  const read = (zeebeName: string, govValue: string | undefined): string | null =>
    nonBlank(zeebe ? stringProp(zeebe, zeebeName) : null) ?? nonBlank(govValue);
  return {
    kind: 'multiInstance',
    sequential: loop.isSequential === true,
    loopCardinality: formalExpression(loop.loopCardinality),
    inputCollection: optionalExpression(read('inputCollection', loop.collection)),
    inputElement: read('inputElement', loop.elementVariable),
    outputCollection: read('outputCollection', loop.outputCollection),
    outputElement: optionalExpression(read('outputElement', loop.outputElement)),
    completionCondition: formalExpression(loop.completionCondition),
  };
}

function nonBlank(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
