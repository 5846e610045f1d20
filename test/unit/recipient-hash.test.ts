// The workflow's own SHA-256 (its validators check a link's recipient) must agree with Node's on every input.
import { createHash } from 'node:crypto';
import { recipientHash, sha256 } from '../../lib/domain/recipient-hash';

const nodeHash = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);

test('sha256 agrees with node:crypto across block boundaries', () => {
  for (let n = 0; n < 200; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
    expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  }
});

test('a link hash is the same whoever computes it: ASCII, case, spaces, and addresses beyond ASCII', () => {
  for (const email of [
    'commissioner@delhipolice.example',
    '  DCP.CyberCell@DelhiPolice.Example ',
    'अधिकारी@पुलिस.भारत',
    'üñí©ødé😀@example.org',
    '',
  ])
    expect(recipientHash(email)).toBe(nodeHash(email));
});
