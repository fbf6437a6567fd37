import { Parser } from 'saxen';
import type { GetContext } from 'saxen';
import type { Finding } from './types.js';
import { MODEL_LIMITS } from './limits.js';

/**
 * Checks that a text is a well-formed, harmless XML document before bpmn-moddle sees it:
 * not empty, not too large, not too deep, no DOCTYPE (entity expansion attacks), tags balanced.
 * Returns the first problem as a finding with its 1-based position, or null when the text is fine.
 */
export function precheckXml(xml: string): Finding | null {
  if (xml.length > MODEL_LIMITS.maxXmlChars) {
    return problem('xml-too-large', `document has ${xml.length} characters, more than the limit of ${MODEL_LIMITS.maxXmlChars}`);
  }
  if (xml.trim() === '') return problem('xml-malformed', 'document is empty', { line: 1, column: 1 });
  return scan(xml);
}

function scan(xml: string): Finding | null {
  const parser = new Parser();
  let found: Finding | null = null;
  let depth = 0;
  let elements = 0;
  const stop = (finding: Finding): void => {
    found ??= finding;
    parser.stop();
  };
  parser.on('attention', (text, _decode, getContext) => {
    if (/^<!(DOCTYPE|ENTITY)/i.test(text)) {
      stop(problem('xml-doctype', 'DOCTYPE and ENTITY declarations are not accepted in BPMN files', at(getContext)));
    }
  });
  parser.on('openTag', (_name, _attrs, _decode, selfClosing, getContext) => {
    elements += 1;
    if (!selfClosing) depth += 1;
    if (depth > MODEL_LIMITS.maxDepth) {
      stop(problem('xml-too-deep', `elements nest deeper than ${MODEL_LIMITS.maxDepth} levels`, at(getContext)));
    } else if (elements > MODEL_LIMITS.maxXmlElements) {
      stop(problem('xml-too-large', `document has more than ${MODEL_LIMITS.maxXmlElements} elements`, at(getContext)));
    }
  });
  parser.on('closeTag', (_name, _decode, selfClosing) => {
    if (!selfClosing) depth -= 1;
  });
  parser.on('error', (err, getContext) => {
    stop(problem('xml-malformed', `XML is not well-formed: ${err.message}`, at(getContext)));
  });
  parser.parse(xml);
  return found;
}

function at(getContext: GetContext): { line: number; column: number } {
  const context = getContext();
  return { line: context.line + 1, column: context.column + 1 };
}

function problem(rule: string, message: string, position?: { line: number; column: number }): Finding {
  return { severity: 'error', rule, elementId: null, message, ...position };
}
