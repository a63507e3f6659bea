"""Kernel managers for the Voilà server (voila.json and the launcher), never loaded by a kernel.

`SharedEventLogKernelManager` stops a leak of one logger per visit. jupyter_server's kernel manager (one per
kernel, so one per visit) reuses its server's event logger, but Voilà is not a jupyter_server ServerApp and has
none, so every kernel made a new `jupyter_events.EventLogger`. Each one registers a `logging` logger under a
unique name, which the logging module keeps for the life of the process, and reads, parses and validates the
kernel-actions event schema again (YAML and jsonschema: garbage spread through the heap, which then cannot be
handed back). Here all kernels share one logger, made on first use with the same schemas.

`RestartAwareKernelManager` and `HealingPoolMixin` keep a visitor from being handed a preheated kernel that died
or was restarted (and so lost the notebook it pre-ran).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from pathlib import Path

from jupyter_events import EventLogger
from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
from traitlets import Integer, default


@functools.cache
def shared_event_logger(schema_paths: tuple[Path, ...]) -> EventLogger:
    """One event logger for every kernel of this server, with the schemas its kernel managers emit.

    (jupyter_events takes a schema file only as a Path: a str is read as the schema's own text.)"""
    logger = EventLogger()
    for path in schema_paths:
        logger.register_event_schema(path)
    return logger


class SharedEventLogKernelManager(ServerKernelManager):
    """jupyter_server's per-kernel manager, emitting through the one shared event logger."""

    @default("event_logger")
    def _default_event_logger(self) -> EventLogger:
        if hasattr(getattr(self.parent, "parent", None), "event_logger"):  # inside a jupyter_server: its logger
            return super()._default_event_logger()
        paths = tuple(Path(p) for p in (*self.core_event_schema_paths, *self.extra_event_schema_paths))
        return shared_event_logger(paths)


class RestartAwareKernelManager(SharedEventLogKernelManager):
    """A per-kernel manager that remembers when its kernel lost its state.

    A kernel that dies (the OOM killer, a crash) is restarted by jupyter_client's restarter as a fresh
    process: alive, but without the notebook a preheated pool ran in it, so a visitor handed that kernel
    would get a page that never becomes interactive. `lost_state` says so (see `HealingPoolMixin`).
    """

    lost_state = False

    niceness = Integer(19, config=True, help="Kernels start this much nicer (lower CPU priority) than the server.")

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """The kernel's command, run through `nice`: the server answers first, kernels compute meanwhile.

        A visit costs the server ~30 ms (the page's prose is sent before its kernel is ready) and its kernel
        ~1 s of CPU to start. On a busy machine the kernels of a burst of visitors would otherwise take the
        CPU from the server, and every later visitor's first text would wait behind them. 19, not 10: at 10,
        nine starting kernels still weigh as much as the server to the scheduler (9 × 110 against 1024); at 19
        they weigh 9 × 15. Measured on one core (server and kernels there, the browser on the other), the
        10th visitor of a burst got the first byte of a cause page after 803 and 713 ms at 10, 372 and 363 ms
        at 19; the controls were ready no later (23.2 and 23.6 s either way, one core for all ten).
        """
        cmd = super().format_kernel_cmd(extra_arguments)
        return ["nice", "-n", str(self.niceness), *cmd] if self.niceness > 0 else cmd

    async def _async_restart_kernel(self, now: bool = False, newports: bool = False, **kw):  # type: ignore[override]
        self.lost_state = True  # set first: a visitor arriving during the restart must not get it either
        return await super()._async_restart_kernel(now=now, newports=newports, **kw)

    restart_kernel = _async_restart_kernel


def kernel_is_usable(km) -> bool:
    """The kernel's process is running and has kept the state it was started with (sync: no await)."""
    if getattr(km, "lost_state", False):
        return False
    process = getattr(getattr(km, "provisioner", None), "process", None)
    return process is not None and process.poll() is None and not being_killed(process.pid)


_SIGKILL_BIT = 1 << (9 - 1)


def being_killed(pid: int) -> bool:
    """SIGKILL is pending for this process (Linux): it will never run again, though it has not exited yet.

    A process the OOM killer (or `kill -9`) just hit can take a moment to exit under load; a visitor who
    arrives in that moment must not be handed its kernel. Anywhere without /proc this says False.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith(("SigPnd:", "ShdPnd:")) and int(line.split()[1], 16) & _SIGKILL_BIT:
            return True
        if line.startswith("State:") and line.split()[1] in ("Z", "X"):
            return True
    return False


_DROPPING: set[asyncio.Future] = set()


class HealingPoolMixin:
    """Voilà's preheated pool, minus the kernels that died or were restarted since they were pre-run.

    Voilà's handler asks `get_pool_size()` and then takes the first pooled kernel. Here the count first drops
    every finished pool entry whose kernel is gone, dead or restarted (`kernel_is_usable`), shuts it down
    and starts a replacement; if nothing is left, the count is 0 and Voilà renders the page in a new kernel,
    as without a pool. Taking a kernel waits for the first entry and checks it again (a kernel can die while
    it starts), so a visitor is never handed a dead or state-less kernel.
    """

    def get_pool_size(self, notebook_name: str) -> int:
        self._prune(notebook_name)
        return super().get_pool_size(notebook_name)

    async def get_rendered_notebook(self, notebook_name: str, *args, **kwargs):  # type: ignore[override]
        """Voilà takes the first pool entry, waiting for it if it is still starting. A kernel can die while it
        starts or pre-runs, so wait for the entry here first, check it, and drop it if it is broken; with
        nothing healthy left, start a new one (the visitor then waits as for a page without a pool)."""
        pool = self._pools.setdefault(notebook_name, [])
        for _ in range(2 * len(pool) + 2):
            self._prune(notebook_name)
            if not pool:
                self.fill_if_needed(delay=0, notebook_name=notebook_name)
            with contextlib.suppress(Exception):  # a failed start is pruned on the next round
                await asyncio.shield(pool[0])
            if pool and pool[0].done() and self._usable(pool[0]):
                break
        if not pool:
            self.fill_if_needed(delay=0, notebook_name=notebook_name)
        return await super().get_rendered_notebook(notebook_name, *args, **kwargs)

    @staticmethod
    def _kernel_id(task: asyncio.Future) -> str | None:
        """The kernel a finished pool entry started, or None if its start or pre-run failed."""
        try:
            return task.result()["kernel_id"]
        except Exception:
            return None

    def _usable(self, task: asyncio.Future) -> bool:
        kernel_id = self._kernel_id(task)
        return kernel_id is not None and kernel_id in self and kernel_is_usable(self.get_kernel(kernel_id))

    def _prune(self, notebook_name: str) -> None:
        pool = self._pools.get(notebook_name, [])
        dropped = []
        for task in list(pool):
            if task.done() and not self._usable(task):
                pool.remove(task)
                dropped.append(self._kernel_id(task))
        for kernel_id in dropped:
            self.log.warning("legcramps: pooled kernel %s of %s died or was restarted; replacing it",
                             kernel_id, notebook_name)
            if kernel_id is not None and kernel_id in self:
                task = asyncio.ensure_future(self._drop(kernel_id))
                _DROPPING.add(task)  # a reference until it is done (the loop keeps only weak ones)
                task.add_done_callback(_DROPPING.discard)
        if dropped:
            self.fill_if_needed(delay=0, notebook_name=notebook_name)

    async def _drop(self, kernel_id: str) -> None:
        try:
            await self.shutdown_kernel(kernel_id, now=True)
        except Exception:  # already gone
            self.log.debug("legcramps: pooled kernel %s was already gone", kernel_id)


class LightActivityWatchMixin:
    """jupyter_server's watch on every kernel's IOPub (last activity for the idle culler, execution state),
    reading only the two small frames it needs.

    The original deserialises every message a kernel sends (HMAC check, JSON, ISO dates in the headers) and
    makes a debug log record for it, on the server's one event loop: with a burst of visitors whose pages run
    (every widget a comm message), it took a quarter of the server's time (py-spy, ten cause-page visits),
    and every visitor's page waited behind it. Same bookkeeping here: the header's and the parent header's
    `msg_type`, and the content of `status` messages. The messages come over the kernel's private socket and
    are only counted, never acted on; the widget messages a page uses are checked where they are read.
    """

    def start_watching_activity(self, kernel_id: str) -> None:
        from jupyter_server._tz import utcnow

        kernel = self._kernels[kernel_id]
        kernel.reason = ""
        kernel.last_activity = utcnow()
        kernel._activity_stream = kernel.connect_iopub()
        session = kernel.session

        def record_activity(msg_list) -> None:
            _idents, frames = session.feed_identities(msg_list)
            header, parent = json.loads(frames[1]), json.loads(frames[2])
            msg_type, parent_type = header.get("msg_type"), (parent or {}).get("msg_type")
            if (self.track_message_type(msg_type) or self.track_message_type(parent_type)
                    or kernel.execution_state == "busy"):
                self.last_kernel_activity = kernel.last_activity = utcnow()
            if msg_type == "status":
                state = json.loads(frames[4]).get("execution_state")
                if self.track_message_type(parent_type):
                    kernel.execution_state = state
                elif kernel.execution_state == "starting" and state != "starting":
                    kernel.execution_state = "idle"  # as jupyter_server does after start-up

        kernel._activity_stream.on_recv(record_activity)


def lighten(kernel_manager) -> None:
    """Give Voilà's kernel manager (made by Voilà's factory, so not a class we can name) the light activity
    watch, before any kernel starts."""
    if not isinstance(kernel_manager, LightActivityWatchMixin):
        cls = type(kernel_manager)
        kernel_manager.__class__ = type(cls.__name__, (LightActivityWatchMixin, cls), {})


def heal_pool(kernel_manager) -> None:
    """Give a Voilà kernel manager (made by Voilà's factory, so not a class we can name) the healing pool."""
    if getattr(kernel_manager, "_pools", None) is not None and not isinstance(kernel_manager, HealingPoolMixin):
        cls = type(kernel_manager)
        kernel_manager.__class__ = type(cls.__name__, (HealingPoolMixin, cls), {})
