// The Python half of the in-browser edition (legcramps/browser/runtime.py), in a Web Worker: Python takes
// seconds to start, and the page must stay readable and scrollable meanwhile.
//
// From the page: {kind: 'boot', query, parts} once (the address's share link, and each live part's
// `data-live`), then {kind: 'comm_msg', comm_id, data, buffers, msg_id} for every move of a control, and
// {kind: 'link', query} when the reader follows one of the dashboard's own links (followed in place).
// To the page: the widgets' comm_open / comm_msg / comm_close, {kind: 'shown', index, model_id} when a part
// is built, {kind: 'failed', index} when one could not be, {kind: 'idle', msg_id} after each message handled.
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

async function boot(query, parts) {
  const here = new URL('.', self.location.href).href;
  const modules = fetch(here + 'app/python.zip').then((r) => r.arrayBuffer());
  const content = fetch(here + 'app/content.pickle').then((r) => r.arrayBuffer());
  const py = await loadPyodide({ indexURL: here + 'pyodide/' });
  mark('pyodide');
  py.unpackArchive(await modules, 'zip', { extractDir: '/app' });
  py.FS.writeFile('/app/content.pickle', new Uint8Array(await content));
  self.lcPost = post;
  py.runPython("import sys\nsys.path.insert(0, '/app')\nimport js\nfrom legcramps.browser import runtime\n"
               + 'runtime.connect(js.lcPost)');
  const runtime = py.pyimport('legcramps.browser.runtime');
  mark('python');
  receive = runtime.receive;
  openLink = runtime.open_link;
  parts.forEach((part, index) => {
    try {
      const modelId = runtime.start(py.toPy(part), '/app/content.pickle', query);
      mark('built_' + index);
      postMessage({ kind: 'shown', index, model_id: modelId });
    } catch (error) {
      console.error('legcramps: a live part could not be built', error);
      postMessage({ kind: 'failed', index });
    }
  });
  postMessage({ kind: 'timings', timings, origin: performance.timeOrigin });
}

self.onmessage = (event) => {
  const m = event.data;
  if (m.kind === 'boot') {
    boot(m.query, m.parts || []).catch((error) => {
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
