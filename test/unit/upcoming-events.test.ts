// What `show`, the dashboard and the officer's page list as still to come for a step: only what has not happened,
// only while the step's clock runs, soonest first, in the commission's zone.
import { upcomingEvents } from '../../client/upcoming-events';
import type { ComplaintState, StepState } from '../../lib/domain/complaint-state';

const notice: StepState = {
  stepId: 'notice',
  definitionId: 'notice',
  kind: 'notice',
  demands: ['Send an Action Taken Report'],
  recipient: { name: 'Commissioner', designation: 'Commissioner of Police', email: 'cp@example.org' },
  issuedAt: '2021-05-29T04:30:00Z',
  issuedOn: '2021-05-29',
  dueAt: '2021-06-05T11:30:00Z',
  dueDate: '2021-06-05',
  dueText: 'Saturday 5 June 2021, 17:00 (Asia/Kolkata, UTC+05:30)',
  dueSoonAt: '2021-06-03T04:30:00Z',
  escalatesAt: '2021-06-08T04:30:00Z',
  plannedNext: {
    kind: 'hearing',
    plan: {
      issuedOn: '2021-06-08',
      hearingAt: '2021-06-22T05:30:00Z',
      hearingDate: '2021-06-22',
      hearingText: '',
      hearingDayStartsAt: '2021-06-21T18:30:00Z',
      alertAt: null,
    },
  },
  version: 1,
  status: 'open',
  overdue: false,
  answers: [],
  extensions: [],
  extensionRequests: [],
};

const stateWith = (step: Partial<StepState>, messages: ComplaintState['respondents'][0]['messages'] = []) =>
  ({
    workflowId: 'complaint-X',
    caseReference: 'X',
    subject: 'x',
    timeZone: 'Asia/Kolkata',
    procedureId: 'p',
    stage: 'notice',
    respondents: [
      {
        respondentId: 'delhi-police',
        name: 'Delhi Police',
        status: 'open',
        steps: [{ ...notice, ...step }],
        messages,
      },
    ],
  }) as unknown as ComplaintState;

const kinds = (state: ComplaintState, now: string) =>
  upcomingEvents(state, Date.parse(now)).map((e) => e.kind);

test('an open notice: its due-soon reminder, deadline and escalation, soonest first, in the zone', () => {
  const events = upcomingEvents(stateWith({}), Date.parse('2021-05-30T00:00:00Z'));
  expect(events.map((e) => [e.kind, e.atText, e.what])).toEqual([
    [
      'due-soon-reminder',
      'Thursday 3 June 2021, 10:00 (Asia/Kolkata, UTC+05:30)',
      'due-soon reminder to the officer',
    ],
    ['deadline', 'Saturday 5 June 2021, 17:00 (Asia/Kolkata, UTC+05:30)', 'deadline for the answer'],
    [
      'escalation',
      'Tuesday 8 June 2021, 10:00 (Asia/Kolkata, UTC+05:30)',
      'the lapse issues a summons to appear',
    ],
  ]);
});

test('what has happened is not to come: a reminder sent, a deadline lapsed, an instant passed', () => {
  const sent = [
    {
      kind: 'due-soon-reminder' as const,
      stepId: 'notice',
      version: 1,
      to: 'x',
      scheduledFor: '',
      sentAt: '',
      messageId: '',
    },
  ];
  expect(kinds(stateWith({}, sent), '2021-05-30T00:00:00Z')).toEqual(['deadline', 'escalation']);
  expect(kinds(stateWith({ overdue: true }), '2021-06-06T00:00:00Z')).toEqual(['escalation']);
  expect(kinds(stateWith({}), '2021-06-04T00:00:00Z')).toEqual(['deadline', 'escalation']);
});

test('nothing while the answer waits for review, once the step is closed, or once the complaint is', () => {
  expect(kinds(stateWith({ status: 'answered' }), '2021-05-30T00:00:00Z')).toEqual([]);
  expect(kinds(stateWith({ status: 'closed' }), '2021-05-30T00:00:00Z')).toEqual([]);
  const closed = {
    ...stateWith({}),
    closure: { kind: 'withdrawn', reason: 'x', at: '2021-05-30T00:00:00Z' },
  };
  expect(kinds(closed as ComplaintState, '2021-05-30T00:00:00Z')).toEqual([]);
});

test('a summons: its hearing', () => {
  const summons = stateWith({
    kind: 'summons',
    dueAt: '2021-06-22T05:30:00Z',
    dueSoonAt: null,
    escalatesAt: null,
    hearing: {
      hearingAt: '2021-06-22T05:30:00Z',
      hearingText: '',
      hearingDayStartsAt: '2021-06-21T18:30:00Z',
      rescheduled: [],
      outcomes: [],
    },
  });
  expect(upcomingEvents(summons, Date.parse('2021-06-10T00:00:00Z')).map((e) => [e.kind, e.atText])).toEqual([
    ['hearing', 'Tuesday 22 June 2021, 11:00 (Asia/Kolkata, UTC+05:30)'],
  ]);
});
