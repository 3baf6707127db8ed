"""The render() entry point: formats, options, errors, determinism, the lazy public name."""

from __future__ import annotations

import pytest

import gov_disclosure
from gov_disclosure import examples
from gov_disclosure.renderers import FORMATS, render


def test_public_name_renders() -> None:
    # gov_disclosure.render is the function whether or not its package, gov_disclosure.renderers, was imported.
    report = examples.naidong_2024()
    assert gov_disclosure.render(report, "text") == render(report, "text")
    import gov_disclosure.renderers as package

    assert gov_disclosure.render is package.render
    assert gov_disclosure.render(report, "markdown") == render(report, "markdown")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_returns_the_documented_type(fmt: str) -> None:
    out = render(examples.naidong_2024(), fmt)
    assert isinstance(out, bytes if fmt == "docx" else str)
    assert out == render(examples.naidong_2024(), fmt)


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match=r"unknown format 'pdf'.*text, markdown, html, docx"):
        render(examples.naidong_2024(), "pdf")


@pytest.mark.parametrize(
    ("fmt", "options", "error", "match"),
    [
        ("text", {"fragment": True}, TypeError, "unknown option.*fragment.*accepts title, preamble"),
        ("html", {"indent": False}, TypeError, "indent"),
        ("docx", {"colour": "red"}, TypeError, "colour"),
        ("text", {"blank_policy": "dash"}, ValueError, "blank_policy: expected 'blank' or 'zero'"),
        ("text", {"amount_places": -1}, ValueError, "amount_places"),
        ("text", {"amount_places": 1.5}, ValueError, "amount_places"),
        ("markdown", {"title": "yes"}, TypeError, "title: expected True or False"),
    ],
)
def test_bad_options(fmt: str, options: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        render(examples.naidong_2024(), fmt, **options)


def test_not_a_report() -> None:
    with pytest.raises(TypeError, match="expected a Report, got dict"):
        render({}, "text")  # type: ignore[call-overload]
