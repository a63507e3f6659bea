// The Python half of the in-browser edition (legcramps/browser/runtime.py), in a Web Worker: Python takes
// seconds to start, and the page must stay readable and scrollable meanwhile.
//
// From the page: {kind: 'boot', query, parts, lang} once (the address's share link, each live part's
// `data-live`, the page's language), then {kind: 'comm_msg', comm_id, data, buffers, msg_id} for every
// move of a control, and {kind: 'link', query} when the reader follows one of the dashboard's own links (followed in place).
// To the page: the widgets' comm_open / comm_msg / comm_close, {kind: 'shown', index, model_id} when a part
// is built, {kind: 'failed', index} when one could not be, {kind: 'idle', msg_id} after each message handled,
// {kind: 'timings', …, restored} once the parts are built, and {kind: 'kept'} once a snapshot is kept.
import { loadPyodide } from './pyodide/pyodide.mjs';

let receive = null;
let openLink = null;

function post(kind, payload, buffers) {
  const list = buffers ? buffers.toJs() : [];
  if (buffers) buffers.destroy();
  postMessage({ kind, payload, buffers: list });
}

// When each step ended, in ms from the worker's start (the page adds its own clock's offset): for the
// benchmarks' breakdown of time to interactive (window.lcTimings), never shown to a reader.
const timings = {};
function mark(name) { timings[name] = Math.round(performance.now()); }

// Python's memory as it is once it has started and imported the live parts (`runtime.prepare`), kept in the
// reader's browser after a first visit: a repeat visit restores it instead of starting Python and importing
// again (on the bench machine ~0.4 s instead of ~2.9 s; docs/architecture.md, "The in-browser edition"). This
// is Pyodide's own memory snapshot (its `_makeSnapshot` / `_loadSnapshot` options). It is kept in IndexedDB,
// which a page served over plain http on a school network has too (a service worker's cache does not). The
// build writes SNAPSHOT_KEY, a hash of Pyodide, our Python and the content: a new build never restores an old
// snapshot, and one that does not load is deleted and Python starts afresh.
const SNAPSHOT_KEY = '__SNAPSHOT_KEY__';
const snapshots = {
  usable: typeof indexedDB !== 'undefined',
  async store(mode, action) {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('legcramps', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('snapshots');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise((resolve, reject) => {
        const transaction = db.transaction('snapshots', mode);
        const request = action(transaction.objectStore('snapshots'));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = transaction.onabort = () => reject(transaction.error);
      });
    } finally {
      db.close();
    }
  },
  get() { return this.usable ? this.store('readonly', (s) => s.get(SNAPSHOT_KEY)) : Promise.resolve(undefined); },
  // One snapshot at a time: this build's replaces any other.
  put(bytes) { return this.store('readwrite', (s) => { s.clear(); return s.put(bytes, SNAPSHOT_KEY); }); },
  forget() { return this.store('readwrite', (s) => s.clear()); },
};

// Python, restored from this build's snapshot when there is one; started afresh (ready to make one) if not.
async function startPython(indexURL) {
  const kept = await snapshots.get().catch(() => undefined);
  if (kept) {
    try {
      const py = await loadPyodide({ indexURL, _loadSnapshot: kept });
      return { py, restored: true };
    } catch (error) {
      console.warn('legcramps: the kept Python snapshot did not load; starting afresh', error);
      await snapshots.forget().catch(() => undefined);
    }
  }
  return { py: await loadPyodide({ indexURL, _makeSnapshot: snapshots.usable }), restored: false };
}

// The page's language's content (build.py `content_file`); English's is always loaded too, as the snapshot
// keeps it (`runtime.prepare`).
function contentFile(lang) {
  return !lang || lang === 'en' ? 'content.pickle' : `content-${lang}.pickle`;
}

async function boot(query, parts, lang) {
  const here = new URL('.', self.location.href).href;
  const mine = contentFile(lang);
  const modules = fetch(here + 'app/python.zip').then((r) => r.arrayBuffer());
  const content = fetch(here + 'app/content.pickle').then((r) => r.arrayBuffer());
  const words = mine === 'content.pickle' ? null : fetch(here + 'app/' + mine).then((r) => r.arrayBuffer());
  const { py, restored } = await startPython(here + 'pyodide/');
  mark('pyodide');
  // The files, again after a restore too: a snapshot holds Python's memory, not its file system.
  py.unpackArchive(await modules, 'zip', { extractDir: '/app' });
  py.FS.writeFile('/app/content.pickle', new Uint8Array(await content));
  if (words) py.FS.writeFile('/app/' + mine, new Uint8Array(await words));
  py.runPython("import sys\nif '/app' not in sys.path: sys.path.insert(0, '/app')\n"
               + "from legcramps.browser import runtime\nruntime.prepare('/app/content.pickle')");
  let snapshot = null;
  if (!restored && snapshots.usable) {
    try {
      snapshot = py.makeMemorySnapshot();  // before any widget or reference to the page exists
    } catch (error) {
      console.warn('legcramps: no Python snapshot for the next visit', error);
    }
  }
  const runtime = py.pyimport('legcramps.browser.runtime');
  runtime.connect(post);
  mark('python');
  receive = runtime.receive;
  openLink = runtime.open_link;
  parts.forEach((part, index) => {
    try {
      const modelId = runtime.start(py.toPy(part), '/app/' + mine, query);
      mark('built_' + index);
      postMessage({ kind: 'shown', index, model_id: modelId });
    } catch (error) {
      console.error('legcramps: a live part could not be built', error);
      postMessage({ kind: 'failed', index });
    }
  });
  postMessage({ kind: 'timings', timings, origin: performance.timeOrigin, restored });
  if (snapshot) {
    await snapshots.put(snapshot).catch((error) => console.warn('legcramps: the Python snapshot was not kept', error));
    postMessage({ kind: 'kept' });
  }
}

self.onmessage = (event) => {
  const m = event.data;
  if (m.kind === 'boot') {
    boot(m.query, m.parts || [], m.lang).catch((error) => {
      console.error('legcramps: Python did not start', error);
      (m.parts || []).forEach((_, index) => postMessage({ kind: 'failed', index }));
    });
  } else if (m.kind === 'link' && openLink) {
    try {
      openLink(m.query);
    } catch (error) {
      console.error('legcramps: a link could not be followed in place', error);
    }
  } else if (m.kind === 'comm_msg' && receive) {
    try {
      receive(m.comm_id, m.data, m.buffers || [], m.msg_id);
    } catch (error) {
      console.error('legcramps: a widget message failed', error);
    }
    postMessage({ kind: 'idle', msg_id: m.msg_id });
  }
};
