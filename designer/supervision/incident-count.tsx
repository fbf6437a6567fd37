/** 异常: how many incidents stop cases now, on the board's head, opening 异常处理 (/incidents). */
import './incident-count.css';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.js';

export function IncidentCount() {
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    api<{ open: number }>('/api/incidents/count').then(
      (count) => setOpen(count.open),
      () => setOpen(null),
    );
  }, []);
  if (open === null) return null;
  return (
    <a class={open > 0 ? 'sv-incidents sv-incidents-open' : 'sv-incidents'} href="/incidents" title="打开异常处理">
      异常 {open} 件
    </a>
  );
}
