// An officer told that the complaint closed for them (withdrawn, disposed of, transferred to another body) is told
// in the letters' languages, as every other message of the procedure is.
import { renderOfficerUpdate, type OfficerUpdateContent } from '../../lib/mail/officer-updates';

const closed = (extra: Partial<OfficerUpdateContent>) =>
  renderOfficerUpdate({
    kind: 'complaint-closed',
    caseReference: 'NCPCR/2021/05/0291',
    subject: 'Subject',
    commissionName: 'NCPCR',
    respondentName: 'Delhi Police',
    recipient: { name: 'The DCP', designation: 'DCP' },
    demands: ['Appear'],
    timeZone: 'Asia/Kolkata',
    answerUrl: 'http://answers.test/a',
    decidedAt: '2021-06-20T05:30:00Z',
    ...extra,
  });

test('a transfer is told in English and Hindi, the hearing with it', () => {
  const told = closed({
    closedAs: 'transferred',
    hearingAt: '2021-06-29T05:30:00Z',
    languages: ['en', 'hi'],
  });
  expect(told.subject).toMatch(/^Complaint transferred NCPCR/);
  expect(told.text).toContain('transferred this complaint, as it concerns you, to another body');
  expect(told.text).toContain('शिकायत अंतरित की गई');
  expect(told.text).toContain('सुनवाई नहीं होगी');
});

test('a withdrawal and a disposal are told in Hindi too; in English alone when the letters are', () => {
  expect(closed({ closedAs: 'withdrawn', languages: ['en', 'hi'] }).text).toContain('शिकायत वापस ली गई');
  expect(closed({ closedAs: 'disposed', languages: ['en', 'hi'] }).text).toContain(
    'शिकायत का निपटारा किया गया',
  );
  expect(closed({ closedAs: 'disposed', languages: ['en'] }).text).not.toMatch(/[\u0900-\u097F]/);
});
