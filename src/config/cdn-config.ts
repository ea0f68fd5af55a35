import { z } from 'zod';

/**
 * The CDN in front of the site (CDN_PURGE): which one, and what its purge API needs. Pages
 * always carry their tags (Surrogate-Key, Cache-Tag); with CDN_PURGE set, a change purges them.
 */
export const cdnEnv = {
  CDN_PURGE: z.enum(['fastly', 'cloudflare']).optional(),
  FASTLY_API_TOKEN: z.string().min(1).optional(),
  FASTLY_SERVICE_ID: z.string().min(1).optional(),
  CLOUDFLARE_API_TOKEN: z.string().min(1).optional(),
  CLOUDFLARE_ZONE_ID: z.string().min(1).optional(),
  /** A stand-in for the provider's API (tests); refused in production. */
  CDN_API_BASE: z
    .string()
    .refine(
      (value) => /^https?:\/\/[^/]/.test(value) && URL.canParse(value),
      'must be an http(s) URL',
    )
    .optional(),
};

export type CdnConfig =
  | {
      readonly provider: 'fastly';
      readonly apiToken: string;
      readonly serviceId: string;
      readonly apiBase: string | undefined;
    }
  | {
      readonly provider: 'cloudflare';
      readonly apiToken: string;
      readonly zoneId: string;
      readonly apiBase: string | undefined;
    }
  | undefined;

type CdnEnv = { [K in keyof typeof cdnEnv]?: string | undefined } & { NODE_ENV: string };

/** The CDN settings, or the problems with them (each naming its variable). */
export function cdnConfig(env: CdnEnv, problems: string[]): CdnConfig {
  if (env.CDN_API_BASE && env.NODE_ENV === 'production') {
    problems.push('CDN_API_BASE: a CDN stand-in is for tests only; unset it in production');
  }
  const need = (name: keyof typeof cdnEnv): string => {
    const value = env[name];
    if (!value) problems.push(`${name}: must be set when CDN_PURGE=${env.CDN_PURGE}`);
    return value ?? '';
  };
  if (env.CDN_PURGE === 'fastly') {
    return Object.freeze({
      provider: 'fastly',
      apiToken: need('FASTLY_API_TOKEN'),
      serviceId: need('FASTLY_SERVICE_ID'),
      apiBase: env.CDN_API_BASE,
    });
  }
  if (env.CDN_PURGE === 'cloudflare') {
    return Object.freeze({
      provider: 'cloudflare',
      apiToken: need('CLOUDFLARE_API_TOKEN'),
      zoneId: need('CLOUDFLARE_ZONE_ID'),
      apiBase: env.CDN_API_BASE,
    });
  }
  return undefined;
}
