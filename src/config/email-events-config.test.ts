import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig: delivery-event webhooks (SES_SNS_TOPIC_ARN, MAILGUN_WEBHOOK_SIGNING_KEY)', () => {
  it('leaves both off by default', () => {
    expect(loadConfig({}).emailEvents).toEqual({ ses: undefined, mailgun: undefined });
  });

  it('reads the topic with its region, and the Mailgun key', () => {
    const config = loadConfig({
      SES_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:ses-events',
      MAILGUN_WEBHOOK_SIGNING_KEY: 'key-0123456789abcdef0123456789abcdef',
    });
    expect(config.emailEvents).toEqual({
      ses: { topicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-events', region: 'eu-west-1' },
      mailgun: { signingKey: 'key-0123456789abcdef0123456789abcdef' },
    });
    expect(Object.isFrozen(config.emailEvents)).toBe(true);
  });

  it('refuses what is not a topic ARN, and a short key without echoing it', () => {
    let problems: readonly string[] = [];
    try {
      loadConfig({
        SES_SNS_TOPIC_ARN: 'arn:aws:sqs:eu-west-1:123456789012:queue',
        MAILGUN_WEBHOOK_SIGNING_KEY: 'short',
      });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.startsWith('SES_SNS_TOPIC_ARN:'))).toMatch(/SNS topic ARN/);
    const key = problems.find((p) => p.startsWith('MAILGUN_WEBHOOK_SIGNING_KEY:'));
    expect(key).toMatch(/signing key/);
    expect(key).not.toContain('short');
  });
});
