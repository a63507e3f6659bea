// Build step of the in-browser edition (legcramps/browser/bundle.py): compile the browser's Python modules
// with Pyodide's own CPython, so a visit imports bytecode instead of compiling sources.
// Usage: node compile_pyc.mjs <path to pyodide.mjs> <sources.zip> <out.zip>
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const [pyodideModule, sourcesZip, outZip] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideModule).href);
const py = await loadPyodide();
py.unpackArchive(new Uint8Array(fs.readFileSync(sourcesZip)), 'zip', { extractDir: '/bundle' });
py.runPython(`
import compileall, os, sys, zipfile
# legacy=True writes foo.pyc beside foo.py; the sources are then left out, so imports read the bytecode alone
if not compileall.compile_dir('/bundle', legacy=True, quiet=1, workers=1):
    sys.exit('a module did not compile')
with zipfile.ZipFile('/out.zip', 'w', zipfile.ZIP_STORED) as z:
    for folder, dirs, files in sorted(os.walk('/bundle')):
        dirs.sort()
        for name in sorted(files):
            if name.endswith('.py'):
                continue
            full = os.path.join(folder, name)
            z.write(full, os.path.relpath(full, '/bundle'))
`);
fs.writeFileSync(outZip, py.FS.readFile('/out.zip'));
