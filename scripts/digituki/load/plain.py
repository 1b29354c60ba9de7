"""A YAML node tree as plain Python values, for code that reads a record without checking it
(the change summary, the code owners)."""
from .strict_yaml import Mapping, Node, Scalar, Sequence

MAX_DEPTH = 32  # a record is about six levels deep; deeper nesting is no record
# What a record holds when read without its schema: text, lists and sections (None: nothing).
Plain = str | list["Plain"] | dict[str, "Plain"] | None


class TooDeep(Exception):
    pass


def plain(node: Node | None, depth: int = 0) -> Plain:
    """A node tree as plain Python values (every scalar stays text)."""
    if depth > MAX_DEPTH:
        raise TooDeep
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [plain(item, depth + 1) for item in node.items]
    if isinstance(node, Mapping):
        return {key: plain(value, depth + 1) for key, (_, value) in node.items.items()}
    return None
