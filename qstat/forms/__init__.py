"""The official forms, one module each; ``FORMS`` lists their declarations in order."""

from . import (
    f1_bad_behaviour,
    f2_penalties,
    f3_in_progress,
    f4_completed,
    f5_quarterly,
    f6_categories,
    f7_annual,
)

FORMS = {
    m.SPEC.code: m.SPEC
    for m in (
        f1_bad_behaviour,
        f2_penalties,
        f3_in_progress,
        f4_completed,
        f5_quarterly,
        f6_categories,
        f7_annual,
    )
}
# The lists (附表1-4), one row per record; the conduct records among them (附表1/2) by name.
LIST_FORMS = tuple(code for code, spec in FORMS.items() if spec.is_list)
CONDUCT = {code: spec.conduct for code, spec in FORMS.items() if spec.conduct}
# Record type of each detail form (F1-F4): rows become these dataclasses.
DETAIL_RECORDS = {
    "F1": f1_bad_behaviour.BadBehaviour,
    "F2": f2_penalties.Penalty,
    "F3": f3_in_progress.InProgressProject,
    "F4": f4_completed.CompletedProject,
}
