/** Countries offered for a location: ISO 3166-1 alpha-2 codes with English names, sorted by name. */
const CODES = [
  'US', 'CA', 'GB', 'IE', 'AU', 'NZ', 'FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'CH', 'AT', 'SE', 'NO', 'DK', 'FI', 'PT', 'PL', 'MX', 'BR',
  'AE', 'SG', 'ZA', 'IN',
];

export function countryOptions(current?: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames('en', { type: 'region' });
  const codes = current && !CODES.includes(current) ? [...CODES, current] : CODES;
  return codes
    .map((code) => {
      let name = code;
      try {
        name = names.of(code) ?? code;
      } catch {
        // Not a region code Intl knows: show the code itself.
      }
      return { code, name };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every IANA time zone the browser knows, plus the current one if it is not among them. */
export function timeZoneOptions(current?: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = current && !zones.includes(current) ? [current, ...zones] : zones;
  return all.includes('UTC') ? all : [...all, 'UTC'];
}
