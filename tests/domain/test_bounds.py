"""Numbers and redirect targets from outside are bounded before anything uses them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchmaker.domain.bounds import (
    INT32_MAX,
    internal_host,
    numeric_ipv4,
    parse_int,
    safe_local_path,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        (str(INT32_MAX), INT32_MAX),
        (str(INT32_MAX + 1), None),
        ("9" * 400, None),
        ("²", None),
        ("١٢", None),
        ("-1", None),
        ("1e3", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_int(raw: object, expected: int | None) -> None:
    """Only plain ASCII digits within the column's range pass."""
    assert parse_int(raw) == expected


@given(st.text(max_size=30))
def test_parse_int_never_raises_and_stays_in_bounds(raw: str) -> None:
    """Any text gives None or a number inside the bounds."""
    value = parse_int(raw, lo=1, hi=100)
    assert value is None or 1 <= value <= 100


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "",
        None,
    ],
)
def test_safe_local_path_refuses_other_hosts(target: object) -> None:
    """Nothing that a browser could read as another host survives."""
    assert safe_local_path(target) is None


@pytest.mark.parametrize("target", ["/", "/practices?province=Zeeland", "/campaigns/3#events"])
def test_safe_local_path_keeps_local_paths(target: str) -> None:
    """Ordinary local paths with queries and anchors are kept."""
    assert safe_local_path(target) == target


@given(st.text(max_size=40))
def test_safe_local_path_output_is_always_local(target: str) -> None:
    """Whatever comes in, what comes out is a single-slash local path without whitespace."""
    result = safe_local_path(target)
    if result is not None:
        assert result.startswith("/") and not result.startswith("//")
        assert not any(c in result for c in "\t\n\r \\")


@pytest.mark.parametrize(
    "host",
    ["www.noordoostpolder.nl", "8.8.8.8.nip.io", "deadbeef.com", "x.2024.nl", "www.1-2-3.nl"],
)
def test_public_names_with_numbers_are_kept(host: str) -> None:
    """Numbers in a name that are no internal address do not refuse a link."""
    assert not internal_host(host)


def test_numeric_hosts_mean_what_resolvers_read() -> None:
    """Every way of writing an IPv4 address as numbers gives the address resolvers use."""
    forms = ["127.0.0.1", "0x7f.0.0.1", "0177.0.0.1", "127.1", "2130706433", "0x7f000001"]
    assert {str(numeric_ipv4(f)) for f in forms} == {"127.0.0.1"}
    assert numeric_ipv4("www.example.nl") is None and numeric_ipv4("256.1.1.1") is None
