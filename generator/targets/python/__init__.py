"""The Python target: pydantic models (models.py, via datamodel-code-generator),
clients and errors (target.py), names (names.py) and black's layout (style.py)."""
