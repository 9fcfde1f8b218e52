import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { whenLive } from '../apollo/client';
import { AskCoachMutation, CoachConversationsQuery, CoachReplyChunkSubscription } from '../api/operations';
import type { CoachConversationsQuery as Conversations, AskCoachMutation as AskCoachResult } from '../gql/graphql';
import { errorMessage } from '../lib/errors';
import { formatRelative } from '../lib/format';
import { uuid } from '../lib/uuid';
import { Button, Card, Empty, ErrorBox, Loading, PageHeader } from '../ui/components';
import { Icon } from '../ui/icons';

type ToolCall = AskCoachResult['askCoach']['toolCalls'][number];
interface ChatMessage {
  id: string;
  role: string;
  content: string;
  streaming?: boolean;
  toolCalls?: ToolCall[];
}

const SUGGESTIONS = [
  'How was my training this month?',
  'Am I ready for a 10K race?',
  'Which shoes should I replace?',
  'Plan my next easy week',
];

const titleOf = (c: Conversations['coachConversations'][number]) =>
  c.messages.find((m) => m.role === 'user')?.content.slice(0, 60) || 'Conversation';

/**
 * The coach chat. The answer streams in through coachReplyChunk: the page subscribes to the
 * conversation's id (a fresh client-made UUID for a new one) BEFORE asking, and waits for the
 * WebSocket, so no chunk is missed; askCoach's reply then settles the message and lists the
 * tools the answer was grounded in.
 */
export default function Coach() {
  const conversations = useQuery(CoachConversationsQuery);
  const [conversationId, setConversationId] = useState(() => uuid());
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [askCoach, { loading: asking }] = useMutation(AskCoachMutation);
  const streamingId = useRef<string | null>(null);
  const end = useRef<HTMLDivElement>(null);

  useSubscription(CoachReplyChunkSubscription, {
    variables: { conversationId },
    onData: ({ data }) => {
      const chunk = data.data?.coachReplyChunk;
      const target = streamingId.current;
      if (!chunk || !target || !chunk.delta) return;
      setMessages((ms) => ms.map((m) => (m.id === target ? { ...m, content: m.content + chunk.delta } : m)));
    },
  });

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages]);

  function open(c: Conversations['coachConversations'][number]) {
    setConversationId(c.id);
    setMessages(c.messages.map((m) => ({ id: m.id, role: m.role, content: m.content })));
    setError(null);
  }

  function startNew() {
    setConversationId(uuid());
    setMessages([]);
    setError(null);
  }

  async function send(message: string) {
    const question = message.trim();
    if (!question || asking) return;
    const placeholder = `pending-${uuid()}`;
    streamingId.current = placeholder;
    setText('');
    setError(null);
    setMessages((ms) => [
      ...ms,
      { id: `user-${uuid()}`, role: 'user', content: question },
      { id: placeholder, role: 'assistant', content: '', streaming: true },
    ]);
    await whenLive(4000);
    try {
      const { data } = await askCoach({ variables: { message: question, conversationId } });
      const reply = data!.askCoach;
      setMessages((ms) =>
        ms.map((m) =>
          m.id === placeholder
            ? { id: reply.message.id, role: reply.message.role, content: reply.message.content, toolCalls: reply.toolCalls }
            : m,
        ),
      );
      void conversations.refetch();
    } catch (err) {
      setMessages((ms) => ms.filter((m) => m.id !== placeholder));
      setError(errorMessage(err));
    } finally {
      streamingId.current = null;
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(text);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void send(text);
    }
  };

  const list = conversations.data?.coachConversations ?? [];
  return (
    <>
      <PageHeader title="Coach" subtitle="Ask about your training: answers come from your own runs, shoes and plan." />
      <div className="coach-layout">
        <Card
          title="Conversations"
          titleId="conversations-title"
          className="coach-history"
          action={
            <Button variant="secondary" size="sm" onClick={startNew}>
              New
            </Button>
          }
        >
          {conversations.error && <ErrorBox error={conversations.error} title="History unavailable" />}
          {conversations.loading && !conversations.data && <Loading />}
          {conversations.data && !list.length && <p className="muted small">Your conversations appear here.</p>}
          <ul className="list conversations">
            {list.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={`conversation ${c.id === conversationId ? 'active' : ''}`}
                  aria-current={c.id === conversationId || undefined}
                  onClick={() => open(c)}
                >
                  <span className="conversation-title">{titleOf(c)}</span>
                  <span className="muted small">{formatRelative(c.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </Card>
        <section className="card chat" aria-label="Chat with the coach">
          <div className="chat-messages" aria-live="polite" data-testid="chat">
            {!messages.length && (
              <Empty title="What would you like to know?">
                <div className="suggestions">
                  {SUGGESTIONS.map((s) => (
                    <button key={s} type="button" className="chip" onClick={() => void send(s)}>
                      {s}
                    </button>
                  ))}
                </div>
              </Empty>
            )}
            {messages.map((m) => (
              <div
                key={m.id}
                className={`message message-${m.role === 'user' ? 'user' : 'coach'}`}
                data-testid={m.role === 'user' ? 'user-message' : 'coach-message'}
                aria-busy={m.streaming || undefined}
              >
                <span className="visually-hidden">{m.role === 'user' ? 'You said:' : 'Coach:'}</span>
                <p className="message-text">
                  {m.content}
                  {m.streaming && <span className="typing" aria-label="The coach is writing" />}
                </p>
                {m.toolCalls && m.toolCalls.length > 0 && (
                  <details className="tools" data-testid="tool-calls">
                    <summary>
                      <Icon name="tool" /> Based on {m.toolCalls.map((t) => t.name).join(', ')}
                    </summary>
                    <ul>
                      {m.toolCalls.map((t, i) => (
                        <li key={`${t.name}-${i}`}>
                          <code>{t.name}</code> <code className="muted">{t.arguments}</code>
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </div>
            ))}
            <div ref={end} />
          </div>
          {error && <ErrorBox error={error} title="The coach could not answer" />}
          <form className="chat-form" onSubmit={submit}>
            <label htmlFor="coach-input" className="visually-hidden">
              Your question
            </label>
            <textarea
              id="coach-input"
              rows={2}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onKeyDown}
              placeholder="Ask your coach, or tell it about a run: “I ran 10 km in 52:30” (Enter to send, Shift+Enter for a new line)"
              maxLength={4000}
            />
            <Button type="submit" busy={asking} disabled={!text.trim()} aria-label="Send">
              <Icon name="send" />
            </Button>
          </form>
        </section>
      </div>
    </>
  );
}
