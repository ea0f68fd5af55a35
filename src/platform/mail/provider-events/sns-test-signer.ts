import { execFileSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snsStringToSign } from './sns.js';

/**
 * Test support (used by the SNS unit tests and the webhook HTTP tests, never by the app): a
 * self-signed certificate made with the openssl CLI, and SNS messages signed with its key exactly
 * as Amazon signs them. Nothing about the verification is stubbed: tests hand the verifier this
 * certificate through its fetcher.
 */
export interface TestCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/** A fresh RSA key and a self-signed certificate valid from now for `days`. */
export function makeTestCertificate(options: { days?: number } = {}): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-sns-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync(
      '/usr/bin/openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        String(options.days ?? 2),
        '-subj',
        '/CN=sns.amazonaws.com',
      ],
      { stdio: 'ignore' },
    );
    return {
      certificatePem: readFileSync(certFile, 'utf8'),
      privateKeyPem: readFileSync(keyFile, 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const testTopicArn = 'arn:aws:sns:eu-west-1:123456789012:masthead-ses-events';
export const testCertUrl =
  'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem';

export interface SnsMessageInput {
  type?: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  message: string;
  timestamp: Date;
  privateKeyPem: string;
  topicArn?: string;
  certUrl?: string;
  signatureVersion?: '1' | '2';
  subject?: string;
  messageId?: string;
}

/** An SNS HTTP(S) delivery body, signed with the given key (SignatureVersion 2 by default). */
export function signedSnsMessage(input: SnsMessageInput): Record<string, string> {
  const type = input.type ?? 'Notification';
  const topicArn = input.topicArn ?? testTopicArn;
  const version = input.signatureVersion ?? '2';
  const message: Record<string, string> = {
    Type: type,
    MessageId: input.messageId ?? `msg-${Math.random().toString(36).slice(2)}`,
    TopicArn: topicArn,
    Message: input.message,
    Timestamp: input.timestamp.toISOString(),
    SignatureVersion: version,
    SigningCertURL: input.certUrl ?? testCertUrl,
  };
  if (input.subject !== undefined) message.Subject = input.subject;
  if (type !== 'Notification') {
    const region = topicArn.split(':')[3] ?? 'eu-west-1';
    message.Token = 'token-0123456789abcdef';
    message.SubscribeURL = `https://sns.${region}.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=token-0123456789abcdef`;
  }
  const toSign = snsStringToSign(message as unknown as Parameters<typeof snsStringToSign>[0]);
  message.Signature = sign(
    version === '1' ? 'sha1' : 'sha256',
    Buffer.from(toSign, 'utf8'),
    input.privateKeyPem,
  ).toString('base64');
  return message;
}

/** An SES bounce notification's Message. */
export function sesBounce(options: {
  addresses: string[];
  bounceType?: 'Permanent' | 'Transient' | 'Undetermined';
  timestamp?: string;
}): string {
  return JSON.stringify({
    notificationType: 'Bounce',
    bounce: {
      bounceType: options.bounceType ?? 'Permanent',
      bounceSubType: options.bounceType === 'Transient' ? 'MailboxFull' : 'General',
      timestamp: options.timestamp ?? '2026-01-15T09:00:00.000Z',
      feedbackId: 'feedback-1',
      bouncedRecipients: options.addresses.map((emailAddress) => ({
        emailAddress,
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 user unknown',
      })),
    },
    mail: { timestamp: '2026-01-15T08:59:58.000Z', messageId: 'ses-message-1' },
  });
}

/** An SES complaint notification's Message. */
export function sesComplaint(options: { addresses: string[]; timestamp?: string }): string {
  return JSON.stringify({
    notificationType: 'Complaint',
    complaint: {
      complaintFeedbackType: 'abuse',
      timestamp: options.timestamp ?? '2026-01-15T09:00:00.000Z',
      complainedRecipients: options.addresses.map((emailAddress) => ({ emailAddress })),
    },
    mail: { timestamp: '2026-01-15T08:59:58.000Z', messageId: 'ses-message-1' },
  });
}
