"""The page's own guard against a stale page: answers kept in the address bar, and a lost kernel made visible.

Why: a health page that silently keeps showing the advice for answers the reader no longer has is worse
than no page. A Voilà page lives only as long as its kernel: the idle culler ends it after 15 minutes, the
machine may kill it, a redeploy restarts the server. Voilà 0.5 shows none of this, and a reload used to
lose every answer. So this static script (our code, not content; its words come from `site.yaml`):

- **keeps the answers in the URL.** Whenever the dashboard's share link changes (it holds only answers
  that differ from the defaults, plus class mode, scenario and colour scheme), the script copies it into
  the address bar with `history.replaceState`, so reload, back/forward, a bookmark or a new tab restore
  exactly what the reader had. A query string, not a `#fragment`: the kernel only sees the request's
  query, and the server's access log records paths without it (`legcramps.voila.launcher`);
- **makes a lost kernel visible.** It watches the page's kernel connection (Voilà's `window.jupyterapp`):
  a restart (the kernel died and came back without the page's state), a dead kernel, or a connection that
  stays down for over a second shows a notice at the top (role="alert") with one button that reloads with
  the answers, and greys out and disables (`inert`) every control, card and quiz, so nobody reads a stale
  card. A reader's move that gets no answer from the kernel within 1.5 seconds does the same (so the
  notice is up within 2), and so does the kernel's model on the server going away (a visible page asks
  every 2 s: jupyter_server keeps a culled kernel's websocket open for up to a minute, so the connection
  alone would not tell). A page that sat unused before the loss says "paused after N minutes without use".

In JupyterLab (no `window.jupyterapp` of Voilà's kind) the script only keeps its hands off: JupyterLab shows
the kernel's state itself. In the in-browser edition (`<html data-lc-static>`) it keeps the answers in the
address bar; there is no kernel to lose (Python runs in the page's own worker).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcramps.render.assets import script

if TYPE_CHECKING:
    from legcramps.content import Content

#: How long a connection may be down, or a move go unanswered, before the page says it has paused.
LOST_AFTER_MS = 1000
ANSWER_WITHIN_MS = 1500
#: Unused for this long before the connection closed: the notice says "paused", not "lost".
IDLE_AFTER_MS = 3000
#: How often a visible page asks the server whether its kernel still exists (one small GET; a hidden tab
#: asks when it is shown again). Culled, shut down or a server gone: the notice within this time.
POLL_EVERY_MS = 2000

#: Runs as an inline onload handler, whose scope includes `document`: global constructors are named through
#: `window` (a bare `URL` would be the string `document.URL`).
SESSION_JS = r"""(function (img) {
  if (window.lcSession) return;
  var words = img.dataset, state = {lost: false, lastUse: Date.now(), idleBefore: 0, waiting: null,
                                    downSince: null, failed: false};
  window.lcSession = state;

  // ---- the answers in the address bar
  // Only on a page of the site (Voilà's, or the in-browser edition's): in JupyterLab the address bar is JupyterLab's.
  var onVoila = location.pathname.indexOf('/voila/render/') !== -1 ||
                document.documentElement.hasAttribute('data-lc-static');
  function syncUrl() {
    var link = document.querySelector('.lc-dashboard a.lc-share-link');
    if (!onVoila || !link || state.lost) return;
    var url = new window.URL(link.getAttribute('href'), location.href);
    var want = url.pathname + (url.search.length > 1 ? url.search : '') + location.hash;
    if (want !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', want);
  }

  // ---- the notice
  function duration(ms) {
    var min = Math.round(ms / 60000);
    if (min >= 1) return min + (min === 1 ? ' minute' : ' minutes');
    var s = Math.max(1, Math.round(ms / 1000));
    return s + (s === 1 ? ' second' : ' seconds');
  }
  function pause(why) {
    if (state.lost) return;
    state.lost = why;
    // Unused for a while before the loss (or before the move that found it): the server let the page go.
    var idle = why === 'unanswered' ? state.idleBefore : Date.now() - state.lastUse;
    var text = why !== 'restarted' && idle >= __IDLE__ ? words.paused.replace('{duration}', duration(idle))
                                                       : words.lost;
    var note = document.createElement('div');
    note.className = 'lc-session-notice';
    note.setAttribute('role', 'alert');
    note.dataset.why = why;
    var p = document.createElement('p');
    p.textContent = text;
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'lc-session-reload';
    b.textContent = words.reload;
    b.addEventListener('click', function () { syncUrl(); location.reload(); });
    note.appendChild(p);
    note.appendChild(b);
    var host = document.getElementById('rendered_cells') || document.body;
    host.insertBefore(note, host.firstChild);
    document.querySelectorAll('.lc-root, .lc-quiz').forEach(function (root) {
      root.classList.add('lc-paused');
      root.setAttribute('inert', '');
      root.setAttribute('aria-hidden', 'true');
    });
    document.documentElement.classList.add('lc-page-paused');
  }

  // ---- the kernel connection
  function watch(kernel) {
    kernel.statusChanged.connect(function (_k, status) {
      if (status === 'restarting' || status === 'autorestarting' || status === 'dead') pause('restarted');
    });
    kernel.connectionStatusChanged.connect(function (_k, status) {
      if (status === 'connected') { state.downSince = null; return; }
      var since = state.downSince = Date.now();
      setTimeout(function () { if (state.downSince === since) pause('closed'); }, __LOST__);
    });
    kernel.anyMessage.connect(function (_k, args) {
      if (args.direction === 'recv') state.waiting = null;
    });
    if (kernel.connectionStatus !== 'connected' || kernel.status === 'dead') pause('closed');
  }
  function kernelOf() {
    var app = window.jupyterapp;
    return app && app.widgetManager && app.widgetManager.kernel;
  }
  function check(since) {
    if (state.lost || state.waiting !== since) return;
    var kernel = kernelOf();
    if (kernel && kernel.status === 'busy' && Date.now() - since < 10 * __ANSWER__) {
      setTimeout(function () { check(since); }, __ANSWER__);  // still working on an earlier move
      return;
    }
    pause('unanswered');
  }
  // A reader's move on one of our widgets: the kernel must answer something within 1.5 s. A move that changes
  // nothing sends nothing, so ask the kernel for its info as well: any live kernel replies at once.
  var KEYS = /^(Arrow|Page|Home|End|Enter| )/;
  function used(event) {
    var t = event.target;
    if (!t.closest || !t.closest('.lc-root, .lc-quiz')) return;
    state.idleBefore = Date.now() - state.lastUse;
    state.lastUse = Date.now();
    if (t.closest('.widget-html-content, .lc-session-notice')) return;  // our own HTML: links, print, copy
    if (!t.closest('input, select, button, .noUi-handle, .widget-readout')) return;
    if (event.type === 'keyup' && !KEYS.test(event.key)) return;
    if (event.type === 'click' && t.closest('select, input[type=text], input[type=number], .widget-readout')) return;
    if (state.waiting || state.lost) return;
    var since = state.waiting = Date.now();
    var kernel = kernelOf();
    if (kernel && kernel.requestKernelInfo) kernel.requestKernelInfo().catch(function () {});
    setTimeout(function () { check(since); }, __ANSWER__);
  }
  // The kernel's model on the server (does not count as use, so the idle culler still works): 404 once it
  // was culled or shut down, a network error while the server is away. Only while the page is visible.
  function poll() {
    var kernel = kernelOf();
    if (state.lost || !kernel || document.visibilityState === 'hidden') return;
    var url = kernel.serverSettings.baseUrl.replace(/\/?$/, '/') + 'api/kernels/' + encodeURIComponent(kernel.id);
    window.fetch(url, {cache: 'no-store', credentials: 'same-origin'}).then(function (r) {
      if (r.status === 404) pause('closed');
      else if (r.ok) state.failed = false;
    }, function () {
      if (state.failed) pause('closed');
      else { state.failed = true; setTimeout(poll, __LOST__); }
    });
  }
  document.addEventListener('visibilitychange', poll);
  setInterval(poll, __POLL__);
  ['change', 'click', 'keyup'].forEach(function (name) { document.addEventListener(name, used, true); });

  var app = window.jupyterapp;
  if (app && app.widgetManagerPromise && typeof app.widgetManagerPromise.then === 'function') {
    app.widgetManagerPromise.then(function (wm) { if (wm && wm.kernel) watch(wm.kernel); });
  } else if (app && app.widgetManager && app.widgetManager.kernel) {
    watch(app.widgetManager.kernel);
  } else {
    document.removeEventListener('change', used, true);  // not Voilà: JupyterLab shows its kernel itself
    document.removeEventListener('click', used, true);
    document.removeEventListener('keyup', used, true);
  }
  new MutationObserver(syncUrl).observe(document.body,
    {subtree: true, attributes: true, attributeFilter: ['href'], childList: true});
  syncUrl();
})(this);""".replace("__LOST__", str(LOST_AFTER_MS)).replace("__ANSWER__", str(ANSWER_WITHIN_MS)) \
    .replace("__IDLE__", str(IDLE_AFTER_MS)).replace("__POLL__", str(POLL_EVERY_MS))


def guard_html(content: Content) -> str:
    """The script, run by a hidden pixel's onload (HTML widgets never run <script>), with its words."""
    site = content.site
    return script("lc-session-script", SESSION_JS, lost=site.page_lost, paused=site.page_paused,
                  reload=site.page_reload)
