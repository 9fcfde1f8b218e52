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
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const TITLES = {
  bare: 'bare ws broadcast',
  gateway: 'Maratron gateway',
  gateways: 'two Maratron gateways through Redis (split subscribers)',
};
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
  // 'gateways': two gateway processes sharing events through Redis, the subscribers split across
  // both, the author posting to the first.
  const gatewayEnv = {
    DATABASE_URL: dbUrl,
    REDIS_URL: kind === 'gateways' ? REDIS_URL : '',
    SEED_DEMO: 'false',
    JWT_SECRET: SECRET,
    AI_SERVER_PORT: '0',
  };
  const servers =
    kind === 'bare'
      ? [await startProcess('bench/bare-broadcast.js', {}, port)]
      : kind === 'gateway'
        ? [await startProcess('gateway/dist/main.js', gatewayEnv, port)]
        : [await startProcess('gateway/dist/main.js', gatewayEnv, port), await startProcess('gateway/dist/main.js', gatewayEnv, port + 1)];
  const server = { stop: () => Promise.all(servers.map((s) => s.stop())) };
  const base = `http://127.0.0.1:${port}`;
  const target = { kind, server, sentAt: [], received: Array.from({ length: posts }, () => []), warmups: 0, clients: [] };
  let tokens;
  if (kind !== 'bare') {
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
  const rss = () => servers.reduce((sum, s) => sum + rssBytes(s.child.pid), 0);
  const rssBefore = rss();
  const onText = (text) => {
    if (text === 'warm-up') target.warmups += 1;
    else target.received[Number(text.slice(1))].push(Date.now() - target.sentAt[Number(text.slice(1))]);
  };
  const share = Math.ceil(tokens.length / servers.length);
  for (let i = 0; i < servers.length; i++)
    target.clients.push(
      ...(await connectSubscribers(`ws://127.0.0.1:${port + i}/graphql`, tokens.slice(i * share, (i + 1) * share), onText)),
    );
  // Subscriptions register asynchronously: warm up until every client has received a post.
  for (let attempt = 0; attempt < 20 && target.warmups < subscribers; attempt++) {
    target.warmups = 0;
    await target.publish('warm-up');
    const until = Date.now() + 5000;
    while (target.warmups < subscribers && Date.now() < until) await sleep(50);
  }
  if (target.warmups < subscribers) throw new Error(`${kind}: only ${target.warmups}/${subscribers} subscribers received the warm-up`);
  target.kbPerConnection = (rss() - rssBefore) / subscribers / 1024;
  return target;
}

function figures(target, subscribers, posts) {
  const all = target.received.flat().sort((a, b) => a - b);
  const perPost = target.received.map((r) => (r.length / Math.max(1, Math.max(...r))) * 1000).sort((a, b) => a - b);
  return {
    title: `${TITLES[target.kind]}, ${subscribers.toLocaleString('en')} subscribers`,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all[all.length - 1],
    deliveriesPerSecond: percentile(perPost, 50),
    kbPerConnection: target.kbPerConnection,
    missed: posts * subscribers - all.length,
  };
}

/**
 * N subscribers on each of `kinds` (the bare server, one gateway, or two gateways through Redis);
 * `posts` posts to each at `rate` per second, taking turns. Returns the figures in that order.
 */
async function benchFanout({ dbUrl, subscribers, posts, rate, ports, kinds = ['bare', 'gateway'] }) {
  const targets = [];
  try {
    for (const [i, kind] of kinds.entries()) targets.push(await startTarget(kind, dbUrl, subscribers, ports[i], posts));
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
