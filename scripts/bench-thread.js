// A bare worker thread for `npm run bench`'s machine-ceiling line: the pool
// worker's own task (extract and serialise each article), loaded from the
// same bundle as the pool's threads (its URL is the workerData), over the
// articles it is sent, with no pool, no input parsing and no output, so that
// two of these at once show how far this machine lets the pipeline scale.
import { parentPort, workerData } from 'node:worker_threads';

const { default: extractArticles } = await import(workerData);
parentPort.on('message', ({ articles }) => {
  const t0 = performance.now();
  extractArticles(articles.map((a) => ({ id: a.id, text: a.text, source: { path: 'bench' }, slot: 0, pretty: false })));
  parentPort.postMessage(performance.now() - t0);
});
