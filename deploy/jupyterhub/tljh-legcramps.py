"""JupyterHub settings for The Littlest JupyterHub that tljh-config cannot express.

Install as /opt/tljh/config/jupyterhub_config.d/legcramps.py and run `sudo tljh-config reload hub`.
Every reader's server opens the Voilà dashboard instead of JupyterLab, in the folder the notebooks were
copied to (see deploy/jupyterhub/README.md).
"""

# `c` is the JupyterHub config object TLJH passes to every file in jupyterhub_config.d.
c = get_config()  # type: ignore[name-defined]  # noqa: F821

NOTEBOOKS = "/srv/legcramps/notebooks"

c.Spawner.notebook_dir = NOTEBOOKS
c.Spawner.default_url = "/voila/render/dashboard.ipynb"
c.Spawner.environment = {"LEGCRAMPS_CONTENT": "/srv/legcramps/content"}
# Inside one reader's server, a page closed without its shutdown beacon (a crashed tab, a lost network) frees
# its kernel after 10 idle minutes. Not cull_connected: a tab that is open but being read keeps its kernel;
# the hub's culler (services.cull in config.yaml) stops the whole server once the reader has gone.
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=600",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=False",
]
