"""Page renderers, one module per page family; each returns Markdown and touches no disk."""
