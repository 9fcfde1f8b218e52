// Fan-out: N graphql-ws subscribers following one author on one gateway (a child process),
// then posts at a steady rate. Per post: latency from the mutation's start to each
// subscriber's receipt (p50/p99 over all deliveries), and deliveries/s while it fans out
// (N / time to the last receipt). Gateway memory per connection = RSS delta / N.
// The same clients against a bare `ws` broadcast server give the floor, in the same run.
const fs = require('node:fs');
const path = require('node:path');
const { createClient } = require('graphql-ws');
const { ROOT, startProcess } = require('./lib');
const { seedFanout } = require('./seed-social');

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

/** Opens `tokens.length` graphql-ws clients (in batches), each subscribed to the feed. */
async function connectSubscribers(wsUrl, tokens, onPost) {
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
          client.subscribe({ query: QUERY }, { next: (r) => onPost(r.data.feedPostAdded.text), error: () => {}, complete: () => {} });
        }),
    );
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

/**
 * One fan-out run against `target` ('gateway' or 'bare'): N subscribers, `posts` posts at
 * `rate` per second. Returns the figures as one row.
 */
async function benchFanout({ dbUrl, target, subscribers, posts, rate, port }) {
  const server =
    target === 'gateway'
      ? await startProcess('gateway/dist/main.js', { DATABASE_URL: dbUrl, REDIS_URL: '', SEED_DEMO: 'false', JWT_SECRET: SECRET }, port)
      : await startProcess('bench/bare-broadcast.js', {}, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    // The gateway has migrated the database by now; the bare server needs no data.
    const { fanIds, authorId } = target === 'gateway' ? await seedFanout(dbUrl, subscribers) : { fanIds: Array.from({ length: subscribers }, (_, i) => `fan-${i}`), authorId: 'author' };
    const { TokenService } = require(path.join(ROOT, 'gateway/dist/auth/tokens.js'));
    const tokens = new TokenService(SECRET, 3600);
    const authorToken = tokens.issue(authorId);
    let publish;
    if (target === 'gateway') {
      const run = await gql(base, `mutation { createRun(input: { startedAt: "${new Date(Date.now() - 3600_000).toISOString()}", distance: 10000, duration: 3000 }) { id } }`, {}, authorToken);
      const q = `mutation($t: String!, $r: ID!) { createPost(input: { text: $t, runId: $r }) { id } }`;
      publish = (text) => gql(base, q, { t: text, r: run.createRun.id }, authorToken);
    } else {
      publish = (text) => fetch(`${base}/publish`, { method: 'POST', body: JSON.stringify({ text }) }).then((r) => r.json());
    }

    const sentAt = [];
    const received = Array.from({ length: posts }, () => []);
    let warmups = 0;
    const onPost = (text) => {
      if (text === 'warm-up') warmups += 1;
      else {
        const k = Number(text.slice(1));
        received[k].push(Date.now() - sentAt[k]);
      }
    };
    const rssBefore = rssBytes(server.child.pid);
    const clients = await connectSubscribers(`ws://127.0.0.1:${port}/graphql`, fanIds.slice(0, subscribers).map((id) => tokens.issue(id)), onPost);
    // Subscriptions register asynchronously: warm up until every client has received one post.
    for (let attempt = 0; attempt < 20 && warmups < subscribers; attempt++) {
      warmups = 0;
      await publish('warm-up');
      const until = Date.now() + 5000;
      while (warmups < subscribers && Date.now() < until) await sleep(50);
    }
    if (warmups < subscribers) throw new Error(`only ${warmups}/${subscribers} subscribers received the warm-up`);
    const rssAfter = rssBytes(server.child.pid);

    for (let k = 0; k < posts; k++) {
      const due = Date.now() + 1000 / rate;
      sentAt[k] = Date.now();
      publish(`#${k}`).catch((err) => console.error('post failed', err.message));
      await sleep(Math.max(0, due - Date.now()));
    }
    const until = Date.now() + 30_000;
    while (received.some((r) => r.length < subscribers) && Date.now() < until) await sleep(50);

    const all = received.flat().sort((a, b) => a - b);
    const perPost = received.map((r) => (r.length / Math.max(1, Math.max(...r))) * 1000).sort((a, b) => a - b);
    const missing = posts * subscribers - all.length;
    await Promise.all(clients.map((c) => c.dispose()));
    return {
      title: `${target === 'gateway' ? 'Maratron gateway' : 'bare ws broadcast'}, ${subscribers.toLocaleString('en')} subscribers`,
      subscribers,
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      max: all[all.length - 1],
      deliveriesPerSecond: percentile(perPost, 50),
      kbPerConnection: (rssAfter - rssBefore) / subscribers / 1024,
      missing,
    };
  } finally {
    await server.stop();
  }
}

function fanoutRow(r) {
  return `| ${r.title} | ${r.p50} | ${r.p99} | ${r.max} | ${Math.round(r.deliveriesPerSecond).toLocaleString('en')} | ${r.kbPerConnection.toFixed(1)} | ${r.missing} |`;
}

module.exports = { benchFanout, fanoutRow };
