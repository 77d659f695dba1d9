"""Markdown files with YAML front matter: read with line numbers, write deterministically."""

from dataclasses import dataclass, field

import yaml

from .errors import ItemError


@dataclass
class Document:
    meta: dict
    body: str
    #: The file line of each top-level front-matter key.
    key_lines: dict[str, int] = field(default_factory=dict)
    #: The file line where the body starts.
    body_line: int = 1

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def parse(text: str, *, loader=yaml.SafeLoader) -> Document:
    """Split ``text`` into front matter and body; YAML errors carry the file's line number.

    ``loader``: ``yaml.CSafeLoader`` (libyaml) parses about five times faster and builds the same values, but
    words its error messages differently; the bulk loader uses it and re-parses a failing file with the default.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ItemError("the file must start with a '---' line opening the YAML front matter", 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ItemError("the front matter is not closed by a '---' line", 1) from None
    yaml_text = "\n".join(lines[1:end])
    try:
        parser = loader(yaml_text)
        try:  # what yaml.compose and yaml.safe_load do, parsing once
            node = parser.get_single_node()
            meta = parser.construct_document(node) if node is not None else None
        finally:
            parser.dispose()
    except yaml.YAMLError as error:
        index = yaml_error_line(error)
        problem = getattr(error, "problem", None) or str(error)
        raise ItemError(f"broken YAML front matter: {problem}", index + 2 if index is not None else 1) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ItemError("the front matter must be a mapping of 'key: value' lines", 2)
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    body = "\n".join(lines[end + 1 :]).strip("\n")
    body_line = end + 2
    # Skip the blank lines that strip() removed so body line numbers stay true.
    for raw in lines[end + 1 :]:
        if raw.strip():
            break
        body_line += 1
    return Document(meta=meta, body=body, key_lines=key_lines, body_line=body_line)


def yaml_error_line(error: yaml.YAMLError) -> int | None:
    """The 0-based line of the YAML text at fault, or None.

    PyYAML's ``problem_mark`` is where it noticed the error. For an unclosed construct (a ``[`` list, a ``{``
    mapping, a quoted text, a key without its ``:``) that is the next token, usually on the next line; the
    line at fault is where the construct opened: its ``context_mark``.
    """
    context = getattr(error, "context", None) or ""
    context_mark = getattr(error, "context_mark", None)
    problem_mark = getattr(error, "problem_mark", None)
    if context_mark is not None and (context.startswith("while scanning") or "flow" in context):
        return context_mark.line
    mark = problem_mark or context_mark
    return mark.line if mark is not None else None


def dump_yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


def render(meta: dict, body: str) -> str:
    """The file text for ``meta`` and ``body``; the same input always gives the same bytes."""
    text = "---\n" + dump_yaml(meta) + "---\n"
    if body.strip():
        text += "\n" + body.strip("\n") + "\n"
    return text
