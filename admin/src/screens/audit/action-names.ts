// Audit actions as people read them. The server writes the names (e.g. `token.created`); one it
// adds later still reads sensibly through `actionName`'s fallback.
export const actionNames: Record<string, string> = {
  'session.signed_in': 'Signed in',
  'session.sign_in_failed': 'Sign-in failed',
  'session.signed_out': 'Signed out',
  'session.signed_out_everywhere': 'Signed out everywhere',
  'password_reset.requested': 'Password reset requested',
  'password_reset.completed': 'Password reset',
  'invitation.created': 'Staff member invited',
  'invitation.accepted': 'Invitation accepted',
  'invitation.resent': 'Invitation sent again',
  'invitation.revoked': 'Invitation revoked',
  'post.created': 'Story created',
  'post.duplicated': 'Story duplicated',
  'post.published': 'Story published',
  'post.updated': 'Published story updated',
  'post.unpublished': 'Story unpublished',
  'post.scheduled': 'Story scheduled',
  'post.schedule_cancelled': 'Schedule cancelled',
  'post.deleted': 'Story deleted',
  'post.correction_added': 'Correction added',
  'post.correction_withdrawn': 'Correction withdrawn',
  'staff.role_changed': 'Staff role changed',
  'staff.password_changed': 'Password changed',
  'staff.ownership_transferred': 'Ownership transferred',
  'two_factor.enabled': 'Two-factor sign-in turned on',
  'two_factor.disabled': 'Two-factor sign-in turned off',
  'settings.changed': 'Site settings changed',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'webhook.created': 'Webhook created',
  'webhook.changed': 'Webhook changed',
  'webhook.deleted': 'Webhook deleted',
  'webhook.secret_rotated': 'Webhook secret replaced',
};

/** `webhook.secret_rotated` → "Webhook secret replaced"; an unknown one → "Thing done". */
export function actionName(action: string): string {
  const known = actionNames[action];
  if (known) return known;
  const words = action.replace(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
