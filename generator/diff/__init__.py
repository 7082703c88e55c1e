"""What changed between two specs, for whom it breaks, and what it means for
each SDK's version (``ksyun-codegen diff``, ``check --breaking-against``,
``ksyun-codegen release``).

* :mod:`.rules`: the one table of change kinds × audiences (wire, python,
  typescript, go, docs);
* :mod:`.source`: the specs compared (a folder, or the spec at a git commit
  read with ``git archive``);
* :mod:`.compare`: two IRs → sorted :class:`~.compare.Change` records, names
  per language from each target's ``public_names`` hook;
* :mod:`.render`: text, Markdown, JSON;
* :mod:`.gate`: acknowledgements (``x-ksyun-breaking-changes``, deprecation first);
* :mod:`.release`: next versions, package metadata and changelogs;
* :mod:`.command`: the command-line verbs.

Nothing here is imported by ``generate`` or the templates.
"""
