"""The OpenAPI schema generates without a warning: every enum has one name, nothing unresolved."""

from __future__ import annotations

import inspect
import re
import sys

import yaml
from django.core.management import call_command

from core.schema import NO_NUL_PATTERN, NON_BLANK_PATTERN, STRIPPED_CHARS
from core.serializers import ModelSerializer, Serializer
from core.timezones import TIME_ZONE_FORMAT


def test_the_schema_validates_with_no_warning(tmp_path):
    target = tmp_path / "schema.yaml"
    # Any drf-spectacular warning (an enum name collision, an unresolvable field) raises here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    enums = {
        name
        for name, component in yaml.safe_load(target.read_text())["components"]["schemas"].items()
        if "enum" in component
    }
    assert {"MuscleEnum", "EquipmentEnum", "ProgramKindEnum", "ParseSourceEnum"} <= enums
    assert not {"PrimaryMusclesEnum", "SecondaryMusclesEnum", "EquipmentAvailableEnum"} & enums


def _components(tmp_path) -> dict:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(target))
    return yaml.safe_load(target.read_text())["components"]["schemas"]


def test_request_text_refuses_nul_and_responses_carry_no_base_docstrings(tmp_path):
    components = _components(tmp_path)
    text, blank = components["CheckInInputRequest"]["properties"]["note"]["oneOf"]
    assert text["pattern"] == NO_NUL_PATTERN
    assert re.fullmatch(text["pattern"], "slept well")
    assert not re.fullmatch(text["pattern"], "slept\x00well")
    assert not re.fullmatch(text["pattern"], "")  # only the blank branch takes ""
    assert blank == {"type": "string", "maxLength": 0}
    question = components["ClassifyInputRequest"]["properties"]["message"]
    assert question["pattern"] == NON_BLANK_PATTERN  # trimmed and required: not blank either
    for said in ("swap squats", "  hi  ", "a"):
        assert re.fullmatch(question["pattern"], said)
    for blank in ("", "   ", "\t\n", "\u00a0\u2003", "\x1c", "\x85", " \x00 ", "a\x00"):
        assert not re.fullmatch(question["pattern"], blank)
    assert re.fullmatch(question["pattern"], "\ufeff")  # kept by strip, so not blank

    zone = components["PatchedProfileRequest"]["properties"]["timezone"]
    assert zone["format"] == TIME_ZONE_FORMAT
    assert components["ImportCreateRequest"]["properties"]["file"]["minItems"] == 1
    bases = {inspect.cleandoc(cls.__doc__ or "") for cls in (Serializer, ModelSerializer)}
    leaked = [name for name, c in components.items() if c.get("description") in bases]
    assert leaked == []


def test_the_non_blank_pattern_names_exactly_what_strip_removes():
    stripped = re.compile(f"[{STRIPPED_CHARS}]")
    every = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    wrong = [hex(ord(c)) for c in every if bool(stripped.fullmatch(c)) != (c.strip() == "")]
    assert wrong == []
