import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageCreateParams } from '@anthropic-ai/sdk/resources/messages';

/** One scripted answer of the fake Messages API: a stream of text and tool_use blocks, or an HTTP error. */
export type FakeTurn =
  | {
      blocks: ({ type: 'text'; deltas: string[] } | { type: 'tool_use'; name: string; input: Record<string, unknown> })[];
      stopReason: 'end_turn' | 'tool_use';
    }
  | { status: number };

/**
 * The only fake the tests allow: the Anthropic Messages API on loopback, answering POST
 * /v1/messages with `stream: true` as server-sent events (message_start, content_block_start /
 * delta / stop for text and tool_use with input_json_delta, message_delta with the stop reason,
 * message_stop). Each request takes the next turn of the script; request bodies are kept.
 */
export async function startFakeAnthropic() {
  const requests: MessageCreateParams[] = [];
  let turns: FakeTurn[] = [];
  let gate: Promise<void> = Promise.resolve();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      requests.push(JSON.parse(body) as MessageCreateParams);
      const turn = turns.shift();
      await gate;
      if (!turn || 'status' in turn) {
        const status = turn?.status ?? 500;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ type: 'error', error: { type: status === 529 ? 'overloaded_error' : 'api_error', message: 'Overloaded' } }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (event: string, data: object) => res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
      send('message_start', {
        message: {
          id: `msg_${requests.length}`,
          type: 'message',
          role: 'assistant',
          model: 'fake',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 0 },
        },
      });
      turn.blocks.forEach((block, index) => {
        if (block.type === 'text') {
          send('content_block_start', { index, content_block: { type: 'text', text: '' } });
          for (const text of block.deltas) send('content_block_delta', { index, delta: { type: 'text_delta', text } });
        } else {
          send('content_block_start', {
            index,
            content_block: { type: 'tool_use', id: `toolu_${requests.length}_${index}`, name: block.name, input: {} },
          });
          const json = JSON.stringify(block.input);
          // The input arrives in pieces, as the real API sends it.
          for (const part of [json.slice(0, Math.ceil(json.length / 2)), json.slice(Math.ceil(json.length / 2))]) {
            send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: part } });
          }
        }
        send('content_block_stop', { index });
      });
      send('message_delta', { delta: { stop_reason: turn.stopReason, stop_sequence: null }, usage: { output_tokens: 20 } });
      send('message_stop', {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** The turns the next requests get, in order (unscripted requests get a 500). */
    script(next: FakeTurn[]) {
      turns = [...next];
      requests.length = 0;
    },
    /** Holds every answer until the returned function is called: a model slow to write. */
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = Promise.resolve();
        release();
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
