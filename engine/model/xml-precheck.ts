import { Parser } from 'saxen';
import type { GetContext } from 'saxen';
import type { BilingualText, Finding } from './types.js';
import { MODEL_LIMITS } from './limits.js';

/**
 * Checks that a text is a well-formed, harmless XML document before bpmn-moddle sees it:
 * not empty, not too large, not too deep, not too many elements, no DOCTYPE (entity expansion
 * attacks), tags balanced. Returns the first problem as a finding with its 1-based position, or
 * null when the text is fine. Its cost is one streaming scan that stops at the first problem.
 */
export function precheckXml(xml: string): Finding | null {
  if (xml.length > MODEL_LIMITS.maxXmlChars) {
    return problem('xml-too-large', {
      zh: `文件有 ${xml.length} 个字符，超过上限 ${MODEL_LIMITS.maxXmlChars} 个`,
      en: `document has ${xml.length} characters, more than the limit of ${MODEL_LIMITS.maxXmlChars}`,
    });
  }
  if (xml.trim() === '')
    return problem('xml-malformed', { zh: '文件是空的', en: 'document is empty' }, { line: 1, column: 1 });
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
      stop(
        problem(
          'xml-doctype',
          {
            zh: 'BPMN 文件中不接受 DOCTYPE 和 ENTITY 声明',
            en: 'DOCTYPE and ENTITY declarations are not accepted in BPMN files',
          },
          at(getContext),
        ),
      );
    }
  });
  parser.on('openTag', (_name, _attrs, _decode, selfClosing, getContext) => {
    elements += 1;
    if (!selfClosing) depth += 1;
    if (depth > MODEL_LIMITS.maxDepth) {
      stop(
        problem(
          'xml-too-deep',
          {
            zh: `元素嵌套超过 ${MODEL_LIMITS.maxDepth} 层`,
            en: `elements nest deeper than ${MODEL_LIMITS.maxDepth} levels`,
          },
          at(getContext),
        ),
      );
    } else if (elements > MODEL_LIMITS.maxXmlElements) {
      stop(tooManyElements(Math.max(elements, countStartTags(xml)), MODEL_LIMITS.maxXmlElements, at(getContext)));
    }
  });
  parser.on('closeTag', (_name, _decode, selfClosing) => {
    if (!selfClosing) depth -= 1;
  });
  parser.on('error', (err, getContext) => {
    stop(
      problem(
        'xml-malformed',
        { zh: `XML 格式错误：${err.message}`, en: `XML is not well-formed: ${err.message}` },
        at(getContext),
      ),
    );
  });
  parser.parse(xml);
  return found;
}

/** `xml-too-many-elements`, at the first element past the limit; the message names the count and the limit. */
function tooManyElements(count: number, limit: number, position: { line: number; column: number }): Finding {
  return problem(
    'xml-too-many-elements',
    {
      zh: `模型有 ${count} 个 XML 元素，超过上限 ${limit} 个`,
      en: `the document has ${count} XML elements, more than the limit of ${limit}`,
    },
    position,
  );
}

/**
 * The start tags in a text by a linear scan (comments, CDATA, processing instructions and end
 * tags skipped): the element count for the message, without a parser's per-element work.
 */
export function countStartTags(xml: string): number {
  let count = 0;
  let at = xml.indexOf('<');
  while (at !== -1) {
    const next = xml.charCodeAt(at + 1);
    let resume = at + 1;
    if (xml.startsWith('<!--', at)) resume = skipPast(xml, '-->', at + 4);
    else if (xml.startsWith('<![CDATA[', at)) resume = skipPast(xml, ']]>', at + 9);
    else if (next === QUESTION) resume = skipPast(xml, '?>', at + 2);
    else if (next !== SLASH && next !== BANG) count += 1;
    if (resume === -1) break;
    at = xml.indexOf('<', resume);
  }
  return count;
}

const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

function skipPast(xml: string, end: string, from: number): number {
  const found = xml.indexOf(end, from);
  return found === -1 ? -1 : found + end.length;
}

function at(getContext: GetContext): { line: number; column: number } {
  const context = getContext();
  return { line: context.line + 1, column: context.column + 1 };
}

function problem(rule: string, message: BilingualText, position?: { line: number; column: number }): Finding {
  return { severity: 'error', rule, elementId: null, message, ...position };
}
