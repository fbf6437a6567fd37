/** Files in and out of the modeler: local .bpmn files in their declared encoding, downloads, DI detection, import errors in Chinese. */

const DI_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/DI';

/**
 * The text of a local BPMN file in the encoding its XML declaration names (several MIWG
 * reference models are ISO-8859-1); UTF-8 when it names none or one the browser lacks.
 */
export function decodeXml(bytes: ArrayBuffer): string {
  const head = new TextDecoder('latin1').decode(bytes.slice(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

/**
 * Whether the XML has processes but no diagram to show them (a file written by a tool):
 * bpmn-js cannot display it until it is laid out.
 */
export function lacksDiagram(xml: string): boolean {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) return false;
  const shapes =
    document.getElementsByTagNameNS(DI_NAMESPACE, 'BPMNShape').length +
    document.getElementsByTagNameNS(DI_NAMESPACE, 'BPMNEdge').length;
  const hasProcess = [...document.documentElement.children].some(
    (child) => child.localName === 'process' || child.localName === 'collaboration',
  );
  return hasProcess && shapes === 0;
}

/** Offer `content` as a download named `fileName`. */
export function download(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A safe file name from a process or draft name. */
export const fileNameOf = (name: string): string =>
  (name.trim() || 'diagram').replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);

/** Why bpmn-js could not import a file, in Chinese, with the line and column where known. */
export function importErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (
    /failed to parse document as <bpmn:Definitions>/.test(message) ||
    /没有可显示的流程或协作|no process or collaboration/.test(message)
  )
    return '无法打开：不是 BPMN 2.0 文件（根元素须为 bpmn:definitions）';
  if (/no diagram to display|没有要显示的图表/.test(message)) return '无法打开：文件中没有可显示的图形';
  const position = /line:\s*(\d+)\s*\n?\s*column:\s*(\d+)/.exec(message);
  const where = position ? `（第 ${Number(position[1]) + 1} 行，第 ${Number(position[2]) + 1} 列）` : '';
  if (/unparsable content|unclosed|unexpected|non-whitespace|missing|Unexpected end|mismatch/i.test(message))
    return `无法打开：XML 格式错误${where}`;
  return `无法打开：文件无法读取${where}`;
}
