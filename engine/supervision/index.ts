/**
 * 电子监察, pure: when a time limit's 预警 / 黄牌 / 红牌 fall (rules per matter, process or centre,
 * as data: default-rules.json for the centre, validated by config.ts) and the planning of a limit's
 * due date and signal instants (plan.ts). Public API: everything exported by rules.ts, plan.ts
 * and config.ts.
 */
export * from './rules.js';
export * from './plan.js';
export * from './config.js';
