import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { AppError } from '../http/errors';

/** E.164 for any reasonable input; national numbers are read in the location's country. */
export function toE164(input: string, country: string): string | null {
  const p = parsePhoneNumberFromString(input.trim(), country as CountryCode);
  if (!p || !p.isPossible()) return null;
  return p.number;
}

export function normalizePhoneOrThrow(input: string, country: string, field: string): string {
  const e164 = toE164(input, country);
  if (!e164) {
    throw new AppError(400, 'validation_failed', `${field}: "${input}" is not a valid phone number`, {
      fields: [{ field, message: 'is not a valid phone number' }],
    });
  }
  return e164;
}
