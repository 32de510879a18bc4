/** Email: the subject above the text (required). */
import type { ComposerPart, PartProps } from './types';

function Subject({ fields, setField }: PartProps) {
  return (
    <input className="composer-subject" type="text" placeholder="Subject" aria-label="Subject" value={fields.subject} onChange={(e) => setField('subject', e.target.value)} />
  );
}

export const emailPart: ComposerPart = {
  Above: Subject,
  payload: ({ fields }) => ({ subject: fields.subject }),
  blocker: ({ fields }) => (fields.subject.trim() ? null : 'An e-mail needs a subject.'),
};
