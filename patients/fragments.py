"""Template fragments kept rendered, per process, under the value they show.

Some parts of the clinic's pages are most of their rendering cost and are shown
again and again unchanged: a worklist row, above all (a coordinator reloads the
list many times a day). Such a fragment is a pure function of a value (a frozen
``WorklistRow``) and of fixed words and addresses. ``Fragments`` keeps the HTML
under that value itself (compared by equality, not by a hash), so a changed row is
a new key and never a stale entry. Nothing identifying goes into a key that is not
already in the HTML it stands for, and it lives only in the memory of the process
that rendered it.

The request's CSRF token is the one thing in such a fragment that is not shown
data: fragments are rendered with a placeholder, which each request fills in with
its own token.
"""

from __future__ import annotations

from collections.abc import Hashable
from threading import Lock

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

CSRF_PLACEHOLDER = "kept-fragment-csrf-placeholder"


class Fragments:
    """One template's renders, at most ``size`` of them (then they start over)."""

    def __init__(self, template_name: str, size: int) -> None:
        self.template_name = template_name
        self.size = size
        self._kept: dict[Hashable, str] = {}
        self._lock = Lock()

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)

    def render(
        self, context: template.Context, key: Hashable, **values: object
    ) -> SafeString:
        """The template rendered with ``values`` pushed on ``context``.

        ``key`` must determine everything the template shows with those values in
        that context, except the CSRF token.
        """
        html = self._kept.get(key)
        if html is None:
            compiled = context.template.engine.get_template(self.template_name)
            with context.push(values, csrf_token=CSRF_PLACEHOLDER):
                html = compiled.render(context)
            self._keep(key, html)
        return self._with_token(context, html)

    def render_alone(
        self, context: template.Context, values: dict[str, object]
    ) -> SafeString:
        """The template rendered from ``values`` alone, in a context of its own,
        kept under ``values`` themselves (lists and dicts compared as tuples).

        The template can show nothing that is not in its key: a name it uses and is
        not given renders empty, in tests too, rather than kept from another request.
        """
        key = frozen(values)
        html = self._kept.get(key)
        if html is None:
            compiled = context.template.engine.get_template(self.template_name)
            alone = template.Context(
                {**values, "csrf_token": CSRF_PLACEHOLDER},
                autoescape=context.autoescape,
            )
            html = compiled.render(alone)
            self._keep(key, html)
        return self._with_token(context, html)

    def _keep(self, key: Hashable, html: str) -> None:
        with self._lock:
            if len(self._kept) >= self.size:
                self._kept.clear()
            self._kept[key] = html

    @staticmethod
    def _with_token(context: template.Context, html: str) -> SafeString:
        if CSRF_PLACEHOLDER not in html:
            return mark_safe(html)  # noqa: S308 - rendered by the template engine
        token = conditional_escape(str(context.get("csrf_token", "")))
        return mark_safe(html.replace(CSRF_PLACEHOLDER, token))  # noqa: S308


def frozen(value: object) -> Hashable:
    """``value`` as a key compared by value: dicts and lists become tuples. Anything
    else must be hashable by value already (a frozen dataclass, a named tuple, a
    string): a model instance compares by its key alone, so it is refused."""
    from django.db.models import Model

    if isinstance(value, dict):
        return tuple(sorted((k, frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    if isinstance(value, Model):
        raise TypeError(f"a kept fragment cannot be keyed by a {type(value).__name__}")
    hash(value)
    return value
