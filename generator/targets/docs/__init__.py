"""The docs target: Markdown and HTML reference pages (target.py)."""
