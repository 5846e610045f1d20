// The officer's link: the email is the officer's whole interface, and this token is their only credential.
// It is signed (HMAC-SHA256 with the link secret), bound to one complaint, respondent, step and recipient,
// and checked in constant time. It expires when its step closes (the web app checks the workflow's state).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { recipientHash } from '../domain/recipient-hash';

export { recipientHash };

export interface AnswerLinkClaims {
  workflowId: string;
  respondentId: string;
  stepId: string;
  /** The recipient's email address; the token carries only a hash of it. */
  recipient: string;
}

export interface VerifiedAnswerLink {
  workflowId: string;
  respondentId: string;
  stepId: string;
  recipientHash: string;
}

const VERSION = 'a1';

export class AnswerLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly publicBaseUrl: string,
  ) {
    // Derive a key for this purpose only, so the same secret can never sign anything else interchangeably.
    this.key = createHmac('sha256', secret).update('complaint-deadlines/answer-link').digest();
  }

  sign(claims: AnswerLinkClaims): string {
    const body = Buffer.from(
      JSON.stringify([
        VERSION,
        claims.workflowId,
        claims.respondentId,
        claims.stepId,
        recipientHash(claims.recipient),
      ]),
    ).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  urlFor(token: string): string {
    return `${this.publicBaseUrl}/answer/${token}`;
  }

  /** The claims of a genuine token, or null for anything forged, tampered with or malformed. */
  verify(token: string): VerifiedAnswerLink | null {
    if (typeof token !== 'string' || token.length > 1024) return null;
    const [body, mac, ...rest] = token.split('.');
    if (!body || !mac || rest.length) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== VERSION) return null;
      if (!parsed.every((p) => typeof p === 'string')) return null;
      const [, workflowId, respondentId, stepId, hash] = parsed;
      return { workflowId: workflowId!, respondentId: respondentId!, stepId: stepId!, recipientHash: hash! };
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/**
 * The Update ID for an officer's action through `token`: a double click or a retried POST is recorded once.
 * `detail` distinguishes actions that may rightly happen more than once (a second, different request).
 */
export function linkUpdateId(
  token: string,
  action:
    | 'answer'
    | 'request-extension'
    | 'acknowledge'
    | 'request-clock-stop'
    | 'interim-reply'
    | 'acknowledge-transfer',
  detail = '',
): string {
  const digest = createHash('sha256')
    .update(`${action}\n${token}\n${detail}`)
    .digest('base64url')
    .slice(0, 32);
  return `${action}-${digest}`;
}

/** The first officer's link in a message's text (what an officer clicks), or null when there is none. */
export function findAnswerLink(text: string): string | null {
  return /https?:\/\/\S+\/answer\/[A-Za-z0-9_.-]+/.exec(text)?.[0] ?? null;
}
