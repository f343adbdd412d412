"""docgen: documents and the service built on the `rules` package."""
from .catalog import DOCUMENTS
from .render import DocumentNotApplicable, preload, render

__all__ = ["DOCUMENTS", "DocumentNotApplicable", "preload", "render"]
