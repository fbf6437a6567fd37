/**
 * Generate the diagram (BPMNDiagram / BPMNShape / BPMNEdge) of the shipped processes with
 * bpmn-auto-layout, so they open in bpmn-js; the semantics are written by hand and kept as they
 * are, byte for byte (gov attributes included), only the DI after them is replaced.
 *
 *   npx tsx scripts/layout-processes.ts            # every processes/*.bpmn, in place
 *   npx tsx scripts/layout-processes.ts FILE ...   # the files given
 *
 * Idempotent: the existing DI is dropped before laying out, and the layout is deterministic.
 * bpmn-auto-layout 1.x lays out the first process of a file only and draws sub-processes
 * collapsed while putting their content in the parent's plane (overlapping it); so each
 * process of a file is laid out in turn, and the content of every sub-process is moved to a
 * plane of its own (the drill-down diagram bpmn-js expects for a collapsed sub-process). No
 * lanes: bpmn-auto-layout drops them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import { layoutProcess } from 'bpmn-auto-layout';

const DI_NAMESPACES: Readonly<Record<string, string>> = {
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
};

interface ModdleNode {
  readonly $type: string;
  readonly id?: string;
  flowElements?: ModdleNode[];
  rootElements?: ModdleNode[];
}

/** The file without its diagrams: the hand-written semantics. */
export function semanticsOf(xml: string): string {
  return xml.replace(/\n?[ \t]*<bpmndi:BPMNDiagram\b[\s\S]*?<\/bpmndi:BPMNDiagram>/g, '');
}

/** Lay out every process of a BPMN file; returns the file with fresh DI (semantics untouched). */
export async function layoutBpmn(xml: string): Promise<string> {
  const semantics = semanticsOf(xml);
  const moddle = new BpmnModdle();
  const { rootElement } = await moddle.fromXML(semantics);
  const definitions = rootElement as ModdleNode;
  const roots = definitions.rootElements ?? [];
  const processes = roots.filter((element) => element.$type === 'bpmn:Process');
  const diagrams: string[] = [];
  for (const process of processes) {
    definitions.rootElements = [process, ...roots.filter((element) => element !== process)];
    const { xml: input } = await moddle.toXML(definitions, { format: true });
    const laidOut = await layoutProcess(input);
    diagrams.push(...planes(process, diBlocks(laidOut)));
  }
  definitions.rootElements = roots;
  return withDiagrams(semantics, diagrams);
}

/** Every BPMNShape / BPMNEdge of a laid-out file, by the element it draws, in document order. */
function diBlocks(xml: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of xml.matchAll(
    /^[ \t]*<bpmndi:(BPMNShape|BPMNEdge)\b[^>]*\bbpmnElement="([^"]+)"[\s\S]*?<\/bpmndi:\1>/gm,
  )) {
    blocks.set(match[2]!, match[0].trim());
  }
  return blocks;
}

/** One diagram for the process and one per sub-process (depth first), each with its own elements. */
function planes(process: ModdleNode, blocks: Map<string, string>): string[] {
  const result: string[] = [];
  const visit = (container: ModdleNode) => {
    const elements = container.flowElements ?? [];
    const own = elements
      .map((element) => blocks.get(element.id ?? ''))
      .filter((block): block is string => block !== undefined);
    const id = container.id ?? '';
    result.push(
      [
        `  <bpmndi:BPMNDiagram id="BPMNDiagram_${id}">`,
        `    <bpmndi:BPMNPlane id="BPMNPlane_${id}" bpmnElement="${id}">`,
        ...own.map((block) => indent(block, 6)),
        '    </bpmndi:BPMNPlane>',
        '  </bpmndi:BPMNDiagram>',
      ].join('\n'),
    );
    for (const element of elements) if (element.$type === 'bpmn:SubProcess') visit(element);
  };
  visit(process);
  return result;
}

function indent(block: string, spaces: number): string {
  const lines = block.split('\n').map((line) => line.trim());
  const pad = ' '.repeat(spaces);
  return lines.map((line, i) => (i === 0 || i === lines.length - 1 ? pad : `${pad}  `) + line).join('\n');
}

/** The semantics with the DI namespaces declared and the diagrams before the closing tag. */
function withDiagrams(semantics: string, diagrams: readonly string[]): string {
  let xml = semantics;
  const open = /<((?:[\w-]+:)?definitions)\b([^>]*)>/.exec(xml);
  if (!open) throw new Error('Expected a BPMN definitions element');
  const missing = Object.entries(DI_NAMESPACES)
    .filter(([prefix]) => !new RegExp(`\\sxmlns:${prefix}=`).test(open[2]!))
    .map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`)
    .join('');
  xml = xml.replace(open[0], `<${open[1]}${missing}${open[2]}>`);
  const close = new RegExp(`\\s*</${open[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>\\s*$`);
  return xml.replace(close, () => `\n${diagrams.join('\n')}\n</${open[1]}>\n`);
}

/** The shipped BPMN files. */
export function shippedBpmnFiles(
  dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'processes'),
): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.bpmn'))
    .sort()
    .map((name) => path.join(dir, name));
}

async function main(files: readonly string[]): Promise<void> {
  for (const file of files.length > 0 ? files : shippedBpmnFiles()) {
    const before = fs.readFileSync(file, 'utf8');
    const after = await layoutBpmn(before);
    if (after !== before) fs.writeFileSync(file, after);
    console.log(`${after === before ? 'unchanged' : 'laid out '} ${path.relative(process.cwd(), file)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
