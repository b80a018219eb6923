// The test inbox for humans: what Lede "sent" by email in this browser's world (its sandbox, or the
// default world), newest first, and one message read in full: its link to follow, its code shown
// large. Where the world serves no test hooks (a production server's default world) the inbox does
// not exist, and the page says where it does.
import { useEffect, useId, useRef, useState } from 'react';
import { emptyInbox, fetchInbox, type InboxMessage } from '../../client-state/api-account-links.ts';

type InboxState =
  | { status: 'loading' }
  | { status: 'ok'; messages: InboxMessage[] }
  | { status: 'absent' }
  | { status: 'failed'; message: string };

const sentAt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function InboxPage() {
  const [inbox, setInbox] = useState<InboxState>({ status: 'loading' });
  const [selectedId, setSelectedId] = useState<string>();
  const [reads, setReads] = useState(0);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const messageHeading = useRef<HTMLHeadingElement>(null);
  const listHeadingId = useId();

  useEffect(() => {
    let current = true;
    void fetchInbox().then((result) => {
      if (!current) return;
      setBusy(false);
      if (result.kind === 'ok') {
        setInbox({ status: 'ok', messages: result.messages });
        setSaid(`${result.messages.length} ${result.messages.length === 1 ? 'message' : 'messages'}.`);
      } else {
        setInbox(result.kind === 'absent' ? { status: 'absent' } : { status: 'failed', message: result.message });
      }
    });
    return () => {
      current = false;
    };
  }, [reads]);

  function refresh() {
    setBusy(true);
    setReads((n) => n + 1);
  }

  async function empty() {
    setBusy(true);
    const result = await emptyInbox();
    if (result.kind === 'failed') {
      setBusy(false);
      return setInbox({ status: 'failed', message: result.message });
    }
    setSelectedId(undefined);
    setReads((n) => n + 1);
  }

  const messages = inbox.status === 'ok' ? inbox.messages : [];
  const selected = messages.find((message) => message.id === selectedId) ?? messages[0];

  return (
    <section className="inbox" aria-labelledby="inbox-heading">
      <title>Test inbox — Lede</title>
      <h1 id="inbox-heading">Test inbox</h1>
      <p className="simulation-notice">
        A simulation: Lede sends no real email. What it “sent” in this browser’s world (its test sandbox, or the site’s
        own world) lands here instead.
      </p>
      {inbox.status === 'absent' ? (
        <p>
          This server keeps no test inbox for its own world. The test inbox exists in test sandboxes (POST
          /api/sandboxes) and on servers started with the test hooks on.
        </p>
      ) : (
        <>
          <div className="inbox__actions">
            <button type="button" className="button" onClick={refresh} aria-disabled={busy}>
              Refresh
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void empty()}
              aria-disabled={busy}
              disabled={messages.length === 0}
            >
              Empty the inbox
            </button>
            <p role="status" className="inbox__count">
              {inbox.status === 'loading' ? 'Reading the inbox…' : said}
            </p>
          </div>
          {inbox.status === 'failed' && (
            <p role="alert" className="form-alert">
              {inbox.message}
            </p>
          )}
          {inbox.status === 'ok' && messages.length === 0 && <p>No messages.</p>}
          {messages.length > 0 && (
            <div className="inbox__panes">
              <nav aria-labelledby={listHeadingId}>
                <h2 id={listHeadingId} className="visually-hidden">
                  Messages
                </h2>
                <ul className="inbox__list">
                  {messages.map((message) => (
                    <li key={message.id}>
                      <button
                        type="button"
                        className="inbox__item"
                        aria-current={message === selected ? 'true' : undefined}
                        onClick={() => {
                          setSelectedId(message.id);
                          messageHeading.current?.focus();
                        }}
                      >
                        <span className="inbox__subject">{message.subject}</span>
                        <span>To {message.to}</span>
                        <span>{sentAt.format(Date.parse(message.sentAt))}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </nav>
              {selected !== undefined && <Message message={selected} headingRef={messageHeading} />}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Message({ message, headingRef }: { message: InboxMessage; headingRef: React.Ref<HTMLHeadingElement> }) {
  return (
    <article className="inbox__message" aria-labelledby={`message-${message.id}`}>
      <h2 id={`message-${message.id}`} tabIndex={-1} ref={headingRef}>
        {message.subject}
      </h2>
      <dl className="inbox__meta">
        <dt>To</dt>
        <dd>{message.to}</dd>
        <dt>Sent</dt>
        <dd>{sentAt.format(Date.parse(message.sentAt))}</dd>
      </dl>
      {message.code !== undefined && (
        <p className="inbox__code">
          Code: <strong>{message.code}</strong>
        </p>
      )}
      <div className="inbox__text">
        {message.text.split('\n\n').map((paragraph, index) => (
          <p key={index}>
            <Linked text={paragraph} links={message.links} />
          </p>
        ))}
      </div>
    </article>
  );
}

/** The text with each of the message's links made clickable where it appears. */
function Linked({ text, links }: { text: string; links: string[] }) {
  const parts: React.ReactNode[] = [];
  let rest = text;
  for (const link of links) {
    const at = rest.indexOf(link);
    if (at === -1) continue;
    parts.push(
      rest.slice(0, at),
      <a key={parts.length} href={link}>
        {link}
      </a>,
    );
    rest = rest.slice(at + link.length);
  }
  parts.push(rest);
  return <>{parts}</>;
}
