// Loaded (--import) into every process of `npm test`'s runs (scripts/test.mjs): a test file's process reports
// its results to the runner through its stdout, a pipe, and --test-force-exit ends that process as soon as its
// last test is done, dropping any reports still queued on the pipe: the run then counted fewer tests than ran,
// without a failure (nodejs/node#64833; seen here on Node.js 20 and 24 alike, 149 of 178 tests of one file
// reported). With blocking writes, every report is in the pipe before the process can exit.
process.stdout._handle?.setBlocking?.(true);
