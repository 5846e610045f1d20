// How often one client address may call the routes an attacker would hammer: officers' links (guessing a
// token) and staff sign-in (guessing a password). Over the limit: 429 for the rest of the minute.
export interface RateLimits {
  linkPerMinute: number;
  loginPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { linkPerMinute: 60, loginPerMinute: 10 };

export const perMinute = (max: number) => ({ config: { rateLimit: { max, timeWindow: '1 minute' } } });
