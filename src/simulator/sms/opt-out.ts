/** Twilio Advanced Opt-Out: single-word keywords (case-insensitive, whole message) and its replies. */

export type OptOutType = 'STOP' | 'START' | 'HELP';

const KEYWORDS: Record<string, OptOutType> = {
  STOP: 'STOP',
  STOPALL: 'STOP',
  UNSUBSCRIBE: 'STOP',
  CANCEL: 'STOP',
  END: 'STOP',
  QUIT: 'STOP',
  START: 'START',
  YES: 'START',
  UNSTOP: 'START',
  HELP: 'HELP',
  INFO: 'HELP',
};

export function optOutTypeOf(body: string): OptOutType | null {
  return KEYWORDS[body.trim().toUpperCase()] ?? null;
}

/** The confirmations Twilio itself texts back (Advanced Opt-Out defaults). */
export const AUTO_REPLIES: Record<OptOutType, string> = {
  STOP: 'You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.',
  START: 'You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
  HELP: 'Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
};
