// The embedding peer (embed_peer.sh): all-MiniLM-L6-v2 through Microsoft's ONNX Runtime's Node binding, on the
// service's model file and the service's token ids (EmbedRef.java prepare), mean pooling and length 1 as langchain4j.
// One configuration per process, so that the process's CPU time (getrusage: every thread, ONNX Runtime's included)
// belongs to it alone:
//
//   node embed_peer.mjs DIR '{"model":"q","workers":2,"intra":1,"batch":1,"opt":"all","spin":false,"runs":3}'
//
// model q|fp32 (DIR/q.onnx, DIR/fp32.onnx); workers: sessions, each in its own worker thread, the pieces dealt
// among them in turn; intra: each session's intra-op threads; batch: pieces per run, padded to the longest;
// opt: graph optimisation level (disabled|basic|extended|all); spin: whether idle intra-op threads spin.
// Prints one line of JSON: each run's pieces/s and CPU ms per piece, and the cosine of each piece's vector to the
// service's (DIR/ref-MODEL.f32): min and mean.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';

const DIM = 384;

async function openSession(dir, cfg) {
  return ort.InferenceSession.create(join(dir, `${cfg.model}.onnx`), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: cfg.opt,
    executionMode: 'sequential',
    intraOpNumThreads: cfg.intra,
    interOpNumThreads: 1,
    enableCpuMemArena: cfg.arena ?? false,
    enableMemPattern: cfg.arena ?? false,
    extra: { session: { intra_op: { allow_spinning: cfg.spin ? '1' : '0' }, inter_op: { allow_spinning: '0' } } },
  });
}

/** Vectors (length 1) of the pieces, `batch` per run, padded to the batch's longest; mean over the real tokens. */
async function embed(session, pieces, batch) {
  const out = [];
  for (let i = 0; i < pieces.length; i += batch) {
    const group = pieces.slice(i, i + batch);
    const len = Math.max(...group.map((p) => p.length));
    const ids = new BigInt64Array(group.length * len);
    const mask = new BigInt64Array(group.length * len);
    group.forEach((p, b) => p.forEach((id, t) => { ids[b * len + t] = BigInt(id); mask[b * len + t] = 1n; }));
    const dims = [group.length, len];
    const feeds = { input_ids: new ort.Tensor('int64', ids, dims), attention_mask: new ort.Tensor('int64', mask, dims) };
    if (session.inputNames.includes('token_type_ids')) {
      feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(group.length * len), dims);
    }
    const result = await session.run(feeds);
    const hidden = result[session.outputNames[0]].data;
    group.forEach((p, b) => {
      const v = new Float64Array(DIM);
      for (let t = 0; t < p.length; t++) {
        const base = (b * len + t) * DIM;
        for (let d = 0; d < DIM; d++) v[d] += hidden[base + d];
      }
      let norm = 0;
      for (let d = 0; d < DIM; d++) { v[d] /= p.length; norm += v[d] * v[d]; }
      norm = Math.sqrt(norm);
      out.push(Float32Array.from(v, (x) => x / norm));
    });
  }
  return out;
}

if (isMainThread) {
  const [dir, json] = process.argv.slice(2);
  const cfg = { model: 'q', workers: 1, intra: 1, batch: 1, opt: 'all', spin: false, runs: 3, ...JSON.parse(json ?? '{}') };
  const ids = JSON.parse(readFileSync(join(dir, 'ids.json'), 'utf8'));
  const ref = new Float32Array(readFileSync(join(dir, `ref-${cfg.model}.f32`)).buffer.slice(0));
  // Piece i goes to worker i % workers; each worker's vectors come back in its own order.
  const shares = Array.from({ length: cfg.workers }, (_, w) => ids.filter((_, i) => i % cfg.workers === w));
  const workers = shares.map((share) => new Worker(new URL(import.meta.url), { workerData: { dir, cfg, share } }));
  const next = (w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
  await Promise.all(workers.map(next));                               // sessions open, one warm-up pass done
  const runs = [];
  let vectors;
  for (let r = 0; r < cfg.runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const results = await Promise.all(workers.map((w) => { const m = next(w); w.postMessage('run'); return m; }));
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    runs.push({ itemsPerS: +(ids.length / wall).toFixed(1), cpuMsPerItem: +((c.user + c.system) / 1000 / ids.length).toFixed(3) });
    vectors = results;
  }
  let min = 1, sum = 0;
  ids.forEach((_, i) => {
    const v = vectors[i % cfg.workers][Math.floor(i / cfg.workers)];
    let dot = 0;
    for (let d = 0; d < DIM; d++) dot += v[d] * ref[i * DIM + d];
    min = Math.min(min, dot);
    sum += dot;
  });
  workers.forEach((w) => w.terminate());
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ cfg, runs, cosineMin: +min.toFixed(6), cosineMean: +(sum / ids.length).toFixed(6), peakRssMb }));
} else {
  const { dir, cfg, share } = workerData;
  const session = await openSession(dir, cfg);
  await embed(session, share.slice(0, 32), cfg.batch);
  parentPort.postMessage('ready');
  parentPort.on('message', async () => {
    const vectors = await embed(session, share, cfg.batch);
    parentPort.postMessage(vectors);
  });
}
