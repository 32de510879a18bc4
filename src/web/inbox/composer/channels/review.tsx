/** A Google review reply: public, under the review on Google — said before it is written. */
import { Globe2 } from 'lucide-react';
import type { ComposerPart } from './types';

function PublicNotice() {
  return (
    <p className="composer-hint-line" role="note">
      <Globe2 size={13} aria-hidden="true" /> Your reply is public: anyone who reads the review on Google sees it, with the practice’s name.
    </p>
  );
}

export const reviewPart: ComposerPart = { Notice: PublicNotice };
