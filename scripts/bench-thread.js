// A bare worker thread for `npm run bench`'s machine-ceiling line: the pool
// worker's own task (extract and serialise each article), loaded from the
// same bundle as the pool's threads (its URL is the workerData), over the
// articles it is sent, with no pool, no input parsing and no output, so that
// two of these at once show how far this machine lets the pipeline scale.
//
// The articles go through `perTask` at a time, as the pool hands them out,
// and each task's records are dropped as soon as it returns: given all at
// once, the thread held every record until the end, and a few thousand
// articles ran out of the pool's 96 MB heap (its cap then).
import { parentPort, workerData } from 'node:worker_threads';

const { default: extractArticles } = await import(workerData);
parentPort.on('message', ({ articles, perTask }) => {
  const t0 = performance.now();
  for (let from = 0; from < articles.length; from += perTask) {
    extractArticles(articles.slice(from, from + perTask).map((a) => ({ id: a.id, text: a.text, source: { path: 'bench' }, slot: 0, pretty: false })));
  }
  parentPort.postMessage(performance.now() - t0);
});
