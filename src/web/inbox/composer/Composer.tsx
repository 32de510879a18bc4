/**
 * The composer: Reply (on a channel the contact can be reached on, default: the one that answers
 * their last inbound message) or a note for the team (the "Internal comment" tab). Each channel
 * adds its own piece (channels/: fields, payload, what Send waits for); the shared send rules say
 * which channels are usable now, and why not, before anything is typed. Enter sends, Shift+Enter
 * starts a new line; files by button, drag-and-drop or paste.
 */
import { useQueryClient } from '@tanstack/react-query';
import { SendHorizontal } from 'lucide-react';
import { useEffect, useImperativeHandle, useRef, useState, type MutableRefObject } from 'react';
import { CHANNEL_KINDS } from '#shared/channel-catalog';
import type { Message, SendType } from '#shared/messages';
import { SEND_TYPE_LABEL } from '#shared/send-rules';
import type { Snippet } from '#shared/snippets';
import { errorMessage, post } from '../../lib/api';
import { upsertMessage } from '../../lib/cache';
import { useContact, useConversation } from '../../lib/queries';
import { useCaretAfter } from '../../lib/useCaretAfter';
import { useTypingSender } from '../thread/useTyping';
import { AttachButton, FileChips } from './Attachments';
import { ChannelNotice } from './ChannelNotice';
import { ChannelPicker } from './ChannelPicker';
import { partOf, type ComposerFields } from './channels';
import { MergePreview, useMergePreview } from './MergePreview';
import { SendLater, type Schedule } from './SendLater';
import { SnippetPicker, useInsertSnippetAction } from './SnippetPicker';
import { useAttachments } from './useAttachments';
import { useChannelChoice } from './useAvailability';
import { useDraft } from './useDraft';
import { useMentions } from './useMentions';
import { useNow } from './useNow';
import './composer.css';

type Mode = 'reply' | 'note';
const NO_FIELDS: ComposerFields = { subject: '', fromNumber: '', toNumber: '' };

export function Composer({ conversationId, apiRef }: { conversationId: string; apiRef: MutableRefObject<{ focus(mode: Mode): void } | null> }) {
  const qc = useQueryClient();
  const conversation = useConversation(conversationId).data;
  const contact = useContact(conversation?.contact.id).data;
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [fields, setFields] = useState<ComposerFields>(NO_FIELDS);
  const setField = <K extends keyof ComposerFields>(k: K, v: ComposerFields[K]) => setFields((f) => ({ ...f, [k]: v }));
  const [chosen, setChosen] = useState<SendType | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [dragging, setDragging] = useState(false);
  const files = useAttachments();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const now = useNow(30_000);

  const reply = mode === 'reply';
  const { options, type, current } = useChannelChoice(contact, conversation, chosen, now);
  const kind = type ? CHANNEL_KINDS[type] : null;
  const part = partOf(reply ? type : null);
  // Typing signals only where the contact sees them (web chat), never for notes.
  const typing = useTypingSender(conversationId, reply && !!kind?.composer.typing);
  const draft = useDraft(conversationId, text, fields.subject, (d) => {
    setText(d.body);
    setField('subject', d.subject);
  });
  const mentions = useMentions(textRef, text, setText, mode === 'note');
  const placeCaret = useCaretAfter(textRef, text);
  const merge = useMergePreview(conversationId, text, kind?.composer.subject ? fields.subject : '', reply);
  const snippetAction = useInsertSnippetAction(() => setMode('reply'));
  useImperativeHandle(apiRef, () => ({
    focus: (m: Mode) => {
      setMode(m);
      requestAnimationFrame(() => textRef.current?.focus());
    },
  }));
  useEffect(() => setError(null), [mode, type]);

  const empty = !text.trim() && files.ids.length === 0;
  const waitsFor = reply ? (current?.refusal?.message ?? part.blocker?.({ fields, text }) ?? null) : null;
  const canSend = !sending && !empty && !files.uploading && !(reply && (!type || waitsFor)) && (!reply || merge.problems.length === 0);

  /** Inserts at the cursor (a snippet or a merge field), then puts the cursor after it. */
  function insertText(insert: string) {
    const el = textRef.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + insert + text.slice(end));
    placeCaret(start + insert.length);
  }
  const insertSnippet = (s: Snippet) => {
    if (s.subject && kind?.composer.subject && !fields.subject.trim()) setField('subject', s.subject);
    insertText(s.body);
  };

  async function send(schedule?: Schedule): Promise<boolean> {
    if (!canSend) return false;
    setSending(true);
    setError(null);
    try {
      const message = !reply
        ? await post<Message>(`/conversations/${conversationId}/notes`, { body: mentions.encode(text) })
        : await post<Message>(`/conversations/${conversationId}/messages`, {
            type,
            body: text,
            ...part.payload?.({ fields, text }),
            ...(files.ids.length && { attachments: files.ids }),
            ...schedule,
          });
      upsertMessage(qc, message);
      draft.clear();
      typing.stop();
      setText('');
      setFields((f) => ({ ...f, subject: '' }));
      files.clear();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setSending(false);
      textRef.current?.focus();
    }
  }

  const props = contact && conversation && type ? { type, text, fields, setField, contact, conversation } : null;
  return (
    <section
      className={`composer${mode === 'note' ? ' is-comment' : ''}${dragging ? ' dragging' : ''}`}
      aria-label="Composer"
      onDragOver={(e) => {
        if (reply && e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        setDragging(false);
        if (!reply || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        files.add(e.dataTransfer.files);
      }}
    >
      <div className="tabs composer-tabs" role="tablist" aria-label="Composer mode">
        <button type="button" role="tab" aria-selected={reply} className={reply ? 'active' : ''} onClick={() => setMode('reply')}>
          Reply
        </button>
        <button type="button" role="tab" aria-selected={!reply} className={!reply ? 'active' : ''} onClick={() => setMode('note')}>
          Internal comment
        </button>
        {reply && <ChannelPicker options={options} value={type} onChange={setChosen} />}
      </div>
      {props && part.Above && <part.Above {...props} />}
      <textarea
        ref={textRef}
        className="composer-input"
        rows={2}
        value={text}
        placeholder={!reply ? 'Internal note, only your team sees it · @ to mention someone' : type ? `Reply by ${SEND_TYPE_LABEL[type]}…` : 'This contact has no channel to reply on'}
        aria-label={reply ? 'Reply' : 'Internal comment'}
        {...mentions.inputProps}
        onChange={(e) => {
          setText(e.target.value);
          typing.changed(e.target.value);
          mentions.detect(e.target);
        }}
        onKeyDown={(e) => {
          if (mentions.onKeyDown(e)) return;
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
        onPaste={(e) => {
          if (reply && e.clipboardData.files.length > 0) {
            e.preventDefault();
            files.add(e.clipboardData.files);
          }
        }}
      />
      {mentions.popup}
      {reply && <MergePreview state={merge} />}
      <FileChips files={files} />
      {reply && contact && <ChannelNotice current={current} contactId={contact.id} now={now} />}
      {props && part.Notice && <part.Notice {...props} />}
      {error && (
        <p className="composer-notice" role="alert">
          {error}
        </p>
      )}
      <div className="composer-bar">
        {reply && (
          <>
            <AttachButton files={files} extensions={kind?.attachments?.extensions} disabled={!!kind && !kind.attachments} />
            <SnippetPicker onInsert={insertSnippet} onInsertField={insertText} {...snippetAction} />
          </>
        )}
        {props && part.Bar && <part.Bar {...props} />}
        <span className="composer-hint">Enter to send · Shift+Enter for a new line</span>
        {reply && <SendLater disabled={!canSend} busy={sending} onSchedule={send} />}
        <button type="button" className="button primary" onClick={() => void send()} disabled={!canSend} title={waitsFor ?? undefined}>
          <SendHorizontal size={15} aria-hidden="true" />
          {sending ? 'Sending…' : !reply ? 'Add comment' : 'Send'}
        </button>
      </div>
    </section>
  );
}
