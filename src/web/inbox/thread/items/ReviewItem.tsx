import { detailsOf } from '#shared/message-payloads';
import { Star } from 'lucide-react';
import { clockTime, fullDateTime } from '../../../lib/format';
import { ChannelIcon } from '../../../ui/channels';
import type { ItemProps } from './TimelineItem';

/** A Google review: stars, reviewer, comment. */
export function ReviewItem({ message: m, contactName, timeZone }: ItemProps) {
  const review = detailsOf({ messageType: 'TYPE_REVIEW', channel: m.channel });
  // Reviews from the Google channel carry ReviewDetails; the demo's earlier ones kept stars in meta.
  const rating = Math.max(0, Math.min(5, Number(review.rating ?? m.meta.starRating ?? 0)));
  const reviewer = review.reviewer?.name ?? (typeof m.meta.reviewer === 'string' ? m.meta.reviewer : contactName);
  return (
    <div className="item review-row">
      <article className="review-card" aria-label={`Google review by ${reviewer}: ${rating} of 5 stars`}>
        <header className="review-head">
          <ChannelIcon type="TYPE_REVIEW" size={14} />
          <span className="review-title">Google review</span>
          <span className="review-stars" aria-hidden="true">
            {[1, 2, 3, 4, 5].map((i) => (
              <Star key={i} size={14} fill={i <= rating ? 'currentColor' : 'none'} className={i <= rating ? 'on' : 'off'} />
            ))}
          </span>
          <time dateTime={m.createdAt} title={fullDateTime(m.createdAt, timeZone)}>
            {clockTime(m.createdAt, timeZone)}
          </time>
        </header>
        <div className="review-by">{reviewer}</div>
        {m.body ? <p className="review-text">{m.body}</p> : <p className="review-text muted">(rating only, no comment)</p>}
      </article>
    </div>
  );
}
