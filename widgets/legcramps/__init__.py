"""legcramps: an evidence-graded, interactive explainer of leg cramps.

Data flows one way: `content/` → `legcramps.content.load()` → `legcramps.engine.assess()` →
`legcramps.ui` widgets → notebooks and the Voilà dashboard. Nothing upstream imports anything downstream.
"""

__version__ = "0.1.0"
