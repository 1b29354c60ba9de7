"""The base of the classes that say what templates may call (site/template_functions.py,
leaflets/template_functions.py): their public members, by name, are the templates' names, so
every name a template calls has a typed definition to jump to."""


class TemplateFunctions:
    """Every public member (method, static function or value) of a subclass is a template
    name; ``by_name`` hands them to the environment or the render context in one place."""

    def by_name(self) -> dict[str, object]:
        """Every public member by its name."""
        return {name: getattr(self, name) for name in dir(self)
                if not name.startswith("_") and name != "by_name"}
