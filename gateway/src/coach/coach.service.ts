import { randomUUID } from 'node:crypto';
import { APIError } from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { coachMessageSchema, DomainError, notFound, parseId, parseInput, trainingPlanInputSchema, unauthenticated } from '@maratron/domain';
import { CoachConversation, CoachMessage } from '@maratron/schema';
import type { DomainErrorCode, UnitSystem } from '@maratron/domain';
import type { ToolOutput } from '@maratron/ai-server';
import type { CoachReply, TrainingPlan } from '@maratron/schema';
import { TokenService, coachToolScopes, pageSize, requireViewer, hydrate, CONVERSATION_COLUMNS, MESSAGE_COLUMNS } from '@maratron/core';
import type { Config, RequestContext, EventBus, StoredCoachMessage, TrainingPlansService } from '@maratron/core';
import { runClaude } from './claude';
import type { CoachTurn } from './claude';
import { runLocalCoach } from './local-coach';
import { openMcpSession } from './mcp-client';
import type { ToolOutcome } from './mcp-client';

/** How long one answer may take, tool calls included. */
export const COACH_DEADLINE_MS = 60_000;
/** Earlier messages of the conversation the model sees. */
const HISTORY_MESSAGES = 20;
/** The ai-server token issued per answer lives this long: enough for one answer, useless after. */
const TOOL_TOKEN_TTL_SECONDS = 120;

type CoachConfig = Pick<Config, 'aiServerUrl' | 'aiServerPort' | 'anthropic'> & { jwtSecret: string };

/**
 * The coach, the MCP host: stores conversations, answers through the ai-server's tools (with
 * Claude when ANTHROPIC_API_KEY is set, the local coach otherwise), and streams the answer as
 * `coach.chunk` events to the conversation's owner.
 */
export class CoachService {
  private readonly toolTokens: TokenService;
  private readonly mcpUrl: string;

  constructor(
    private readonly config: CoachConfig,
    private readonly events: EventBus,
    private readonly plans: TrainingPlansService,
  ) {
    this.toolTokens = new TokenService(config.jwtSecret, TOOL_TOKEN_TTL_SECONDS);
    this.mcpUrl = config.aiServerUrl ?? `http://127.0.0.1:${config.aiServerPort}/mcp`;
  }

  /**
   * One question and its answer, stored together: nothing is stored when the answer fails. A
   * conversation id the viewer has not used yet starts a conversation of theirs; someone else's
   * is NOT_FOUND (it is not visible to the viewer at all).
   */
  async ask(ctx: RequestContext, messageInput: string, conversationIdInput: string | null | undefined): Promise<CoachReply> {
    const { viewerId, toolToken } = this.toolToken(ctx);
    const message = parseInput(coachMessageSchema, messageInput, 'message');
    const conversationId = conversationIdInput ? parseId(conversationIdInput, 'conversationId') : randomUUID();
    const askedAt = new Date();
    // Refused before the model is asked, but nothing stored until there is an answer.
    const { history, units } = await ctx.db.dryRun(async () => {
      await this.claim(ctx, viewerId, conversationId);
      // The local coach writes distances and paces in the runner's units.
      const [viewer] = await ctx.db.query<{ units: UnitSystem }>(`SELECT units FROM users WHERE id = $1`, [viewerId]);
      return { history: await this.history(ctx, conversationId), units: viewer?.units ?? 'METRIC' };
    });
    // An answer may take up to a minute, and its tool calls need connections of their own: no
    // connection is held while the model writes (a few concurrent questions would otherwise
    // empty the pool and stall every request, the coach's tools included).
    await ctx.db.commitAndRelease();
    const turn = await this.answer(viewerId, toolToken, conversationId, history, message, units);
    return ctx.db.transaction(async () => {
      await this.claim(ctx, viewerId, conversationId);
      await this.insertMessage(ctx, conversationId, 'user', message, [], askedAt);
      const stored = await this.insertMessage(ctx, conversationId, 'assistant', turn.text, turn.toolCalls);
      await ctx.db.execute(`UPDATE coach_conversations SET updated_at = now() WHERE id = $1`, [conversationId]);
      return { conversationId, message: stored, toolCalls: turn.toolCalls };
    });
  }

  async conversation(ctx: RequestContext, id: string): Promise<CoachConversation | null> {
    requireViewer(ctx);
    const rows = await ctx.db.query<CoachConversation>(`SELECT ${CONVERSATION_COLUMNS} FROM coach_conversations c WHERE c.id = $1`, [
      parseId(id),
    ]);
    return hydrate(CoachConversation, rows)[0] ?? null;
  }

  /** The viewer's conversations, most recently active first. */
  async conversations(ctx: RequestContext, first: number | null | undefined): Promise<CoachConversation[]> {
    const viewerId = requireViewer(ctx);
    const limit = pageSize(first);
    const rows = await ctx.db.query<CoachConversation>(
      `SELECT ${CONVERSATION_COLUMNS} FROM coach_conversations c
        WHERE c.user_id = $1 ORDER BY c.updated_at DESC, c.id DESC LIMIT $2`,
      [viewerId, limit],
    );
    return hydrate(CoachConversation, rows);
  }

  /**
   * generateTrainingPlan: validated here by the same rule as the tool, then generated and stored
   * by the ai-server's generate_training_plan tool acting as the viewer, and read back.
   */
  async generatePlan(ctx: RequestContext, input: unknown): Promise<TrainingPlan> {
    const { toolToken } = this.toolToken(ctx);
    const req = parseInput(trainingPlanInputSchema, input);
    const mcp = await this.connect(toolToken);
    let outcome;
    try {
      outcome = await mcp.call('generate_training_plan', { ...req, raceDate: req.raceDate.toISOString() });
    } finally {
      await mcp.close().catch(() => undefined);
    }
    if (outcome.isError) throw fromToolError(outcome);
    const plan = await this.plans.get(ctx, (outcome.result as ToolOutput<'generatePlan'>).id);
    if (!plan) throw notFound('TrainingPlan');
    return plan;
  }

  /**
   * The viewer, and a short-lived token for the ai-server's tools acting for the request's own
   * credential: its session (ending that session refuses it too), or its personal access token
   * (revoking that refuses it too; the tools get the token's scopes and the coach's reads).
   */
  private toolToken(ctx: RequestContext): { viewerId: string; toolToken: string } {
    const viewerId = requireViewer(ctx);
    if (ctx.sessionId) return { viewerId, toolToken: this.toolTokens.issue(viewerId, ctx.sessionId) };
    if (ctx.accessTokenId && ctx.scopes) {
      return { viewerId, toolToken: this.toolTokens.issueDelegated(viewerId, ctx.accessTokenId, coachToolScopes(ctx.scopes)) };
    }
    throw unauthenticated('Sign in first: this needs a signed-in session or an access token');
  }

  /** An MCP session as the runner, with a tool token (see toolToken). */
  private async connect(toolToken: string, signal?: AbortSignal) {
    try {
      return await openMcpSession(this.mcpUrl, toolToken, signal);
    } catch (error) {
      throw unavailable('the coach cannot reach its tools (ai-server)', error);
    }
  }

  /**
   * The viewer's conversation, created when the id is new. Row-level security hides other
   * runners' conversations, so an id taken by someone else shows up only as a conflict.
   */
  private async claim(ctx: RequestContext, viewerId: string, id: string): Promise<void> {
    if (await ctx.db.execute(`SELECT 1 FROM coach_conversations WHERE id = $1 FOR UPDATE`, [id])) return;
    const created = await ctx.db.execute(`INSERT INTO coach_conversations (id, user_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, [
      id,
      viewerId,
    ]);
    if (!created) throw notFound('Conversation');
  }

  private async history(ctx: RequestContext, conversationId: string): Promise<MessageParam[]> {
    const rows = await ctx.db.query<{ role: 'user' | 'assistant'; content: string }>(
      `SELECT role, content FROM (SELECT m.role, m.content, m.created_at, m.id FROM coach_messages m WHERE m.conversation_id = $1
        ORDER BY m.created_at DESC, m.id DESC LIMIT $2) recent ORDER BY created_at, id`,
      [conversationId, HISTORY_MESSAGES],
    );
    return rows.map((r) => ({ role: r.role, content: r.content }));
  }

  private async insertMessage(
    ctx: RequestContext,
    conversationId: string,
    role: string,
    content: string,
    toolCalls: CoachTurn['toolCalls'],
    at?: Date,
  ): Promise<CoachMessage> {
    const rows = await ctx.db.query<StoredCoachMessage>(
      `INSERT INTO coach_messages AS m (conversation_id, role, content, tool_calls, created_at)
       VALUES ($1, $2, $3, $4, coalesce($5, clock_timestamp())) RETURNING ${MESSAGE_COLUMNS}`,
      [conversationId, role, content, JSON.stringify(toolCalls), at ?? null],
    );
    return hydrate(CoachMessage, rows)[0];
  }

  /**
   * The answer, through the ai-server's MCP tools as this runner (a short-lived token the
   * gateway issues; the runner's id never comes from the client), streamed as it is written.
   * Bounded by COACH_DEADLINE_MS; a failing model or ai-server is COACH_UNAVAILABLE.
   */
  private async answer(
    userId: string,
    toolToken: string,
    conversationId: string,
    history: MessageParam[],
    message: string,
    units: UnitSystem,
  ): Promise<CoachTurn> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), COACH_DEADLINE_MS);
    const chunk = (delta: string, done: boolean) => this.events.publish('coach.chunk', { conversationId, userId, delta, done });
    let mcp;
    try {
      mcp = await this.connect(toolToken, deadline.signal);
    } catch (error) {
      clearTimeout(timer);
      throw error;
    }
    try {
      const { apiKey, model, baseUrl } = this.config.anthropic;
      const turn = apiKey
        ? await runClaude({ apiKey, model, baseUrl, signal: deadline.signal }, mcp, [...history, { role: 'user', content: message }], (d) =>
            chunk(d, false),
          )
        : await runLocalCoach(mcp, message, (d) => chunk(d, false), units);
      chunk('', true);
      return turn;
    } catch (error) {
      chunk('', true);
      if (deadline.signal.aborted) throw unavailable(`the coach took longer than ${COACH_DEADLINE_MS / 1000} s`, error);
      if (error instanceof APIError) throw unavailable(`the language model answered ${error.status ?? 'with an error'}`, error);
      throw error;
    } finally {
      clearTimeout(timer);
      await mcp.close().catch(() => undefined);
    }
  }
}

function unavailable(reason: string, cause: unknown): DomainError {
  const error = new DomainError('COACH_UNAVAILABLE', `The coach is unavailable: ${reason}. Try again in a moment.`);
  (error as { cause?: unknown }).cause = cause;
  return error;
}

/** The tool errors that are the runner's to see as they are; any other failure means the coach's tools failed. */
const PASSED_ON: readonly string[] = ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED'] satisfies DomainErrorCode[];
const passedOn = (code: string): code is DomainErrorCode => PASSED_ON.includes(code);

/** A tool's error (its code, field, reason and retry time come as data) as the DomainError it was. */
function fromToolError({ error, text }: Extract<ToolOutcome, { isError: true }>): DomainError {
  if (!error || !passedOn(error.code)) return unavailable(error?.message ?? text, null);
  const { code, message, ...details } = error;
  return new DomainError(code, message, details);
}
