/**
 * What the calendar throws. Each error has a stable `code` (MatterflowError), so callers switch
 * on the code, never on the message.
 */
import { MatterflowError } from '../errors.js';

/** A question touched a year without official holiday data and the calendar is set to refuse. */
export class CalendarYearMissingError extends MatterflowError {
  static readonly CODE = 'CALENDAR_YEAR_MISSING';
  /** The first year found without data. */
  readonly year: number;

  constructor(year: number) {
    super(
      CalendarYearMissingError.CODE,
      `Expected official holiday data for ${year}, but the calendar has none: import the State Council's notice for ${year}`,
    );
    this.year = year;
  }
}

/** Calendar data to import (or a correction) is malformed; `field` names the offending part. */
export class CalendarImportError extends MatterflowError {
  static readonly CODE = 'CALENDAR_IMPORT_INVALID';
  readonly field: string;

  constructor(field: string, message: string) {
    super(CalendarImportError.CODE, `${field}: ${message}`);
    this.field = field;
  }
}

/** An argument of a calendar question is malformed (not an instant, a negative amount, …). */
export class CalendarInputError extends MatterflowError {
  static readonly CODE = 'CALENDAR_INPUT_INVALID';
  readonly field: string;

  constructor(field: string, message: string) {
    super(CalendarInputError.CODE, `${field}: ${message}`);
    this.field = field;
  }
}
