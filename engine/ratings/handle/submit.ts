/** rating.submit: an applicant rates a case (一事一评) or a counter visit (一次一评). */
import { CHANNELS, RATING_MODES } from '../commands.js';
import { event, reject, requireText, type RatingContext, type RatingHandler, type RatingRejection } from '../decide.js';
import type { RatingEvent } from '../events.js';
import { isBadLevel, isLevel, LEVELS } from '../levels.js';

export const submitRating: RatingHandler<'rating.submit'> = (context, { actor, data }) => {
  const invalid = validate(data);
  if (invalid) return invalid;
  if (context.alreadyRated !== null) {
    const what = data.mode === '一事一评' ? `case '${data.caseId}'` : `visit '${data.visitId ?? ''}'`;
    return reject(
      'ALREADY_RATED',
      `Expected ${what} not rated yet (${data.mode}), but rating '${context.alreadyRated}' rates it`,
    );
  }
  const ratingId = context.ids();
  const events: RatingEvent[] = [
    event(context, actor, 'rating.submitted', {
      ratingId,
      caseId: data.caseId,
      matterCode: data.matterCode,
      department: data.department,
      officer: data.officer,
      channel: data.channel,
      mode: data.mode,
      visitId: data.visitId ?? null,
      level: data.level,
      dimensions: { ...(data.dimensions ?? {}) },
      text: data.text ?? null,
    }),
  ];
  if (isBadLevel(data.level)) events.push(openRectification(context, actor));
  return events;
};

/** A 差评 opens a rectification due `rectificationDays` working days from the rating. */
function openRectification(context: RatingContext, actor: string): RatingEvent {
  const workingDays = context.rectificationDays;
  const { dueAt, provisional } = context.calendar.due(context.now, workingDays, '工作日');
  return event(context, actor, 'rectification.opened', {
    rectificationId: context.ids(),
    workingDays,
    dueAt,
    provisional,
  });
}

type SubmitData = Parameters<RatingHandler<'rating.submit'>>[1]['data'];

function validate(data: SubmitData): RatingRejection | undefined {
  for (const field of ['caseId', 'matterCode', 'department', 'officer'] as const) {
    const missing = requireText(field, data[field]);
    if (missing) return missing;
  }
  if (!(CHANNELS as readonly unknown[]).includes(data.channel)) {
    return reject(
      'INVALID_ARGUMENT',
      `Expected channel to be one of ${CHANNELS.join(', ')}, but got ${JSON.stringify(data.channel)}`,
    );
  }
  if (!(RATING_MODES as readonly unknown[]).includes(data.mode)) {
    return reject('INVALID_ARGUMENT', `Expected mode to be 一事一评 or 一次一评, but got ${JSON.stringify(data.mode)}`);
  }
  if (data.mode === '一次一评') {
    const missing = requireText('visitId (一次一评 rates one counter visit)', data.visitId);
    if (missing) return missing;
  } else if (data.visitId !== undefined) {
    return reject('INVALID_ARGUMENT', `Expected no visitId for 一事一评 (once per case), but got '${data.visitId}'`);
  }
  if (!isLevel(data.level)) return notALevel('level', data.level);
  for (const [name, level] of Object.entries(data.dimensions ?? {})) {
    if (!isLevel(level)) return notALevel(`dimension ${name}`, level);
  }
  if (data.text !== undefined && typeof data.text !== 'string')
    return reject('INVALID_ARGUMENT', 'Expected text to be a string, but it is not');
  return undefined;
}

function notALevel(name: string, value: unknown): RatingRejection {
  return reject(
    'INVALID_ARGUMENT',
    `Expected ${name} to be a label (${LEVELS.join(', ')}), but got ${JSON.stringify(value)}`,
  );
}
