/** The text of the system's mails. Plain text: links stay visible and clickable in every client. */
import type { SystemMail } from './mailer';

export function invitationMail(input: { to: string; locationName: string; inviterName: string | null; link: string; expiresAt: Date }): SystemMail {
  const who = input.inviterName ? `${input.inviterName} invited you` : 'You are invited';
  return {
    to: input.to,
    subject: `Join ${input.locationName} on Aesthetix Inbox`,
    text: [
      `${who} to join the team of ${input.locationName} on Aesthetix Inbox.`,
      '',
      'Accept the invitation here:',
      input.link,
      '',
      `The link works once and until ${input.expiresAt.toUTCString()}. If you already have an Aesthetix account, sign in with it on that page; otherwise choose your name and password there.`,
      '',
      'If you were not expecting this, ignore this e-mail.',
    ].join('\n'),
  };
}

export function passwordResetMail(input: { to: string; link: string; expiresAt: Date; byAdmin: boolean }): SystemMail {
  return {
    to: input.to,
    subject: 'Reset your Aesthetix Inbox password',
    text: [
      input.byAdmin ? 'An admin of your team asked for a link to set a new password for your account.' : 'Someone (hopefully you) asked to reset the password of your Aesthetix Inbox account.',
      '',
      'Choose a new password here:',
      input.link,
      '',
      `The link works once and until ${input.expiresAt.toUTCString()}. Setting a new password signs your account out everywhere.`,
      '',
      'If you did not ask for this, ignore this e-mail: your password stays as it is.',
    ].join('\n'),
  };
}
