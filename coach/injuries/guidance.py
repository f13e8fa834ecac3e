"""What an injury's severity means for training: the tier, run guidance, the road back, red flags.

Tiers (the issue's rule): severity 1-3 modify, 4-6 substitute, 7-10 avoid.
"""

from __future__ import annotations

from training.models import InjuryRegion

MODIFY, SUBSTITUTE, AVOID = "modify", "substitute", "avoid"
LOWER_LIMB = frozenset(
    {
        InjuryRegion.HIP,
        InjuryRegion.GROIN,
        InjuryRegion.HAMSTRING,
        InjuryRegion.QUAD,
        InjuryRegion.KNEE,
        InjuryRegion.SHIN,
        InjuryRegion.CALF,
        InjuryRegion.ACHILLES,
        InjuryRegion.ANKLE,
        InjuryRegion.FOOT,
    }
)
MODIFY_GUIDANCE = (
    "Keep it, lighter: about 20-30 % less load, a pain-free range of motion and a slow tempo "
    "(3 s down); stop the set if pain rises above 3/10."
)
SUBSTITUTE_GUIDANCE = "Swap it for the alternative, which does not load the injured area."
AVOID_GUIDANCE = "Leave it out until you have been assessed and the pain has settled."
PROFESSIONAL_CARE = (
    "This is training guidance, not a diagnosis: see a doctor or physiotherapist to get the "
    "injury assessed, and sooner if it is not improving within a week or two."
)
RED_FLAG_WORDS = {
    "numbness": "numbness, tingling or pins and needles",
    "night_pain": "pain at night or pain that wakes you",
    "trauma": "a fall, blow or other trauma",
    "swelling": "swelling",
    "loss_of_function": "not being able to bear weight or move it normally",
}
CLINICIAN_NOW = (
    "Get medical care now: {flags} can mean more than a training injury and should be checked "
    "by a clinician before you train it."
)
RUN_GUIDANCE = {
    MODIFY: (
        "Run easy on flat, soft ground at about 70-80 % of your usual volume; no hills, "
        "intervals or races until pain stays at or below 2/10 during and the next morning."
    ),
    SUBSTITUTE: (
        "Replace runs with pain-free cross-training (bike, pool running, elliptical) at the same "
        "effort; start walk-run intervals once brisk walking is pain-free for 30 minutes."
    ),
    AVOID: (
        "No running for now; only non-impact cardio that is completely pain-free, and get "
        "assessed before you start a walk-run return."
    ),
}
RETURN_STEPS = (
    {
        "step": 1,
        "name": "Settle the pain",
        "do": "Relative rest from what provokes it; gentle pain-free range of motion daily.",
        "move_on_when": "Pain at rest is 0-1/10 and daily activities are pain-free.",
    },
    {
        "step": 2,
        "name": "Restore range and light loading",
        "do": "Isometrics and light, slow exercises for the area, 2-3 sets, pain <= 2/10.",
        "move_on_when": "Full pain-free range and no increase in pain the next day.",
    },
    {
        "step": 3,
        "name": "Rebuild strength",
        "do": "Modified versions of your lifts at 50-70 % of usual load, adding about 10 % a week.",
        "move_on_when": "Pain <= 2/10 during and the next day at 70 % of your usual load.",
    },
    {
        "step": 4,
        "name": "Return to full training",
        "do": "Usual exercises and volume, heavy and fast work last; runners add running "
        "back with walk-run, then easy runs, then speed.",
        "move_on_when": "Full training for two weeks with pain <= 2/10 during and the next day.",
    },
)


def tier_for(severity: int) -> str:
    if severity <= 3:
        return MODIFY
    return SUBSTITUTE if severity <= 6 else AVOID


def run_guidance(region: str, severity: int) -> str | None:
    """Guidance for running with a lower-limb injury; None for the upper body."""
    return RUN_GUIDANCE[tier_for(severity)] if region in LOWER_LIMB else None


def clinician_referral(red_flags: list[str]) -> str | None:
    if not red_flags:
        return None
    words = [RED_FLAG_WORDS[flag] for flag in red_flags if flag in RED_FLAG_WORDS]
    return CLINICIAN_NOW.format(flags=", ".join(words))


def safety_paragraph(red_flags: list[str]) -> str:
    """Always the professional-care caveat; the red-flag referral first when there are flags."""
    referral = clinician_referral(red_flags)
    return f"{referral} {PROFESSIONAL_CARE}" if referral else PROFESSIONAL_CARE
