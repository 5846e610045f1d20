import { AnswerLinks, linkUpdateId, recipientHash } from '../../lib/mail/answer-links';

const links = new AnswerLinks('unit-test-secret-0123456789abcdef0123456789', 'https://commission.example');
const claims = {
  workflowId: 'complaint-NCPCR-2021-05-0291',
  respondentId: 'delhi-police',
  stepId: 'notice-1',
  recipient: 'Officer@Police.example',
};

test('a signed link verifies to its complaint, respondent, step and recipient', () => {
  const token = links.sign(claims);
  expect(links.urlFor(token)).toBe(`https://commission.example/answer/${token}`);
  expect(links.verify(token)).toEqual({
    workflowId: claims.workflowId,
    respondentId: 'delhi-police',
    stepId: 'notice-1',
    recipientHash: recipientHash('officer@police.example'),
  });
  expect(token).not.toContain('Officer@Police.example');
  expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toMatch(/police\.example/i);
});

test('forged, tampered and malformed tokens are refused', () => {
  const token = links.sign(claims);
  const [body, mac] = token.split('.') as [string, string];
  const otherStep = Buffer.from(
    Buffer.from(body, 'base64url').toString().replace('notice-1', 'notice-2'),
  ).toString('base64url');
  expect(links.verify(`${otherStep}.${mac}`)).toBeNull(); // cross-step: the signature no longer matches
  expect(links.verify(`${body}.${mac.slice(0, -2)}xx`)).toBeNull();
  expect(links.verify(`${body}.${mac}.extra`)).toBeNull();
  expect(links.verify(body)).toBeNull();
  expect(links.verify('')).toBeNull();
  expect(links.verify('x'.repeat(5000))).toBeNull();
  const otherSecret = new AnswerLinks(
    'another-secret-0123456789abcdef0123456789',
    'https://commission.example',
  );
  expect(otherSecret.verify(token)).toBeNull();
});

test('tokens for different steps differ, and the update ID derived from a token is stable', () => {
  const a = links.sign(claims);
  const b = links.sign({ ...claims, stepId: 'notice-2' });
  expect(a).not.toBe(b);
  expect(linkUpdateId(a, 'answer')).toBe(linkUpdateId(a, 'answer'));
  expect(linkUpdateId(a, 'answer')).not.toBe(linkUpdateId(b, 'answer'));
  expect(linkUpdateId(a, 'answer')).not.toBe(linkUpdateId(a, 'acknowledge'));
  expect(linkUpdateId(a, 'request-extension', 'one')).not.toBe(linkUpdateId(a, 'request-extension', 'two'));
});
