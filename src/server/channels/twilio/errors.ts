/** Twilio error codes a front desk may see, in plain words. */
const MESSAGES: Record<string, string> = {
  '21211': 'The phone number is not valid.',
  '21408': 'SMS to this region is not enabled on the Twilio account.',
  '21610': 'The recipient has unsubscribed (replied STOP).',
  '21614': 'The number is not a mobile number and cannot receive SMS.',
  '30003': 'Unreachable destination handset.',
  '30004': 'Message blocked by the recipient or carrier.',
  '30005': 'Unknown destination handset.',
  '30006': 'Landline or unreachable carrier.',
  '30007': 'Filtered by the carrier as spam.',
  '30008': 'Unknown error from the carrier.',
};

export const carrierErrorMessage = (code: string) => MESSAGES[code] ?? `Twilio error ${code}.`;

/** Carrier errors that set a temporary SMS DND a user may lift. */
export const TEMPORARY_DND_CODES = new Set(['30003', '30005', '30006']);
