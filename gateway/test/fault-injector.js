// Preloaded into a gateway process under test (NODE_OPTIONS=--require): on SIGUSR2 it causes the
// fault MARATRON_TEST_FAULT names, outside any request — the kind of bug nobody catches, which the
// process-level policy (src/process-faults.ts) is there for. Never loaded outside tests.
process.on('SIGUSR2', () => {
  const fault = process.env.MARATRON_TEST_FAULT;
  if (fault === 'rejection') void Promise.reject(new Error('injected: a promise nobody waited for'));
  if (fault === 'exception') {
    setImmediate(() => {
      throw new Error('injected: a throw out of a callback');
    });
  }
});
