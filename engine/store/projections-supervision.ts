/**
 * Projections of time limits and 电子监察 signals (filled in with the supervision tables).
 */
import type { Projector } from './projections.js';
import type { RowChange } from './row-changes.js';

const none = (): RowChange[] => [];

export const supervisionProjectors: {
  readonly [K in 'clock.started' | 'clock.paused' | 'clock.resumed' | 'clock.extended' | 'clock.dueChanged' | 'clock.finished' | 'alert.raised' | 'alert.cleared']: Projector<K>;
} = {
  'clock.started': none,
  'clock.paused': none,
  'clock.resumed': none,
  'clock.extended': none,
  'clock.dueChanged': none,
  'clock.finished': none,
  'alert.raised': none,
  'alert.cleared': none,
};
