/** The matter's flow, read-only: bpmn-js NavigatedViewer (pan and zoom) over the guide's public XML. */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'preact/hooks';
import 'diagram-js/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

export function FlowDiagram({ xml, title }: { xml: string; title: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!container.current) return undefined;
    const viewer = new NavigatedViewer({ container: container.current });
    let live = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (!live) return;
        const canvas = viewer.get<{ zoom(level: string): void }>('canvas');
        canvas.zoom('fit-viewport');
        container.current?.setAttribute('data-rendered', 'true');
      })
      .catch((error: unknown) => {
        console.error(error);
        if (live) setFailed(true);
      });
    return () => {
      live = false;
      viewer.destroy();
    };
  }, [xml]);
  return (
    <figure class="mf-guide-figure">
      <div
        ref={container}
        class="mf-guide-diagram"
        role="img"
        aria-label={`${title}办理流程图`}
        data-testid="flow-diagram"
      />
      {failed ? (
        <p role="alert">流程图无法显示，请参阅下方的办理环节。</p>
      ) : (
        <figcaption class="mf-muted">办理流程图（可拖动、滚轮缩放）</figcaption>
      )}
    </figure>
  );
}
