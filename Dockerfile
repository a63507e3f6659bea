# syntax=docker/dockerfile:1
# The dashboard as one container: Voilà serving notebooks/ with the committed notebooks/voila.json, exactly as
# `make run` does, but listening on 0.0.0.0:8866 inside the container. Put a TLS reverse proxy in front of it
# (docs/deploy.md has an nginx example with the websocket headers).
#
#   docker build -t legcramps .
#   docker run --rm -p 127.0.0.1:8866:8866 legcramps
#   open http://127.0.0.1:8866/voila/render/dashboard.ipynb
#
# A second target is the single-user image for Zero to JupyterHub (deploy/jupyterhub/z2jh-values.yaml):
#
#   docker build --target singleuser -t legcramps-singleuser .

# ---------------------------------------------------------------- build the wheel (content/ is package data)
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY widgets ./widgets
COPY content ./content
RUN pip wheel --no-cache-dir --disable-pip-version-check --no-deps --wheel-dir /wheels .

# ---------------------------------------------------------------- runtime shared by both images
FROM python:3.11-slim AS runtime
# content/ is also copied beside the notebooks, so an edited folder can be mounted over it without a rebuild.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    LEGCRAMPS_CONTENT=/srv/legcramps/content \
    LEGCRAMPS_CACHE_DIR=/srv/legcramps/snapshot
# uid 1000 / gid 100 is what Zero to JupyterHub runs single-user pods as.
COPY --from=build /wheels /tmp/wheels
RUN pip install /tmp/wheels/*.whl \
 && rm -rf /tmp/wheels \
 && useradd --create-home --uid 1000 --gid 100 --shell /usr/sbin/nologin legcramps
# Owned by root and read-only for the app user: a visitor's kernel cannot rewrite a page or the content.
COPY notebooks /srv/legcramps/notebooks
COPY content /srv/legcramps/content
# The check also writes the validated content snapshot that every kernel loads instead of re-validating
# (no pydantic in a kernel: docs/architecture.md). Root-owned and read-only for the app user, like the
# content: a kernel could otherwise leave a pickle for the next kernel to load.
RUN python -m legcramps check && chmod -R a+rX /srv/legcramps/snapshot

# ---------------------------------------------------------------- Zero to JupyterHub single-user image
# jupyterhub-singleuser runs a Jupyter server; Voilà is its extension, and the hub's defaultUrl opens the
# dashboard. The extension reads voila.json from the working directory, so the committed settings apply.
FROM runtime AS singleuser
RUN pip install "jupyterhub>=5,<6"
USER 1000
# Build matplotlib's font cache once, in the image, instead of in the first kernel of every pod.
RUN python -c "import matplotlib.pyplot"
WORKDIR /srv/legcramps/notebooks
EXPOSE 8888
CMD ["jupyterhub-singleuser"]

# ---------------------------------------------------------------- the public dashboard (default target)
FROM runtime AS dashboard
USER legcramps
RUN python -c "import matplotlib.pyplot"
# voila.json sits in this folder: the same config file `make run` uses (no tracebacks, no source, culling).
WORKDIR /srv/legcramps/notebooks
EXPOSE 8866
# The health check asks for the page list, which starts no kernel; polling the dashboard itself would start a
# new kernel (~115 MB) every interval.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8866/', timeout=4)"]
# legcramps.voila is Voilà started so that memory freed by closed sessions goes back to the system.
CMD ["python", "-m", "legcramps.voila", "--no-browser", "--port=8866", "--Voila.ip=0.0.0.0"]
