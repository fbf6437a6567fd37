/**
 * Every page of the browser workspace: its address, its bundle (designer/<entry>/main.ts, built
 * to dist/<entry>.js and .css), its title, and who the navigation offers it to. The server serves
 * one HTML shell per route from this list; the build bundles one entry per distinct `entry`.
 * Pages are static: what a user may see and do is decided by the API behind them.
 */
export type PageAudience =
  'public' | 'authenticated' | readonly ('admin' | 'window' | 'department' | 'auditor' | 'supervisor' | 'applicant')[];

export interface Page {
  /** Express-style route, e.g. `/audit/cases/:caseId`. */
  readonly route: string;
  readonly entry: string;
  readonly title: string;
  readonly audience: PageAudience;
  /** Shown in the top navigation (to its audience) with this label. */
  readonly nav?: string;
}

export const PAGES: readonly Page[] = [
  { route: '/', entry: 'home', title: '首页', audience: 'public' },
  { route: '/login', entry: 'login', title: '登录', audience: 'public' },
  { route: '/worklist', entry: 'worklist', title: '待办事项', audience: ['window', 'department'], nav: '待办' },
  { route: '/worklist/tasks/:taskId', entry: 'worklist', title: '办理', audience: ['window', 'department'] },
  { route: '/worklist/handled', entry: 'worklist', title: '已办事项', audience: ['window', 'department'], nav: '已办' },
  { route: '/worklist/cases/:caseId', entry: 'worklist', title: '办件详情', audience: ['window', 'department'] },
  { route: '/reception', entry: 'worklist', title: '窗口收件', audience: ['window'], nav: '收件' },
  { route: '/audit', entry: 'audit', title: '审计查询', audience: ['auditor', 'supervisor', 'admin'], nav: '审计' },
  { route: '/audit/cases/:caseId', entry: 'replay', title: '办件回放', audience: ['auditor', 'supervisor', 'admin'] },
  { route: '/supervision', entry: 'supervision', title: '电子监察', audience: ['supervisor', 'admin'], nav: '监察' },
  {
    route: '/designer',
    entry: 'modeler',
    title: '流程设计器',
    audience: ['admin', 'auditor', 'supervisor'],
    nav: '流程设计',
  },
  { route: '/matters', entry: 'matters', title: '事项管理', audience: ['admin'], nav: '事项' },
  { route: '/matters/:code', entry: 'matters', title: '事项编辑', audience: ['admin'] },
  { route: '/users', entry: 'users', title: '用户管理', audience: ['admin'], nav: '用户' },
  { route: '/calendar', entry: 'calendar', title: '工作日历', audience: ['admin', 'supervisor'], nav: '日历' },
  { route: '/incidents', entry: 'incidents', title: '异常处理', audience: ['admin', 'supervisor'], nav: '异常' },
  { route: '/guide', entry: 'guide', title: '办事指南', audience: 'public', nav: '办事指南' },
  { route: '/guide/:code', entry: 'guide', title: '办事指南', audience: 'public' },
  { route: '/apply', entry: 'applicant', title: '网上申报', audience: ['applicant'], nav: '网上申报' },
  { route: '/apply/:code', entry: 'applicant', title: '网上申报', audience: ['applicant'] },
  { route: '/my-cases', entry: 'applicant', title: '我的办件', audience: ['applicant'], nav: '我的办件' },
  { route: '/my-cases/:caseId', entry: 'applicant', title: '办件详情', audience: ['applicant'] },
  { route: '/my-cases/:caseId/correction', entry: 'applicant', title: '补正材料', audience: ['applicant'] },
  { route: '/my-cases/:caseId/rating', entry: 'applicant', title: '评价', audience: ['applicant'] },
  { route: '/progress', entry: 'progress', title: '进度查询', audience: 'public', nav: '进度查询' },
  { route: '/papers/:caseId/receipt', entry: 'papers', title: '回执', audience: 'authenticated' },
  { route: '/papers/:caseId/result-notice', entry: 'papers', title: '办结通知书', audience: 'authenticated' },
];

/** The distinct bundles, in page order. */
export const ENTRIES: readonly string[] = [...new Set(PAGES.map((page) => page.entry))];
