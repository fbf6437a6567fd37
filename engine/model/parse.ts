import type { BilingualText, Finding } from './types.js';
import type { ModdleDefinitions } from './moddle-types.js';
import { moddle } from './moddle.js';
import { precheckXml } from './xml-precheck.js';
import { positionInMessage } from './xml-position.js';
import { warningFindings } from './parse-warnings.js';

/** The moddle tree of a BPMN document with the findings of reading it, or why it is unreadable. */
export type ParseResult =
  | { readonly ok: true; readonly definitions: ModdleDefinitions; readonly findings: readonly Finding[] }
  | { readonly ok: false; readonly findings: readonly Finding[] };

/**
 * Parses BPMN XML into bpmn-moddle definitions (with the gov extension).
 *
 * Hostile or broken input (empty, binary, DOCTYPE, too large or deep, not BPMN) is refused by a
 * pre-check or by moddle and reported as a finding with its position; this never throws.
 */
export async function parseBpmn(xml: string): Promise<ParseResult> {
  const refused = precheckXml(xml);
  if (refused) return { ok: false, findings: [refused] };
  try {
    const result = await moddle().fromXML(xml, 'bpmn:Definitions');
    const definitions = result.rootElement as ModdleDefinitions | undefined;
    if (!definitions || definitions.$type !== 'bpmn:Definitions') {
      return {
        ok: false,
        findings: [
          notBpmn({
            zh: '根元素不是 <bpmn:definitions>：这不是 BPMN 文件',
            en: 'the root element is not <bpmn:definitions>',
          }),
        ],
      };
    }
    return { ok: true, definitions, findings: warningFindings(result.warnings) };
  } catch (error) {
    return { ok: false, findings: [fromError(error)] };
  }
}

function fromError(error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error);
  if (/failed to parse document as/.test(message)) {
    return notBpmn({
      zh: '根元素不是 BPMN 2.0 模型命名空间的 <bpmn:definitions>：这不是 BPMN 2.0 文件',
      en: 'the root element is not <bpmn:definitions> in the BPMN 2.0 model namespace',
    });
  }
  const position = positionInMessage(message);
  const summary = message.split('\n')[0] ?? message;
  const nested = /nested error: (.*)/.exec(message)?.[1];
  return {
    severity: 'error',
    rule: 'xml-malformed',
    elementId: null,
    message: {
      zh: `XML 无法读取：${nested ? `${summary} (${nested})` : summary}`,
      en: nested ? `${summary} (${nested})` : summary,
    },
    ...position,
  };
}

function notBpmn(message: BilingualText): Finding {
  return { severity: 'error', rule: 'xml-not-bpmn', elementId: null, message, line: 1, column: 1 };
}
