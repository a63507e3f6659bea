"""The Voilà server: websockets send each message at once (TCP_NODELAY), kernels use IPC, one event logger."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging

from legcramps.voila import websocket
from tests.conftest import REPO


def test_the_connection_turns_nagle_off_before_connecting(monkeypatch):
    calls = []

    class Handler:
        def set_nodelay(self, value):
            calls.append(("nodelay", value))

    async def parent_connect(self):
        calls.append(("connect", None))

    monkeypatch.setattr(websocket.ZMQChannelsWebsocketConnection, "connect", parent_connect)
    connection = websocket.LowLatencyConnection.__new__(websocket.LowLatencyConnection)
    connection._trait_values["websocket_handler"] = Handler()  # a traitlet: set it without its type check
    # a thread of its own: Playwright's sync API may already run an event loop in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, connection.connect()).result(timeout=30)
    assert calls == [("nodelay", True), ("connect", None)]


def test_kernels_talk_over_unix_sockets_not_tcp_ports():
    """With TCP, 50 kernels starting at once could pick a port another process took in between ("Address
    already in use"): the kernel died and its visitor got a page without widgets (seen once in a 50-session
    burst). IPC sockets live in Voilà's private connection folder: no port to race for, nothing on the network."""
    config = json.loads((REPO / "notebooks" / "voila.json").read_text())
    assert config["KernelManager"]["transport"] == "ipc"


def test_the_committed_config_makes_the_server_use_these_classes():
    """notebooks/voila.json, loaded as Voilà loads it, gives the launcher's app the low-latency websocket and every
    kernel the restart-aware manager with the shared event logger (a renamed module would fail here, not
    silently fall back to Voilà's defaults at start-up)."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets.config.loader import JSONFileConfigLoader

    from legcramps.voila.kernels import RestartAwareKernelManager, SharedEventLogKernelManager
    from legcramps.voila.launcher import voila_app_class

    config = JSONFileConfigLoader("voila.json", path=str(REPO / "notebooks")).load_config()
    app = voila_app_class()(config=config)
    assert app.kernel_websocket_connection_class is websocket.LowLatencyConnection
    multi = AsyncMappingKernelManager(parent=app, config=config)
    manager = multi.kernel_manager_factory(parent=multi)
    assert type(manager) is RestartAwareKernelManager and isinstance(manager, SharedEventLogKernelManager)


def test_kernel_managers_under_voila_share_one_event_logger_and_add_no_logger():
    """A kernel manager per visit used to leave one `logging` logger behind for good (and re-read its schema)."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets.config import Application

    app = Application()  # like Voilà: an application without an event_logger of its own
    multi = AsyncMappingKernelManager(parent=app,
                                      kernel_manager_class="legcramps.voila.kernels.SharedEventLogKernelManager")
    first = multi.kernel_manager_factory(parent=multi)
    first.event_logger  # noqa: B018 - the first visit makes the shared logger
    loggers_before = set(logging.Logger.manager.loggerDict)
    managers = [multi.kernel_manager_factory(parent=multi) for _ in range(3)]
    assert all(m.event_logger is first.event_logger for m in managers)
    assert set(logging.Logger.manager.loggerDict) == loggers_before, "a visit left a logger behind"
    kernel_actions = "https://events.jupyter.org/jupyter_server/kernel_actions/v1"
    assert kernel_actions in managers[0].event_logger.schemas.schema_ids  # it still validates what kernels emit


def test_inside_a_jupyter_server_the_server_logger_is_used():
    from jupyter_events import EventLogger
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets import Instance
    from traitlets.config import Application

    class ServerLike(Application):
        event_logger = Instance(EventLogger, args=())

    app = ServerLike()
    multi = AsyncMappingKernelManager(parent=app,
                                      kernel_manager_class="legcramps.voila.kernels.SharedEventLogKernelManager")
    assert multi.kernel_manager_factory(parent=multi).event_logger is app.event_logger


# ---------------------------------------------------------------- the preheated pool heals (legcramps.voila.kernels)


def _run(coroutine) -> None:
    """asyncio.run in a thread of its own: in a full run, Playwright's sync API may own this thread's loop."""
    import asyncio
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result(timeout=30)


class _Process:
    pid = 2**22 + 7  # above Linux's pid_max: no /proc entry

    def __init__(self, code):
        self.code = code

    def poll(self):
        return self.code


class _Kernel:
    def __init__(self, exit_code=None, lost_state=False):
        self.provisioner = type("P", (), {"process": _Process(exit_code)})()
        self.lost_state = lost_state


class _Pool:
    """Voilà's kernel manager as the mixin sees it: pools of pre-run tasks, kernels by id, refill, shutdown."""

    def __init__(self, kernels):
        import logging

        self.kernels = kernels
        self.log = logging.getLogger("test")
        self.filled, self.shut = [], []

    def __contains__(self, kernel_id):
        return kernel_id in self.kernels

    def get_kernel(self, kernel_id):
        return self.kernels[kernel_id]

    def fill_if_needed(self, delay=None, notebook_name=None):
        self.filled.append((delay, notebook_name))

    async def shutdown_kernel(self, kernel_id, now=False):
        self.shut.append(kernel_id)

    def get_pool_size(self, notebook_name):
        return len(self._pools.get(notebook_name, []))

    async def get_rendered_notebook(self, notebook_name, *args, **kwargs):
        content = await self._pools[notebook_name].pop(0)
        return content["kernel_id"]


def test_the_pool_drops_dead_and_restarted_kernels_and_refills():
    import asyncio

    from legcramps.voila.kernels import heal_pool

    async def scenario():
        kernels = {"alive": _Kernel(), "killed": _Kernel(exit_code=-9), "restarted": _Kernel(lost_state=True)}
        manager = _Pool(kernels)
        loop = asyncio.get_running_loop()

        def done(kernel_id):
            task = loop.create_future()
            task.set_result({"kernel_id": kernel_id})
            return task

        warming = loop.create_future()
        manager._pools = {"dashboard.ipynb": [done("killed"), done("alive"), done("restarted"), done("gone"), warming]}
        heal_pool(manager)
        heal_pool(manager)  # idempotent
        assert manager.get_pool_size("dashboard.ipynb") == 2, "the live kernel and the one still warming"
        assert [t.result()["kernel_id"] for t in manager._pools["dashboard.ipynb"] if t.done()] == ["alive"]
        await asyncio.sleep(0)
        assert sorted(manager.shut) == ["killed", "restarted"]
        assert manager.filled == [(0, "dashboard.ipynb")]
        assert manager.get_pool_size("dashboard.ipynb") == 2 and manager.filled == [(0, "dashboard.ipynb")]
        warming.cancel()

    _run(scenario())


def test_a_restarted_kernel_is_marked_as_having_lost_its_state():
    from legcramps.voila.kernels import RestartAwareKernelManager, kernel_is_usable

    assert RestartAwareKernelManager.restart_kernel is RestartAwareKernelManager._async_restart_kernel
    assert kernel_is_usable(_Kernel()) and not kernel_is_usable(_Kernel(exit_code=-9))
    assert not kernel_is_usable(_Kernel(lost_state=True))
    assert not kernel_is_usable(object()), "no process at all: not usable"


def test_a_kernel_that_dies_while_it_starts_is_never_handed_out():
    import asyncio

    from legcramps.voila.kernels import heal_pool

    async def scenario():
        kernels = {"dies-while-starting": _Kernel()}
        manager = _Pool(kernels)
        loop = asyncio.get_running_loop()
        starting = loop.create_future()
        manager._pools = {"dashboard.ipynb": [starting]}

        def refill(delay=None, notebook_name=None):  # Voilà starts a new kernel: here, one that is ready
            manager.filled.append((delay, notebook_name))
            kernels["fresh"] = _Kernel()
            task = loop.create_future()
            task.set_result({"kernel_id": "fresh"})
            manager._pools[notebook_name].append(task)

        manager.fill_if_needed = refill
        heal_pool(manager)
        assert manager.get_pool_size("dashboard.ipynb") == 1, "still starting: counted"
        visitor = asyncio.ensure_future(manager.get_rendered_notebook("dashboard.ipynb"))
        await asyncio.sleep(0)
        kernels["dies-while-starting"] = _Kernel(exit_code=-9)  # killed before its start finished
        starting.set_result({"kernel_id": "dies-while-starting"})
        assert await visitor == "fresh"
        await asyncio.sleep(0)
        assert manager.shut == ["dies-while-starting"]

    _run(scenario())


def test_a_process_with_sigkill_pending_or_a_zombie_counts_as_dead(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from legcramps.voila.kernels import being_killed

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert not being_killed(child.pid)
        assert not being_killed(os.getpid())
        os.kill(child.pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while not being_killed(child.pid) and time.monotonic() < deadline:  # pending, then a zombie
            time.sleep(0.01)
        assert being_killed(child.pid)
    finally:
        child.kill()
        child.wait()
    assert not being_killed(child.pid), "reaped: no /proc entry, and poll() says it exited"
