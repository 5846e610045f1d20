// How a running complaint's dates were computed, as its steps keep them (date-derivation.ts): the long form for
// `complaint show --explain` and the staff page, the one sentence for the officer's page.
import {
  derivationShortText,
  derivationText,
  type DerivationLanguage,
  type HolidayNames,
} from '../lib/procedure/date-derivation';
import { namedHolidays } from '../lib/procedure/holiday-calendar';
import type { ComplaintState, StepState } from '../lib/domain/complaint-state';

/** The names of the holidays the complaint's derivations pass over (the calendar is asked only when there are some). */
export function holidayNamesOf(state: ComplaintState): HolidayNames {
  const dates = new Set<string>();
  for (const r of state.respondents)
    for (const s of r.steps)
      for (const d of s.derivation ?? [])
        if (d.step === 'counted' || d.step === 'moved')
          for (const day of d.passedOver) if (day.why === 'holiday') dates.add(day.date);
  if (!dates.size) return new Map();
  const names = namedHolidays(state.holidayCalendar, [...dates]);
  // A holiday declared after the complaint started, by the name the procedure gave it.
  for (const [date, name] of Object.entries(state.holidays?.names ?? {}))
    if (dates.has(date)) names.set(date, `${name}, the commission's own holiday`);
  return names;
}

/** The step's derivation, a line a step; none for a step planned before derivations were kept. */
export function explanationLines(state: ComplaintState, step: StepState, names: HolidayNames): string[] {
  return step.derivation ? derivationText(step.derivation, state, names) : [];
}

/** The step's derivation in one sentence, or null. */
export function explanationSentence(
  state: ComplaintState,
  step: StepState,
  names: HolidayNames,
  language: DerivationLanguage = 'en',
): string | null {
  return step.derivation ? derivationShortText(step.derivation, state, names, language) : null;
}
