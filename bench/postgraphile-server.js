#!/usr/bin/env node
// The peer of the peers benchmark, in a process of its own: PostGraphile v4 (a devDependency of the
// benchmark only) over the bench database, every request under the same runtime role and viewer
// setting as the gateway's (pgSettings: `SET LOCAL ROLE`, `set_config(…, true)` in PostGraphile's
// per-request transaction), so the same row-level security policies apply.
// Env: DATABASE_URL, PORT, VIEWER (user id). GET /readyz answers once the schema is built.
const http = require('node:http');
const Module = require('node:module');
const path = require('node:path');

// PostGraphile v4 needs graphql 15 while the project uses 16, so npm nests a copy of graphql 15 under
// each graphile package it could not hoist, and graphql refuses types from "another realm". Every
// `graphql` import of this process resolves to postgraphile's own copy instead.
const graphql15 = path.dirname(require.resolve('graphql/package.json', { paths: [path.dirname(require.resolve('postgraphile'))] }));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const redirected = request === 'graphql' || request.startsWith('graphql/') ? graphql15 + request.slice('graphql'.length) : request;
  return resolve.call(this, redirected, ...rest);
};
const { postgraphile } = require('postgraphile');
const { APP_ROLE, VIEWER_SETTING } = require('@maratron/migrations');

const middleware = postgraphile(process.env.DATABASE_URL, 'public', {
  pgSettings: { role: APP_ROLE, [VIEWER_SETTING]: process.env.VIEWER },
  disableDefaultMutations: true,
  disableQueryLog: true,
  retryOnInitFail: false,
  watchPg: false,
  graphiql: false,
  enableCors: false,
  ignoreRBAC: true,
  setofFunctionsContainNulls: false,
  legacyRelations: 'omit',
});

let ready = false;
middleware.getGraphQLSchema().then(
  () => (ready = true),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

http
  .createServer((req, res) => {
    if (req.url === '/readyz') {
      res.statusCode = ready ? 200 : 503;
      return void res.end();
    }
    middleware(req, res);
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
