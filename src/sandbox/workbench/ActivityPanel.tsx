import * as React from 'react';
import { Icon } from '@fluentui/react';
import { hashFor } from '../../app/route';
import { FeedItem, loadFeed } from './activityFeed';

/** How often the workbench looks for new notifications: often enough for a demo to see them arrive. */
const POLL_MS = 4000;

/**
 * The signed-in persona's Teams activity feed, as the sandbox logged it: a button with the count
 * of unread notifications, and a list that opens each one's report.
 */
export function ActivityPanel({ email }: { email: string }): JSX.Element {
  const [items, setItems] = React.useState<FeedItem[] | undefined>();
  const [open, setOpen] = React.useState(false);
  const [seenUpTo, setSeenUpTo] = React.useState(0);
  const [arrival, setArrival] = React.useState('');

  React.useEffect(() => {
    let live = true;
    let latest = -1;
    const poll = (): void => {
      loadFeed(email)
        .then((feed) => {
          if (!live) {
            return;
          }
          const newest = feed.length ? feed[0].seq : 0;
          if (latest >= 0 && newest > latest) {
            setArrival(`New notification: ${feed[0].text}`);
          }
          if (latest < 0) {
            // What was there before the persona signed in counts as seen.
            setSeenUpTo(newest);
          }
          latest = newest;
          setItems(feed);
        })
        .catch(() => undefined);
    };
    poll();
    const timer = window.setInterval(poll, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [email]);

  const unread = (items || []).filter((i) => i.seq > seenUpTo).length;
  const toggle = (): void => {
    if (!open && items && items.length) {
      setSeenUpTo(items[0].seq);
    }
    setOpen(!open);
  };

  return (
    <div className="wb-activity">
      <button type="button" className="wb-bar__toggle" aria-expanded={open} aria-controls="wb-activity-list" onClick={toggle} data-testid="activity-button">
        <Icon iconName="Ringer" aria-hidden="true" /> Activity
        {unread > 0 && <span className="wb-activity__count"> ({unread} new)</span>}
      </button>
      <div className="wb-visually-hidden" role="status" aria-live="polite">
        {arrival}
      </div>
      {open && (
        <section id="wb-activity-list" className="wb-activity__panel" aria-label="Teams activity feed (sandbox notification log)">
          {!items ? (
            <p>Loading…</p>
          ) : items.length === 0 ? (
            <p>No notifications yet.</p>
          ) : (
            <ul className="wb-activity__items">
              {items.map((item) => (
                <li key={item.seq} className="wb-activity__item" data-testid="activity-item" data-activity-type={item.activityType}>
                  <p className="wb-activity__text">{item.text}</p>
                  {item.preview && <p className="wb-activity__preview">{item.preview}</p>}
                  <p className="wb-activity__meta">
                    {item.topic}
                    {item.received ? ` · ${new Date(item.received).toLocaleString('en-GB', { timeZone: 'Europe/London' })}` : ''}
                  </p>
                  {item.reportId !== undefined && (
                    <a href={hashFor({ page: 'report', reportId: item.reportId })} onClick={() => setOpen(false)}>
                      Open the report
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
