// The fan-out floor: a bare `ws` server that speaks just enough of graphql-transport-ws for
// the benchmark's graphql-ws clients, and on POST /publish sends one post to every
// subscriber — serialised once, framed per socket with its operation id. No GraphQL, no
// database. Started as a child process by bench/run.js (PORT from the environment).
const http = require('node:http');
const { WebSocketServer } = require('ws');

const subscribers = new Map(); // socket -> operation id
let seq = 0;

const server = http.createServer((req, res) => {
  if (req.url === '/readyz') return void res.end('ok');
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const { text } = JSON.parse(body);
    const post = {
      id: `post-${++seq}`,
      text,
      createdAt: new Date().toISOString(),
      author: { name: 'Fan-out Author' },
      run: { distance: 10000, duration: 3000, pace: 300 },
      likeCount: 0,
      commentCount: 0,
    };
    const payload = JSON.stringify({ data: { feedPostAdded: post } });
    for (const [socket, id] of subscribers) socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
    res.end('{}');
  });
});

const wss = new WebSocketServer({ server, path: '/graphql', handleProtocols: () => 'graphql-transport-ws' });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
    else if (message.type === 'ping') socket.send('{"type":"pong"}');
    else if (message.type === 'subscribe') subscribers.set(socket, message.id);
    else if (message.type === 'complete') subscribers.delete(socket);
  });
  socket.on('close', () => subscribers.delete(socket));
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  for (const socket of wss.clients) socket.terminate();
  server.close(() => process.exit(0));
});
