"""``facts_from_document`` builds ``CaseFacts`` positionally: hold it to the fields.

The tuple is built without keywords for speed (bench/engine.py), so nothing in Python
would notice two facts of the same type trading places. Each element must be a local
named after its field, in ``CaseFacts._fields`` order; this reads the source to check.
"""

from __future__ import annotations

import ast
import inspect

from recommendations.engine import facts as facts_module
from recommendations.engine.facts import CaseFacts


def _built_tuple() -> ast.Tuple:
    source = inspect.getsource(facts_module.facts_from_document)
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    returned = function.body[-1]
    assert isinstance(returned, ast.Return), "facts_from_document must end in return"
    call = returned.value
    assert isinstance(call, ast.Call)
    assert isinstance(call.args[1], ast.Tuple)
    assert [ast.unparse(arg) for arg in call.args[:1]] == ["CaseFacts"]
    return call.args[1]


def test_every_element_is_the_local_of_its_field_in_field_order() -> None:
    elements = _built_tuple().elts
    names = [
        element.id if isinstance(element, ast.Name) else None for element in elements
    ]
    assert None not in names, "every element must be a bare local named for its field"
    assert names == list(CaseFacts._fields)
