"""The 审核意见 template of a run, read once and compiled once for all the run's letters.

docxtpl renders a .docx by compiling, at every render, the text of each part it fills (the
body, every header and footer, six document properties, the footnotes) into a Jinja template:
about nine compilations a letter, some 40 % of its time. Those texts are the same for every
letter rendered from one template, so each is compiled once, kept by the text itself (a key
that cannot go stale), and rendered again for the next unit.
"""

from __future__ import annotations

import io
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import DictLoader, StrictUndefined, Template, nodes
from jinja2.sandbox import SandboxedEnvironment


class ReviewTemplate:
    """The letters' template: its bytes, and the sandbox that renders it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = path.read_bytes()
        self.environment = _CompiledOnce()

    def render(self, context: dict) -> bytes:
        """One letter as .docx bytes; Jinja's TemplateError, or OverflowError (the sandbox's
        range() limit), for a template that cannot render."""
        doc = DocxTemplate(io.BytesIO(self.data))
        doc.render(context, self.environment)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


class _CompiledOnce(SandboxedEnvironment):
    """The sandbox the letters render in; a text docxtpl hands it is compiled the first time."""

    def __init__(self) -> None:
        # A loader that knows no template: {% include %} and {% import %} are template errors.
        super().__init__(loader=DictLoader({}), undefined=StrictUndefined, autoescape=True)
        self.compiled: dict[str, Template] = {}

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        if source not in self.compiled:
            self.compiled[source] = super().from_string(source)
        return self.compiled[source]
