/**
 * Instants in texts the server writes for people (the 办理记录, refusal messages): Beijing time,
 * `2026-11-16 17:30`, whatever the host's time zone — as the workspace shows every time
 * (designer/shared/format.ts `formatDateTime`), never the UTC the events store.
 */
const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `2026-11-16 17:30`, Beijing time; a text that is no instant as it is. */
export const beijing = (iso: string): string =>
  Number.isNaN(Date.parse(iso)) ? iso : BEIJING.format(new Date(iso)).replace(/\//g, '-');
