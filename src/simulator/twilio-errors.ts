/** Twilio's REST error bodies: {code, message, more_info, status}. */

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export function twilioError(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

export const errors = {
  authenticate: () => twilioError(401, 20003, 'Authenticate'),
  notFound: (path: string) => twilioError(404, 20404, `The requested resource ${path} was not found`),
  toRequired: () => twilioError(400, 21604, "A 'To' phone number is required."),
  fromRequired: () => twilioError(400, 21603, "A 'From' phone number is required."),
  bodyRequired: () => twilioError(400, 21602, 'Message body is required.'),
  bodyTooLong: () => twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.'),
  invalidTo: (to: string) => twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`),
  invalidFrom: (from: string) =>
    twilioError(400, 21212, `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`),
  fromNotOwned: (from: string) =>
    twilioError(
      400,
      21606,
      `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
    ),
  // The simulator knows no Messaging Services, so every service has no number to send from.
  noServiceNumber: () =>
    twilioError(400, 21703, 'The Messaging Service does not have a phone number available to send a message.'),
  unsubscribed: () => twilioError(400, 21610, 'Attempt to send to unsubscribed recipient'),
  invalidStatusCallback: () => twilioError(400, 21609, 'Invalid StatusCallback url'),
  callToRequired: () => twilioError(400, 21201, "No 'To' number is specified"),
  callFromRequired: () => twilioError(400, 21213, "No 'From' number is specified"),
  callUrlRequired: () => twilioError(400, 21205, 'Url parameter is required.'),
  callInvalidUrl: (url: string) => twilioError(400, 21205, `Url is not a valid URL: ${url}`),
  callFromNotOwned: (from: string) =>
    twilioError(
      400,
      21210,
      `The source phone number provided, ${from}, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio.`,
    ),
};

const FAULT_MESSAGES: Record<number, [number, string]> = {
  429: [20429, 'Too Many Requests'],
  500: [20500, 'Internal Server Error'],
  502: [20502, 'Bad Gateway'],
  503: [20503, 'Service Unavailable'],
};

/** The body Twilio answers an outage or throttling with. */
export function faultError(status: number): TwilioErrorBody {
  const [code, message] = FAULT_MESSAGES[status] ?? [20000 + status, 'Error'];
  return twilioError(status, code, message);
}
