/**
 * Labels keep their words whole in the boxes other modelers sized. A label box in a file is the
 * width its author's modeler measured the text at (the Camunda Modeler rounds Arial's width, and
 * older versions measured with SVG): drawn again with the same metrics, a word can come out a
 * fraction of a pixel wider than its box, and bpmn-js then cuts it ("ye/s", "Approved/?"). This
 * module lays every label out in its box plus a small tolerance, taken from the box's padding so
 * the text stays centred where it was.
 */
import type TextRenderer from 'bpmn-js/lib/draw/TextRenderer';

/** Pixels a line may exceed its box before bpmn-js breaks it: more than rounding, less than a character. */
const TOLERANCE = 2;

type Padding = number | { top?: number; right?: number; bottom?: number; left?: number };
interface TextOptions {
  box?: { width?: number } & Record<string, unknown>;
  padding?: Padding;
  [key: string]: unknown;
}

class LabelTolerance {
  static $inject = ['textRenderer'];

  constructor(textRenderer: TextRenderer) {
    const renderer = textRenderer as unknown as { createText(text: string, options?: TextOptions): SVGElement };
    const createText = renderer.createText.bind(renderer);
    renderer.createText = (text, options = {}) => createText(text, widened(options));
  }
}

/** The options with the box `TOLERANCE` wider and half of it taken from each side's padding. */
function widened(options: TextOptions): TextOptions {
  const width = options.box?.width;
  if (typeof width !== 'number') return options;
  const padding = sides(options.padding);
  return {
    ...options,
    box: { ...options.box, width: width + TOLERANCE },
    padding: { ...padding, left: padding.left - TOLERANCE / 2, right: padding.right - TOLERANCE / 2 },
  };
}

function sides(padding: Padding | undefined): { top: number; right: number; bottom: number; left: number } {
  if (typeof padding === 'number') return { top: padding, right: padding, bottom: padding, left: padding };
  return { top: padding?.top ?? 0, right: padding?.right ?? 0, bottom: padding?.bottom ?? 0, left: padding?.left ?? 0 };
}

/** The bpmn-js additional module. */
export const labelToleranceModule = {
  __init__: ['labelTolerance'],
  labelTolerance: ['type', LabelTolerance],
};
