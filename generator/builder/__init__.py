"""The parts of stage 3, the IR builder, one module per concern; the stage's
entry points (``build``, ``build_service``) and public names are in
``generator.build``, which imports these, never the other way.
(The folder is not called ``build/``: git, ruff and the no-op state all skip
folders of that name.)
"""
