// Browser flows wait on a real server, real subscriptions and a real Chromium: generous timeouts.
jest.setTimeout(180_000);
