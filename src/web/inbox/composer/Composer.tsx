/**
 * The composer: Reply (on a channel the contact can be reached on, default: the channel of their
 * last inbound message) or Internal comment. Enter sends, Shift+Enter starts a new line; files by
 * button, drag-and-drop or paste. Rules the API enforces are explained here before sending.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Paperclip, SendHorizontal, X } from 'lucide-react';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { useCaretAfter } from '../../lib/useCaretAfter';
import type { Message, SendType } from '#shared/messages';
import { defaultSendType, dndRefusal, reachableSendTypes, SEND_TYPE_LABEL } from '#shared/send-rules';
import { errorMessage, post } from '../../lib/api';
import { upsertMessage } from '../../lib/cache';
import { useContact, useConversation } from '../../lib/queries';
import { useTypingSender } from '../thread/useTyping';
import { useAttachments } from './useAttachments';
import { useMentions } from './useMentions';
import { FromPicker, SmsCounter, ToPicker, useSmsNumbers } from './SmsMeta';
import type { Snippet } from '#shared/snippets';
import { SnippetPicker, useInsertSnippetAction } from './SnippetPicker';
import { MergePreview, useMergePreview } from './MergePreview';
import { SendLater, type Schedule } from './SendLater';
import { useDraft } from './useDraft';
import './composer.css';

type Mode = 'reply' | 'comment';

export function Composer({
  conversationId,
  apiRef,
}: {
  conversationId: string;
  apiRef: MutableRefObject<{ focus(mode: Mode): void } | null>;
}) {
  const qc = useQueryClient();
  const conversation = useConversation(conversationId).data;
  const contact = useContact(conversation?.contact.id).data;
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [subject, setSubject] = useState('');
  const [chosen, setChosen] = useState<SendType | null>(null);
  const [fromNumber, setFromNumber] = useState('');
  const [toNumber, setToNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [dragging, setDragging] = useState(false);
  const files = useAttachments();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const reachable = useMemo(
    () => (contact && conversation ? reachableSendTypes(contact, conversation.channels) : []),
    [contact, conversation],
  );
  const type = chosen && reachable.includes(chosen) ? chosen : defaultSendType(conversation?.lastInbound?.messageType, reachable);
  const dnd = mode === 'reply' && contact && type ? dndRefusal(contact, type) : null;
  // Typing signals only for a web chat reply: the visitor sees them (never for internal comments).
  const typing = useTypingSender(conversationId, mode === 'reply' && type === 'Live_Chat');
  const isSms = mode === 'reply' && type === 'SMS';
  const smsNumbers = useSmsNumbers(isSms);
  const draft = useDraft(conversationId, text, subject, (d) => {
    setText(d.body);
    setSubject(d.subject);
  });
  const mentions = useMentions(textRef, text, setText, mode === 'comment');
  const placeCaret = useCaretAfter(textRef, text);
  const merge = useMergePreview(conversationId, text, type === 'Email' ? subject : '', mode === 'reply');

  const snippetAction = useInsertSnippetAction(() => setMode('reply'));
  useImperativeHandle(apiRef, () => ({
    focus: (m: Mode) => {
      setMode(m);
      requestAnimationFrame(() => textRef.current?.focus());
    },
  }));
  useEffect(() => setError(null), [mode, type]);

  const empty = !text.trim() && files.ids.length === 0;
  const blocked = mode === 'reply' && (!type || !!dnd);
  const canSend =
    !sending && !empty && !files.uploading && !blocked && merge.problems.length === 0 && !(mode === 'reply' && type === 'Email' && !subject.trim());

  /** Inserts at the cursor (a snippet or a merge field), then puts the cursor after it. */
  function insertText(insert: string) {
    const el = textRef.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + insert + text.slice(end));
    placeCaret(start + insert.length);
  }
  const insertSnippet = (s: Snippet) => {
    if (s.subject && type === 'Email' && !subject.trim()) setSubject(s.subject);
    insertText(s.body);
  };

  async function send(schedule?: Schedule): Promise<boolean> {
    if (!canSend) return false;
    setSending(true);
    setError(null);
    try {
      const message =
        mode === 'comment'
          ? await post<Message>(`/conversations/${conversationId}/comments`, { body: mentions.encode(text) })
          : await post<Message>(`/conversations/${conversationId}/messages`, {
              type,
              body: text,
              ...(type === 'Email' && { subject }),
              ...(type === 'SMS' && fromNumber && { fromNumber }),
              ...(type === 'SMS' && toNumber && { toNumber }),
              ...(files.ids.length && { attachments: files.ids }),
              ...schedule,
            });
      upsertMessage(qc, message);
      draft.clear();
      typing.stop();
      setText('');
      setSubject('');
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

  return (
    <section
      className={`composer${mode === 'comment' ? ' is-comment' : ''}${dragging ? ' dragging' : ''}`}
      aria-label="Composer"
      onDragOver={(e) => {
        if (mode === 'reply' && e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        setDragging(false);
        if (mode !== 'reply' || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        files.add(e.dataTransfer.files);
      }}
    >
      <div className="tabs composer-tabs" role="tablist" aria-label="Composer mode">
        <button type="button" role="tab" aria-selected={mode === 'reply'} className={mode === 'reply' ? 'active' : ''} onClick={() => setMode('reply')}>
          Reply
        </button>
        <button type="button" role="tab" aria-selected={mode === 'comment'} className={mode === 'comment' ? 'active' : ''} onClick={() => setMode('comment')}>
          Internal comment
        </button>
        {mode === 'reply' && (
          <label className="composer-channel">
            <span>via</span>
            <select aria-label="Reply channel" value={type ?? ''} onChange={(e) => setChosen(e.target.value as SendType)} disabled={reachable.length === 0}>
              {reachable.length === 0 && <option value="">No channel</option>}
              {reachable.map((t) => (
                <option key={t} value={t}>
                  {SEND_TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {mode === 'reply' && type === 'Email' && (
        <input className="composer-subject" type="text" placeholder="Subject" aria-label="Subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
      )}
      <textarea
        ref={textRef}
        className="composer-input"
        rows={2}
        value={text}
        placeholder={mode === 'comment' ? 'Internal note, only your team sees it · @ to mention someone' : type ? `Reply by ${SEND_TYPE_LABEL[type]}…` : 'This contact has no channel to reply on'}
        aria-label={mode === 'comment' ? 'Internal comment' : 'Reply'}
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
          if (mode === 'reply' && e.clipboardData.files.length > 0) {
            e.preventDefault();
            files.add(e.clipboardData.files);
          }
        }}
      />
      {mentions.popup}
      {mode === 'reply' && <MergePreview state={merge} />}
      {files.files.length > 0 && (
        <ul className="composer-files" aria-label="Attachments">
          {files.files.map((f) => (
            <li key={f.key} className={`file-chip${f.error ? ' error' : ''}`}>
              <span className="file-name">{f.name}</span>
              <span className="file-state">{f.error ? f.error : f.uploaded ? '' : 'Uploading…'}</span>
              <button type="button" className="icon-button" aria-label={`Remove ${f.name}`} onClick={() => files.remove(f.key)}>
                <X size={12} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {(dnd || error) && (
        <p className="composer-notice" role="alert">
          {dnd ?? error}
        </p>
      )}
      <div className="composer-bar">
        {mode === 'reply' && (
          <>
            <button type="button" className="icon-button" aria-label="Attach files" title="Attach files" onClick={() => fileRef.current?.click()}>
              <Paperclip size={16} aria-hidden="true" />
            </button>
            <input
              ref={fileRef}
              type="file"
              multiple
              hidden
              onChange={(e) => {
                if (e.target.files) files.add(e.target.files);
                e.target.value = '';
              }}
            />
            <SnippetPicker onInsert={insertSnippet} onInsertField={insertText} {...snippetAction} />
          </>
        )}
        {isSms && <FromPicker numbers={smsNumbers.data ?? []} value={fromNumber} onChange={setFromNumber} />}
        {isSms && contact && <ToPicker phones={[contact.phone, ...contact.additionalPhones].filter((p): p is string => !!p)} value={toNumber} onChange={setToNumber} />}
        {isSms && text && <SmsCounter text={text} />}
        <span className="composer-hint">Enter to send · Shift+Enter for a new line</span>
        {mode === 'reply' && <SendLater disabled={!canSend} busy={sending} onSchedule={send} />}
        <button type="button" className="button primary" onClick={() => void send()} disabled={!canSend}>
          <SendHorizontal size={15} aria-hidden="true" />
          {sending ? 'Sending…' : mode === 'comment' ? 'Add comment' : 'Send'}
        </button>
      </div>
    </section>
  );
}
