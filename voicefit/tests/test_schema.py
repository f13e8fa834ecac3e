"""The OpenAPI schema generates without a warning: every enum has one name, nothing unresolved."""

from __future__ import annotations

import yaml
from django.core.management import call_command


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
