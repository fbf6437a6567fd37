/** 电子监察: rules for 预警 / 黄牌 / 红牌 and the planning of a time limit's alerts. */
export * from './rules.js';
export * from './plan.js';
export * from './config.js';
