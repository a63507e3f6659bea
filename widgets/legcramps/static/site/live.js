// The page half of the in-browser edition: the Jupyter widgets' own JavaScript (@jupyter-widgets/html-manager)
// draws the widgets that Python builds in the worker (worker.mjs), and each move of a control goes back to
// Python. This stands where a kernel connection stands in Voilà: it passes comm messages, in order.
(function () {
  'use strict';
  var worker = window.lcWorker;
  if (!worker || !window.require) return;
  var slots = document.querySelectorAll('.lc-slot');

  function failed(index) {
    if (window.lcKeep) window.lcKeep();  // the text at least is kept for offline reading
    var note = slots[index] && slots[index].querySelector('.lc-slot-loading');
    if (!note || note.classList.contains('lc-slot-failed')) return;
    note.textContent = note.dataset.failed + ' ';
    note.classList.add('lc-slot-failed');
    var again = document.createElement('button');
    again.type = 'button';
    again.textContent = note.dataset.reload;
    again.addEventListener('click', function () { location.reload(); });
    note.appendChild(again);
  }

  window.require(['@jupyter-widgets/html-manager'], function (html) {
    (window.lcTimings = window.lcTimings || {}).widgets_js = Math.round(performance.now());
    var manager = new html.HTMLManager();
    var comms = {}, pending = {}, sent = 0;

    function Comm(id, target) {
      this.comm_id = id;
      this.target_name = target;
      this.onMsg = null;
      this.onClose = null;
    }
    Comm.prototype.on_msg = function (callback) { this.onMsg = callback; };
    Comm.prototype.on_close = function (callback) { this.onClose = callback; };
    Comm.prototype.open = function () { return ''; };
    Comm.prototype.close = function () { return ''; };
    Comm.prototype.send = function (data, callbacks, metadata, buffers) {
      var id = 'm' + (++sent);
      pending[id] = callbacks;
      var copies = (buffers || []).map(function (b) {
        return b instanceof ArrayBuffer ? b.slice(0) : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
      });
      worker.postMessage({kind: 'comm_msg', comm_id: this.comm_id, data: JSON.stringify(data), buffers: copies,
                          msg_id: id});
      return id;
    };

    function views(buffers) {
      return (buffers || []).map(function (b) { return new DataView(b.buffer || b); });
    }

    function handle(m) {
      var msg = m.payload ? JSON.parse(m.payload) : null;
      if (m.kind === 'comm_open') {
        var comm = comms[msg.comm_id] = new Comm(msg.comm_id, msg.target_name);
        return manager.handle_comm_open(comm, {
          content: {comm_id: msg.comm_id, target_name: msg.target_name, data: msg.data},
          metadata: msg.metadata, buffers: views(m.buffers)});
      }
      if (m.kind === 'comm_msg' || m.kind === 'comm_close') {
        var target = comms[msg.comm_id];
        var callback = target && (m.kind === 'comm_msg' ? target.onMsg : target.onClose);
        if (callback) {
          // parent_header: which of the page's messages this answers (ipywidgets matches echoes by it)
          return callback({content: {comm_id: msg.comm_id, data: msg.data}, metadata: msg.metadata,
                           buffers: views(m.buffers), parent_header: msg.parent ? {msg_id: msg.parent} : {}});
        }
        return undefined;
      }
      if (m.kind === 'idle') {
        var callbacks = pending[m.msg_id];
        delete pending[m.msg_id];
        if (callbacks && callbacks.iopub && callbacks.iopub.status) {
          callbacks.iopub.status({content: {execution_state: 'idle'}});
        }
        return undefined;
      }
      if (m.kind === 'shown') {
        var slot = slots[m.index];
        return manager.get_model(m.model_id).then(function (model) {
          return manager.create_view(model);
        }).then(function (view) {
          var loading = slot.querySelector('.lc-slot-loading');
          return manager.display_view(view, slot).then(function () {
            if (loading) loading.remove();
            (window.lcTimings = window.lcTimings || {})['shown_' + m.index] = Math.round(performance.now());
            var live = (Number(document.documentElement.dataset.lcLive) || 0) + 1;
            document.documentElement.dataset.lcLive = String(live);
            if (live === slots.length && window.lcKeep) window.lcKeep();  // now fill the offline cache
          });
        }).catch(function (error) {
          console.error('legcramps: a live part could not be drawn', error);
          failed(m.index);
        });
      }
      if (m.kind === 'timings') {  // the worker's steps on the page's clock (see worker.mjs)
        var shift = m.origin - performance.timeOrigin, out = window.lcTimings = window.lcTimings || {};
        Object.keys(m.timings).forEach(function (k) { out[k] = Math.round(m.timings[k] + shift); });
        out.restored = m.restored;  // Python restored from the snapshot a first visit kept
      }
      if (m.kind === 'kept') document.documentElement.dataset.lcSnapshot = 'kept';
      if (m.kind === 'failed') failed(m.index);
      return undefined;
    }

    // One message at a time, each after the last has been handled (a widget's model must exist before its
    // first update is applied), as a kernel connection does.
    var chain = Promise.resolve();
    function queue(m) {
      chain = chain.then(function () { return handle(m); }).catch(function (error) {
        console.error('legcramps: a widget message failed', error);
      });
    }
    worker.onmessage = function (event) { queue(event.data); };
    (window.lcInbox || []).splice(0).forEach(queue);
  });

  // The dashboard's own links (a class-mode card "Set Sam's answers", the share link) lead to this same page
  // with other answers: followed in place once Python runs (`Dashboard.open_link`), since loading the page
  // again would start Python again. The address changes as it would (back and forward work); a click with a
  // modifier key (a new tab) or before the dashboard is drawn is left to the browser.
  function follow(query) {
    worker.postMessage({kind: 'link', query: query});
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.lc-dashboard a[href^="?"]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey || !document.documentElement.dataset.lcLive) return;
    event.preventDefault();
    var url = new URL(link.getAttribute('href'), location.href);
    if (url.search !== location.search) history.pushState({lcLink: true}, '', url.pathname + url.search);
    follow(url.search.replace(/^\?/, ''));
  });
  window.addEventListener('popstate', function () {
    if (document.documentElement.dataset.lcLive) follow(location.search.replace(/^\?/, ''));
  });

  // Still not drawn 60 s after the page loaded: say so, with a reload button, instead of "loading" forever.
  window.addEventListener('load', function () {
    setTimeout(function () {
      slots.forEach(function (slot, index) {
        if (slot.querySelector('.lc-slot-loading') && !slot.querySelector('.jupyter-widgets')) failed(index);
      });
    }, 60000);
  });
})();
