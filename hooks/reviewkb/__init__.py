"""Core of the 对照检查材料写作指南 knowledge base: load, validate and render, independent of MkDocs."""

__version__ = "0.1.0"
