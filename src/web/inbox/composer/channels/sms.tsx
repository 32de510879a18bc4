/** SMS: From (the location's numbers) and To (the contact's numbers) pickers, the segment counter. */
import { FromPicker, SmsCounter, ToPicker, useSmsNumbers } from '../SmsMeta';
import type { ComposerPart, PartProps } from './types';

function SmsBar({ text, fields, setField, contact }: PartProps) {
  const numbers = useSmsNumbers(true);
  const phones = [contact.phone, ...contact.additionalPhones].filter((p): p is string => !!p);
  return (
    <>
      <FromPicker numbers={numbers.data ?? []} value={fields.fromNumber} onChange={(v) => setField('fromNumber', v)} />
      <ToPicker phones={phones} value={fields.toNumber} onChange={(v) => setField('toNumber', v)} />
      {text && <SmsCounter text={text} />}
    </>
  );
}

export const smsPart: ComposerPart = {
  Bar: SmsBar,
  payload: ({ fields }) => ({ ...(fields.fromNumber && { fromNumber: fields.fromNumber }), ...(fields.toNumber && { toNumber: fields.toNumber }) }),
};
