"""The in-browser edition: the whole explainer as static files, Python running in the reader's browser.

`python -m legcramps site --out build/site` (`make site`) writes pages any static host can serve: the home
page, one page per cause page and the dashboard. Their text is in the HTML (readable before any script);
the dashboard, and later the pages' live parts, run the same `legcramps.ui` widgets on the same content,
engine and render code as the Voilà edition, in Pyodide (CPython compiled to WebAssembly) in a Web Worker.

- `bundle`: the Python the browser runs (our package and the pure-Python libraries the widgets need, compiled
  to bytecode at build time) and the validated content, pickled;
- `pages`: each page's HTML, made from the same notebooks the Voilà edition serves;
- `build`: puts the site together (pages, bundle, Pyodide, the widgets' JavaScript, the offline cache);
- `runtime`: what runs in the browser: the widgets' messages without a kernel.

docs/architecture.md, "The in-browser edition", says why it is built this way and what was measured.
"""
