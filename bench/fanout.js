// Fan-out: N graphql-ws subscribers following one author on one gateway (a child process),
// then posts at a steady rate. Per post: latency from the mutation's start to each
// subscriber's receipt (p50/p99 over all deliveries), and deliveries/s while it fans out
// (N / time to its last receipt, median over posts). Gateway memory per connection = RSS
// growth from connecting and subscribing the N clients, / N.
// The floor is a bare `ws` broadcast server (bench/bare-broadcast.js) with its own N
// identical clients. Both run at once and take turns, post by post, so that whatever else
// the machine does at that moment weighs on both alike: compare them as a ratio.
const fs = require('node:fs');
const path = require('node:path');
const { createClient } = require('graphql-ws');
const { ROOT, startProcess } = require('./lib');
const { openSessions, seedFanout } = require('./seed-social');

const WebSocket = require(require.resolve('ws', { paths: [path.join(ROOT, 'gateway')] }));
const SECRET = 'bench-fanout';
const QUERY = `subscription { feedPostAdded { id text createdAt author { name } run { distance duration pace } likeCount commentCount } }`;

const rssBytes = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function gql(base, query, variables, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Opens one graphql-ws client per token (in batches), each subscribed to the feed. */
async function connectSubscribers(wsUrl, tokens, onText) {
  const clients = [];
  for (let i = 0; i < tokens.length; i += 250) {
    const batch = tokens.slice(i, i + 250).map(
      (token) =>
        new Promise((resolve, reject) => {
          const client = createClient({
            url: wsUrl,
            webSocketImpl: WebSocket,
            lazy: false,
            retryAttempts: 0,
            keepAlive: 0,
            connectionParams: { authorization: `Bearer ${token}` },
            on: { connected: () => resolve(client), error: reject },
          });
          client.subscribe({ query: QUERY }, { next: (r) => onText(r.data.feedPostAdded.text), error: () => {}, complete: () => {} });
        }),
    );
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

/** One fan-out target: a server process, its N subscribers, and how to post to it. */
async function startTarget(kind, dbUrl, subscribers, port, posts) {
  const server =
    kind === 'gateway'
      ? await startProcess('gateway/dist/main.js', { DATABASE_URL: dbUrl, REDIS_URL: '', SEED_DEMO: 'false', JWT_SECRET: SECRET }, port)
      : await startProcess('bench/bare-broadcast.js', {}, port);
  const base = `http://127.0.0.1:${port}`;
  const target = { kind, server, sentAt: [], received: Array.from({ length: posts }, () => []), warmups: 0, clients: [] };
  let tokens;
  if (kind === 'gateway') {
    // The gateway has migrated the database by now.
    const { fanIds, authorId } = await seedFanout(dbUrl, subscribers);
    const { TokenService } = require('@maratron/core');
    const issuer = new TokenService(SECRET, 3600);
    const fans = fanIds.slice(0, subscribers);
    const [authorSession, ...fanSessions] = await openSessions(dbUrl, [authorId, ...fans]);
    const authorToken = issuer.issue(authorId, authorSession);
    const startedAt = new Date(Date.now() - 3600_000).toISOString();
    const run = await gql(
      base,
      `mutation { createRun(input: { startedAt: "${startedAt}", distance: 10000, duration: 3000 }) { id } }`,
      {},
      authorToken,
    );
    const q = `mutation($t: String!, $r: ID!) { createPost(input: { text: $t, runId: $r }) { id } }`;
    target.publish = (text) => gql(base, q, { t: text, r: run.createRun.id }, authorToken);
    tokens = fans.map((id, i) => issuer.issue(id, fanSessions[i]));
  } else {
    target.publish = (text) => fetch(`${base}/publish`, { method: 'POST', body: JSON.stringify({ text }) }).then((r) => r.json());
    tokens = Array.from({ length: subscribers }, () => 'unused');
  }
  const rssBefore = rssBytes(server.child.pid);
  target.clients = await connectSubscribers(`ws://127.0.0.1:${port}/graphql`, tokens, (text) => {
    if (text === 'warm-up') target.warmups += 1;
    else target.received[Number(text.slice(1))].push(Date.now() - target.sentAt[Number(text.slice(1))]);
  });
  // Subscriptions register asynchronously: warm up until every client has received a post.
  for (let attempt = 0; attempt < 20 && target.warmups < subscribers; attempt++) {
    target.warmups = 0;
    await target.publish('warm-up');
    const until = Date.now() + 5000;
    while (target.warmups < subscribers && Date.now() < until) await sleep(50);
  }
  if (target.warmups < subscribers) throw new Error(`${kind}: only ${target.warmups}/${subscribers} subscribers received the warm-up`);
  target.kbPerConnection = (rssBytes(server.child.pid) - rssBefore) / subscribers / 1024;
  return target;
}

function figures(target, subscribers, posts) {
  const all = target.received.flat().sort((a, b) => a - b);
  const perPost = target.received.map((r) => (r.length / Math.max(1, Math.max(...r))) * 1000).sort((a, b) => a - b);
  return {
    title: `${target.kind === 'gateway' ? 'Maratron gateway' : 'bare ws broadcast'}, ${subscribers.toLocaleString('en')} subscribers`,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all[all.length - 1],
    deliveriesPerSecond: percentile(perPost, 50),
    kbPerConnection: target.kbPerConnection,
    missed: posts * subscribers - all.length,
  };
}

/**
 * N subscribers on the gateway and N on the bare server; `posts` posts to each at `rate`
 * per second, alternating between the two. Returns [bare, gateway] figures.
 */
async function benchFanout({ dbUrl, subscribers, posts, rate, ports }) {
  const targets = [];
  try {
    targets.push(await startTarget('bare', dbUrl, subscribers, ports[0], posts));
    targets.push(await startTarget('gateway', dbUrl, subscribers, ports[1], posts));
    const gap = 1000 / rate / targets.length;
    for (let k = 0; k < posts; k++) {
      for (const target of targets) {
        const due = Date.now() + gap;
        target.sentAt[k] = Date.now();
        target.publish(`#${k}`).catch((err) => console.error(`${target.kind}: post failed`, err.message));
        await sleep(Math.max(0, due - Date.now()));
      }
    }
    const until = Date.now() + 30_000;
    while (targets.some((t) => t.received.some((r) => r.length < subscribers)) && Date.now() < until) await sleep(50);
    return targets.map((t) => figures(t, subscribers, posts));
  } finally {
    for (const target of targets) {
      await Promise.all(target.clients.map((c) => c.dispose()));
      await target.server.stop();
    }
  }
}

function fanoutRow(r) {
  return `| ${r.title} | ${r.p50} | ${r.p99} | ${r.max} | ${Math.round(r.deliveriesPerSecond).toLocaleString('en')} | ${r.kbPerConnection.toFixed(1)} | ${r.missed} |`;
}

module.exports = { benchFanout, fanoutRow };
