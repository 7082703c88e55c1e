"""ksyun-codegen: KSYUN API specs (OpenAPI 3.1) in, typed SDKs out.

The pipeline, one small module per stage::

    load      YAML documents with line numbers            (generator.load)
    validate  openapi-spec-validator + our own checks      (generator.validate)
    IR        language-neutral frozen dataclasses           (generator.ir, generator.build)
    render    one Jinja environment per target: python, docs (generator.targets)
    examples  example arguments, wire query, example bodies (generator.examples)
    format    black, in process, parallel, cached          (generator.fmt)
    write     atomic swap of the output tree               (generator.write)
"""

__version__ = "0.1.0"
