"""Lay words -> the knowledge base's words: a small explicit lexicon for the full-text side.

Each entry is a pattern over the lower-cased question and the words the knowledge base uses for
the same thing. Every match adds one more full-text alternative (OR-ed with the question
itself), so "my heel kills in the morning" also searches "plantar fasciitis heel pain".
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from functools import cached_property, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings

try:
    import hyperscan
except ImportError:  # no wheel for the platform (Linux on ARM, Windows): patterns tried in turn
    hyperscan = None  # type: ignore[assignment]

LEXICON: tuple[tuple[str, str], ...] = (
    # injury: symptoms -> diagnoses
    (
        r"\bheel\b.*\b(morning|first steps?|out of bed)\b|\b(morning|first steps?)\b.*\bheel\b",
        "plantar fasciitis heel pain",
    ),
    (r"\b(under|bottom of) (my |the )?(heel|foot|arch)\b", "plantar fasciitis heel pain"),
    (r"\bheel\b.*\b(hurts?|pain|sore|kills?)\b|\b(hurts?|pain|sore)\b.*\bheel\b", "heel pain"),
    (r"\b(back of|above) (my |the )?(heel|ankle)\b|\bachilles\b", "achilles tendinopathy"),
    (r"\bshins?\b|\bshinsplints?\b", "shin splints medial tibial stress syndrome"),
    (
        r"\b(one|a) (spot|point)\b.*\b(bone|shin|foot)\b|\bpress(ing)? on (it|the bone)\b",
        "stress fracture bone stress injury",
    ),
    (r"\bout(side|er)( of)? (my |the )?knee\b|\bitb\b|\bit ?band\b", "IT band syndrome"),
    (
        r"\b(around|behind|under) (my |the )?knee ?cap\b|\bknee\b.*\bstairs\b|\brunner'?s knee\b",
        "runner's knee patellofemoral pain",
    ),
    (
        r"\b(below|under) (my |the )?knee ?cap\b|\bjumper'?s knee\b|\bpatellar\b",
        "patellar tendinopathy",
    ),
    (r"\b(rolled|twisted|turned|sprained) (my |an |the )?ankle\b", "ankle sprain"),
    (
        r"\bhamm?(y|ie|ies|string)s?\b.*\b(pop|pull|pulled|tweak|twinge|grab)\b"
        r"|\b(pop|pulled|tweaked|twinge)\b.*\b(back of (my |the )?thigh|hamm?(y|ie|string))",
        "hamstring strain",
    ),
    (
        r"\b(outside|inside) of (my |the )?elbow\b|\btennis elbow\b|\bgolfer'?s elbow\b",
        "elbow tendinopathy tennis elbow golfer's elbow",
    ),
    (
        r"\b(tweaked|pulled|hurt|put out|threw out|strained) (my )?(lower |low )?back\b"
        r"|\blower back\b.*\b(pain|hurts?|sore|tweak)",
        "low back strain",
    ),
    (
        r"\bshoulder\b.*\b(pinch|pinches|pinching|clicks?|hurts?|pain)\b",
        "shoulder impingement rotator cuff",
    ),
    (r"\b(stiff|sore|crick in (my|the)) neck\b|\bneck\b.*\b(hurts?|pain|stiff)\b", "neck pain"),
    (r"\bwrists?\b.*\b(hurt|hurts|pain|sore|ach(e|es|y|ing)|clicks?)\b", "wrist pain"),
    (
        r"\bfront of (my |the )?hip\b|\bhip flexors?\b.*\b(hurt|pain|pull|strain)",
        "hip flexor strain",
    ),
    # Beta-alanine's harmless tingling is no neurological symptom.
    (
        r"^(?!.*\bbeta.?alanine\b).*\b(numb|numbness|tingl\w*|pins and needles|shooting pain)\b",
        "numbness tingling red flags",
    ),
    (
        r"\b(chest (pain|tight\w*)|dizzy|faint\w*|passed out|blacked out)\b",
        "red flags chest pain dizziness",
    ),
    (
        r"\b(train|run|lift)(ing)? through (the |a bit of |some )?pain\b|\bhow much pain\b",
        "pain acceptable during training",
    ),
    # recovery and load
    (
        r"\bsame (hard )?(session|workout|run)s?\b.*\b(every|each) (single )?day\b",
        "training monotony strain",
    ),
    (
        r"\b(race|run|racing) again after (a |my |the )?marathon\b"
        r"|\bafter (a |my |the )?marathon\b.*\brecover",
        "recovery after a marathon",
    ),
    (
        r"\b(wrecked|destroyed|so sore|can'?t walk|sore for days)\b|\bdoms\b",
        "delayed onset muscle soreness",
    ),
    (r"\bice baths?\b|\bcold plunge\b", "cold water immersion"),
    (
        r"\b(always|constantly|so) (tired|exhausted|fatigued)\b|\bburn(ed|t)? out\b",
        "fatigue overreaching",
    ),
    (r"\bovertrain\w*\b", "overtraining syndrome overreaching"),
    (
        r"\b(jumped|went) from \d+ ?(to) ?\d+ ?(km|miles?|mi)\b|\btoo much too soon\b",
        "acute chronic workload ratio spike",
    ),
    (r"\bhrv\b", "heart rate variability"),
    (r"\bresting (heart rate|hr|pulse)\b|\brhr\b", "resting heart rate fatigue marker"),
    (
        # "a cold" is an illness; "always cold" (a symptom) and "in the cold" (weather) are not.
        r"\b((?<!in )(a|the|head|chest) cold|flu|sick|ill)\b.*\b(train|gym|run|lift)"
        r"|\b(train|gym|run|lift)\w*\b.*\b((?<!in )(a|the|head|chest) cold|flu|sick)\b",
        "training with a cold illness",
    ),
    (r"\b(work|life|exam)s? stress\b|\bstress(ed|ing me)\b|\bexams?\b", "psychological stress"),
    (r"\b(easy|light|off) week\b|\bback off week\b|\btake a week off\b", "deload"),
    (r"\bnaps?\b|\bnapping\b|\bhours of sleep\b|\bcan'?t sleep\b", "sleep"),
    # running
    (
        r"\b(die|dying|died|blow up|blew up|hit the wall|bonk\w*|crash)\b.*\bmiles? (18|20|21|22)\b"
        r"|\b(hit the wall|bonk\w*)\b",
        "hitting the wall glycogen fuelling carbohydrate",
    ),
    (r"\b(ease|easing|cut|cutting) (off|back)\b.*\b(before|race)\b|\btaper\w*\b", "tapering taper"),
    (r"\b(fast|hard) 400s?\b|\b(track|mile) repeats\b|\b400m?s\b|\b800m?s\b", "intervals VO2max"),
    (r"\bhill repeats?\b|\bhills?\b.*\b(workout|session)s?\b", "hill repeats strides"),
    (
        r"\b(gels?|chews|fuel\w*)\b.*\b(long run|race|marathon)?\b",
        "carbohydrate during long runs fueling",
    ),
    (
        r"\b(stomach|gut|gi)\b.*\b(issues?|problems?|crazy|upset|cramps?)\b",
        "training the gut fueling",
    ),
    (r"\bsteps per minute\b|\bspm\b|\bstep rate\b", "cadence"),
    (
        r"\bovers?trid\w*\b|\bheel (strike|lands?|landing)\b|\bon (my )?(toes|heels)\b",
        "foot strike overstriding running form",
    ),
    (r"\b(couch to 5k|c25k|can'?t run (for )?more than)\b", "beginner run-walk"),
    (
        r"\b(weekly )?(km|kms|miles|mileage)\b.*\b(increase|bump|add|build|more)\b"
        r"|\b(increase|bump|add|build)\b.*\b(km|kms|miles|mileage)\b",
        "building weekly mileage 10 percent rule",
    ),
    (r"\bpredict\w*\b.*\b(time|finish)\b", "predicting race times Riegel"),
    # "ice or heat" asks about a fresh injury, not the weather.
    (
        r"\b(hot|humid\w*)\b|(?<!ice or )(?<!ice and )\bheat\b(?! or ice| and ice)",
        "running in hot weather heat",
    ),
    # strength and programming
    (
        r"(?<!feel )(?<!feels )\b(stuck|stalled|plateau\w*|hasn'?t moved|not moving"
        r"|won'?t go up|no progress)\b",
        "plateau progress stalls progression",
    ),
    (
        r"\b(max|1rm|one rep max)\b.*\bwithout\b|\b(estimate|guess|roughly)\b.*\b(max|1rm)\b"
        r"|\bfor \d+ (reps )?what'?s (that|my)\b",
        "estimating one-rep max",
    ),
    (r"\bohp\b", "overhead press"),
    (r"\bopeners?\b|\bmeet\b|\battempts?\b", "powerlifting meet attempts peaking"),
    (r"\brpe \d+|\brpe\b", "RPE rating of perceived exertion reps in reserve"),
    (
        r"\bsmallest (jump|increase|plate)\b|\bjumps? (is|are) too big\b|\bfractional plates\b",
        "microloading small plates",
    ),
    (r"\b(one|a) heavy set\b.*\blighter\b|\btop set\b", "top set back-off sets"),
    (r"\b(noob|beginner)\b.*\b(add|increase)\b", "linear progression beginners"),
    (r"\bppl\b|\bpush pull legs\b", "push-pull-legs split"),
    (r"\bbro split\b", "body-part split"),
    (r"\b(wider|bigger) (lats|back)\b|\bv.?taper\b", "back growth"),
    (r"\b(bigger|grow\w*) (glutes|booty)\b", "glute growth"),
    (
        r"\b(small|tiny|skinny|puny|lagging|weak|stubborn) "
        r"(arms|biceps|triceps|calves|chest|shoulders|delts|glutes|legs)\b"
        r"|\bbring (them|it|my \w+) up\b"
        r"|\b(focus|prioriti[sz]e) (on )?(my )?(arms|calves|chest|shoulders|delts|glutes|back)\b",
        "lagging muscle specialization",
    ),
    # Keeping muscle on a diet is the deficit's question, not a break's.
    (
        r"^(?!.*\b(diet\w*|deficit|cutting)\b).*"
        r"(\b(gains|muscle)\b.*\b(lose|lost|losing)\b|\b(lose|lost|losing)\b.*\b(gains|muscle)\b)",
        "muscle loss detraining retention",
    ),
    (r"\brecomp\w*\b|\b(lose|losing) fat and (gain|build)\w* muscle\b", "body recomposition"),
    (r"\bto failure\b|\bfailure\b", "proximity to failure"),
    (r"\b(ass|butt) to grass\b|\bparallel\b|\bhow deep\b", "squat depth"),
    (r"\bbutt wink\b|\bpelvis tucks?\b", "butt wink"),
    (r"\bknees? (cave|caving|collapse|go in)\b", "knee cave valgus"),
    (r"\b(butt|hips?) (shoots?|rises?|comes?) up\b", "hips shooting up deadlift"),
    (r"\brounding\b|\bround(ed)? back\b", "rounded back"),
    (r"\bvalsalva\b", "breathing bracing Valsalva"),
    (r"\bbelt\b", "lifting belt bracing"),
    (r"\bsumo\b", "sumo deadlift"),
    (r"\brdls?\b", "Romanian deadlift"),
    (r"\bkip\w*\b|\bswing\w*\b.*\bpull.?ups?\b", "pull-up faults"),
    # nutrition
    (
        r"\b(lost|missed|no|stopped) (my )?periods?\b|\bamenorrh\w*\b|\bnot eating enough\b",
        "RED-S low energy availability menstrual",
    ),
    (r"\bprotien\b|\bprotein\b", "protein"),
    (r"\balcohol\b|\bbooze\b|\bhangover\b", "alcohol"),
    (r"\bsalt\b|\belectrolytes?\b|\bsweat\w*\b", "sodium sweat rate"),
    (r"\bhyponatr\w*\b", "hyponatraemia"),
    (r"\biron\b|\banemi\w*\b|\banaemi\w*\b", "iron deficiency"),
    (r"\bcoffee\b|\bcaff?e?ine?\b|\bpre.?workout\b", "caffeine"),
    (r"\bbcaas?\b", "BCAAs essential amino acids"),
    (r"\bcasein\b|\bbefore bed\b", "protein before sleep"),
    (r"\bbulk\w*\b", "calorie surplus bulking"),
    (r"\bcarb.?load\w*\b|\bpasta\b", "carbohydrate loading"),
    # Cutting miles or volume is a taper, not a diet.
    (
        r"\bcut(ting)?\b(?! (back|down|off|(my |the )?(miles|mileage|volume|kms?)\b))|\bdeficit\b",
        "calorie deficit cutting",
    ),
    # mobility and technique
    (
        r"\bheels? (come|comes|coming|lift|lifting|rise|rising) (up|off)\b",
        "ankle dorsiflexion heels rising",
    ),
    (r"\b(squat shoes|lifting shoes|plates under (my )?heels?)\b", "heel elevation"),
    (r"\btouch (my )?toes\b", "hamstring flexibility"),
    (r"\b(tight|stiff) hips?\b|\bhips? (are|feel) (tight|stiff)\b", "hip mobility hip flexor"),
    (r"\bupper back (is )?stiff\b|\bstiff upper back\b", "thoracic spine mobility"),
    (r"\barms? (straight )?overhead\b", "shoulder flexion overhead"),
    (r"\bcontract.?relax\b|\bpnf\b", "PNF stretching"),
    (r"\bfoam roll\w*\b", "foam rolling"),
    (r"\bcool(ing)? ?down\b", "cool-down"),
    # general lay language for the topics the knowledge base covers, by namespace
    # injury
    (r"\b(pop|snap)\w*\b.*\b(calf|heel|back of (my |the )?ankle)\b", "achilles tendinopathy"),
    (r"\btop of (my |the )?foot\b|\bfoot bone\b|\bmetatarsals?\b", "stress fracture"),
    (r"\b(broke|broken|cracked|fractured?)\b", "suspected fracture"),
    (r"\bknees? (gives?|gave|giving) (way|out)\b|\bknees? buckl\w*\b", "knee giving way"),
    (r"\bsciatica\b|\b(pain|tingl\w*|numb\w*) down (my |the )?legs?\b", "back pain leg pain"),
    (r"\bgroin\b", "hip flexor strain groin"),
    (r"\b(calf|calves)\b.*\b(tight|pull|pulled|tweak|strain|twinge)\b", "calf strain"),
    (r"\bniggles?\b|\bnagging\b", "pain does not improve"),
    (r"\bphysio\b|\bdoctor\b|\bget (it|this) (checked|looked at)\b", "see a clinician"),
    # running
    (r"\bparkrun\b", "5k race"),
    (r"\bnegative splits?\b|\beven splits?\b|\bgo(ing)? out too (fast|hard)\b", "race pacing"),
    (r"\bzone ?2\b|\bz2\b|\bzones?\b.*\bheart\b", "heart rate zones"),
    (r"\bconversational pace\b|\bslow runs?\b|\beasy pace\b", "easy runs"),
    (r"\bspeed ?work\b|\btrack (session|workout)s?\b", "interval training"),
    (r"\btempo\b|\bcomfortably hard\b", "tempo runs threshold"),
    (r"\blong slow\b|\bsunday long\b|\blongest run\b", "long run"),
    (r"\bdreadmill\b|\btreadmill\b", "treadmill running"),
    (r"\b(side )?stitch\b|\bout of breath\b|\bgasping\b", "beginner running"),
    (r"\bcouch\b|\bnever run\b|\bnew to running\b|\bstart(ing)? running\b", "beginner running"),
    (r"\brunning shoes?\b|\bsneakers?\b|\btrainers\b", "running shoes"),
    (r"\bsteps? (are )?too long\b|\blong strides?\b|\breaching out\b", "overstriding"),
    # recovery
    (
        r"\b(sore|aching|achy|stiff) (legs|muscles|everywhere|all over)\b|\bcan'?t sit down\b",
        "delayed onset muscle soreness",
    ),
    (r"\bmassage\b|\bcompression\b", "massage compression garments"),
    (r"\bcovid\b|\bflu\b|\bfever\b", "illness return to training"),
    (r"\b(insomnia|sleep(ing)? badly|bad sleep|poor sleep|jet ?lag)\b", "sleep"),
    (r"\b(whoop|oura|garmin|my watch)\b.*\b(recovery|readiness|score)\b", "heart rate variability"),
    (r"\b(training )?load (spike|jump)\w*\b|\bworkload\b", "acute chronic workload ratio"),
    (r"\b(run ?down|beat up|no energy|drained)\b", "fatigue deload signals"),
    (
        r"\bbetween (two |my |the )?(hard|heavy|intense|tough|big|key) "
        r"(workouts?|sessions?|days?|runs?)\b|\bback.?to.?back (hard|heavy) (days|sessions)\b",
        "recovery time between hard sessions",
    ),
    # nutrition
    (r"\btdee\b|\bmaintenance\b|\bcalories? (do i|should i) (burn|eat)\b", "maintenance calories"),
    (
        r"\b(lose|losing|drop|dropping|shed)\b.*\b(weight|fat|kilos?|kg|lbs?|pounds)\b|\bshred\w*\b",
        "calorie deficit weight loss",
    ),
    (r"\b(gain|put on) weight\b|\bhardgainer\b|\bskinny\b", "calorie surplus bulking"),
    (r"\bketo\w*\b|\blow.?carb\w*\b|\bfat.?adapted\b", "low-carbohydrate diets"),
    (r"\bvegan\b|\bvegetarian\b|\bplant.?based\b|\bno meat\b", "vegetarian vegan protein"),
    (r"\bwhey\b|\bshakes?\b|\bprotein powder\b", "protein powder"),
    (r"\bbeet(root)?s?\b|\bnitrates?\b", "dietary nitrate beetroot juice"),
    (r"\bbaking soda\b|\bbicarb\w*\b", "sodium bicarbonate"),
    (r"\bvitamin d\b|\bsunlight\b", "vitamin D"),
    (r"\b(water|fluids?|dehydrat\w*|thirsty|pee|urine)\b", "hydration fluid"),
    (r"\bfat burners?\b|\btest(osterone)? boosters?\b", "supplements weak evidence"),
    (r"\bmacros\b", "protein carbohydrate"),
    # strength, hypertrophy and programming
    (
        r"\b(jacked|swole|huge|get big|getting big|put on size|more size)\b",
        "muscle growth hypertrophy",
    ),
    (r"\b(newbie|noob|novice|first year)\b", "beginner"),
    (r"\bcalisthenics\b|\bno (gym|equipment|weights)\b|\bat home\b", "bodyweight"),
    (r"\b5x5\b|\bstronglifts\b|\bstarting strength\b", "linear progression"),
    (r"\b5/3/1\b|\b531\b|\bwendler\b", "percentage-based programming"),
    (r"\bmyo ?reps?\b|\brest.?pause\b|\bdrop ?sets?\b", "drop sets rest-pause"),
    (r"\bcardio\b|\bhybrid\b", "concurrent training"),
    (r"\bfull.?body\b", "full-body"),
    (r"\bupper.?lower\b", "upper/lower split"),
    (r"\bwarm.?up sets?\b|\bramp(ing)? up to\b", "warm-up sets"),
    (r"\bvbt\b|\bbar speed\b|\bvelocity\b", "velocity-based training"),
    (r"\bprogram hopping\b|\bswitch(ing)? (programs?|routines?)\b", "program before changing"),
    (r"\bsplits?\b.*\b(days?|week)\b|\bdays? a week\b.*\bsplit\b", "training split"),
    (r"\b(lighter|easier|recovery) week\b|\bcut ?back week\b", "deload"),
    (r"\bchin.?ups?\b", "pull-up"),
    (r"\bpress.?ups?\b", "push-up"),
    # mobility and technique
    (r"\bflexib\w*\b|\blimber\b|\bbendy\b", "flexibility stretching"),
    (r"\b(hunch\w*|posture)\b.*\b(upper back|desk)\b|\bt.?spine\b", "thoracic spine mobility"),
    (r"\b(desk|sitting) all day\b", "hip flexor stretches"),
    (r"\b(fall|falling|tip|tipping|lean|leaning) forward\b", "forward lean"),
    (r"\belbows? (flare|flaring|out)\b", "elbow flare"),
    (
        r"\b(low.?bar|bar low on (my |the )?back)\b.*\b(shoulders?|elbows?|wrists?)\b"
        r"|\b(shoulders?|elbows?|wrists?)\b.*\b(low.?bar|bar low on (my |the )?back)\b",
        "shoulder external rotation low-bar squat",
    ),
    (r"\bform\b.*\b(check|tips?|fix)\b|\bproper form\b|\bgood form\b", "technique cues"),
    # more lay words, by namespace
    # hypertrophy
    (
        r"\b(slow|slower)\b.*\b(reps?|lowering|negatives?|eccentrics?)\b"
        r"|\b(lowering|negatives?|eccentrics?)\b.*\bslow\b|\btime under tension\b|\btut\b",
        "rep tempo eccentric time under tension",
    ),
    (
        r"\bfeel(ing)? (the|my) (muscle|muscles|chest|lats|back|glutes|biceps)\b|\bmind.?muscle\b",
        "mind-muscle connection internal focus",
    ),
    (
        r"\breps? short\b|\breps? (left|in the tank)\b|\b(till|until) i (literally )?can'?t\b"
        r"|\bcan'?t (do|get) (another|one more)\b",
        "proximity to failure reps in reserve",
    ),
    (
        r"\b(light|lighter) (weights?|loads?)\b|\b[2-4]\d reps\b"
        r"|\bhigh reps\b.*\b(muscle|size|grow)",
        "load and rep range for hypertrophy light loads",
    ),
    (r"\btoo (many|much) (sets|volume)\b|\bjunk volume\b", "signs volume is too high"),
    (r"\b(getting|got|feel) weaker\b|\bweights? feels? heavier\b", "performance declining"),
    (
        r"\bdo(es)? (rows?|pull.?ups?|bench|presses|dips|squats) count\b|\bcounts? as sets\b",
        "counting sets for overlapping muscles",
    ),
    # injury
    (r"\bback of (my |the )?thighs?\b|\bhamm?(y|ies)\b", "hamstring strain"),
    (
        r"\bhop\w*\b.*\b(hurts?|pain\w*|sore)\b|\b(hurts?|pain\w*)\b.*\bhop\w*\b"
        r"|\bpin.?point\b|\btender (spot|to (the )?touch)\b",
        "stress fracture bone stress injury hop",
    ),
    (
        r"\bice or heat\b|\bheat or ice\b|\bshould i ice\b|\bpulled (a muscle|something)\b"
        r"|\bjust (pulled|tweaked|strained)\b",
        "first steps after an acute soft-tissue injury",
    ),
    (
        r"\bonly hurts? a (little|bit)\b|\b(run|train|lift)\w* (on|with) it\b|\bpush through\b",
        "pain acceptable during training",
    ),
    (r"\bbeen (hurt|injured)\b|\bafter (an |my |the )?injury\b", "return to training after injury"),
    # mobility
    (
        r"\bcan'?t (get|go|squat|sit) (low|deep|down|to depth)\b|\bhips? (feel )?(stuck|blocked)\b",
        "hip mobility for squat depth",
    ),
    (
        r"\bstretch\w* with weights\b|\b(weighted|loaded) stretch\w*\b|\bend.?range\b",
        "loaded stretching end-range strength",
    ),
    (
        r"\b(lifting|weights)\b.*\b(flexib\w*|mobility)\b|\b(flexib\w*|mobility)\b.*\b(lifting|weights)\b",
        "strength training improves range of motion",
    ),
    (
        r"\b(\d+|five|ten|few) min(ute)?s? (to )?warm.?up\b"
        r"|\bwarm.?(up|ing up) (before|for|on) "
        r"(squats?|bench|deadlifts?|lifting|leg day|bench day)\b",
        "pre-lift warm-up",
    ),
    (r"\bjumps?\b.*\bbefore\b.*\b(lift|lifting|squats?)\b|\bprimed?\b", "potentiate phase warm-up"),
    # nutrition
    (r"\bbeta.?alanine\b", "beta-alanine tingling"),
    (r"\bempty stomach\b|\bfasted\b|\bbefore breakfast\b", "training fasted"),
    (
        r"\b(\d+|one|two|three) (hours?|hrs?) before "
        r"(a |my |the )?(run|race|long run|workout|gym)\b"
        r"|\b(never|not) hungry\b",
        "what to eat before a run or lifting",
    ),
    (
        r"\bbeers?\b|\bwine\b|\bpints?\b|\bdrunk\b"
        r"|\bdrinking\b(?! (water|fluids?|enough|during|electrolytes|on the run))",
        "alcohol",
    ),
    (r"\btoo much water\b|\b(loads|lots) of water\b|\bconfused\b", "hyponatraemia"),
    (
        r"\b(two|2) (sessions|workouts) (in|a) (one )?day\b|\btwice a day\b|\bdouble days?\b",
        "rapid refuelling between two sessions",
    ),
    (
        r"\b(my|menstrual) cycle\b.*\b(all over|irregular|stopped|missing|late)\b"
        r"|\birregular periods?\b|\b(always|constantly) cold\b",
        "RED-S low energy availability menstrual",
    ),
    # programming
    (
        r"\bmissed (a|the|my) (whole )?(week|session|workout|day)\b|\bmissed (the )?gym\b",
        "missed sessions",
    ),
    (
        r"\bstick (with|to) (it|working out|training|the gym)\b|\bconsisten\w*\b|\bhabit\b",
        "adherence",
    ),
    (r"\b(what|which) order\b|\border (of|for) (my )?exercises\b", "exercise order"),
    (r"\bhow many exercises\b", "number of exercises"),
    (r"\bdup\b|\bundulating\b", "daily undulating periodization"),
    (r"\b(add|adding) reps\b.*\bweight\b", "double progression"),
    # recovery
    (
        r"\bsession.?rpe\b|\bsrpe\b|\brpe\b.*\b(times|multipl\w*)\b|\b(times|multipl\w*)\b.*\brpe\b",
        "session RPE training load",
    ),
    (
        r"\b(wear\w*|wore) (me )?down\b"
        r"|\b(track|monitor)\w*\b.*\b(fatigue|tired\w*|recover\w*|readiness)\b",
        "monitoring training fatigue",
    ),
    (
        r"\bmood\b|\birritab\w*\b|\bperformance (keeps? )?(dropping|declining|getting worse)\b",
        "overreaching warning signs",
    ),
    (r"\bheavy legs\b|\blegs (feel |are )?(heavy|dead|flat)\b", "deload signals in running"),
    (r"\b\d+ (hours|hrs)\b.*\bsleep|\bsleep\w*\b.*\b\d+ (hours|hrs)\b", "sleep"),
    (r"\bbounce back\b|\btraining camp\b|\bheavy block\b", "recovery after a training camp"),
    (
        r"\brecover\w* (after|from) (racing )?(a |my |the )?(5k|10k|half)\b"
        r"|\b(after|from) racing\b",
        "recovery after shorter races",
    ),
    # running
    (
        r"\b(day|morning) after (a |the |my )?(hard )?(workout|session|race|long run)\b"
        r"|\bshake.?out\b|\brecovery (runs?|jogs?)\b",
        "recovery runs",
    ),
    (
        r"\b(too|so|embarrassingly|really) slow\b|\b80.?20\b|\bpolari[sz]ed\b",
        "how slow easy runs should be 80/20",
    ),
    (
        r"\b(cut|cutting|drop|dropping|reduce|reducing|less)\b.*\b(miles|mileage|volume|kms?)\b"
        r".*\b(before|race|marathon)\b|\b(last|final) (few |couple( of)? )?weeks before\b",
        "tapering taper",
    ),
    (r"\bdownhills?\b|\bdescents?\b", "running downhill"),
    (r"\bincline\b", "treadmill incline"),
    (r"\baltitude\b|\bmountains?\b", "running at altitude"),
    (r"\b10 ?k\b.*\b(pace|pacing|week before)\b|\b(pace|pacing)\b.*\b10 ?k\b", "10k race pacing"),
    (r"\bmarathon pace\b|\bmp runs?\b", "marathon-pace runs"),
    # strength
    (
        r"\baccessor\w*\b|\bextra (stuff|exercises)\b|\bafter (the |my )?main lifts?\b",
        "accessory exercises",
    ),
    (
        r"\b(weak|slow) (at )?(the )?lockout\b|\bweak (off|at) the chest\b|\bweak points?\b",
        "weak points",
    ),
    (
        r"\bbar (slows|slowing|gets slow)\b|\breps? (get|gets|getting) (slow|slower)\b"
        r"|\bgrind\w*\b",
        "bar speed velocity loss",
    ),
    (
        r"\bgrip\b.*\b(gives? out|fails?|slips?)\b|\bhook grip\b|\bmixed grip\b|\bstraps\b",
        "grip strength",
    ),
    (r"\bpregnan\w*\b|\bpostpartum\b|\bexpecting\b", "strength training during pregnancy"),
    (
        r"\b(on|around|during) my period\b|\bmenstrual\b|\b(peri)?menopaus\w*\b",
        "menstrual cycle menopause strength training for women",
    ),
    (r"\bhow often\b.*\bdeadlift\w*\b|\bdeadlift\w*\b.*\bhow often\b", "deadlift frequency"),
    (r"\bfront squats?\b", "front squat"),
    # technique
    (r"\bhip thrusts?\b|\bglute bridges?\b", "hip thrust technique"),
    (r"\bpush.?ups?\b", "push-up technique"),
    (r"\bhips? sag\w*\b|\bsagg\w*\b", "sagging hips body position"),
    (
        r"\bbrac(e|ing)\b|\bhold(ing)? (my|your) breath\b"
        r"|\bbreath\w*\b.*\b(lift\w*|squat\w*|heavy)\b",
        "breathing and bracing",
    ),
    (r"\bblood pressure\b|\bhypertension\b", "Valsalva safety blood pressure"),
    (r"\bbar (drifts?|moves?|goes|travels) (forward|out)\b|\bbar path\b", "bar path"),
    (r"\barms? (cross\w*|swing\w*)\b", "arm swing in running"),
    (
        r"\bchin\b.*\b(press|ohp|overhead)\b|\b(press|ohp|overhead)\b.*\bchin\b",
        "overhead press bar path",
    ),
    # two topics in one question
    (
        r"\b(diet\w*|deficit|cutting|lean(ing)? out)\b.*\b(lose|losing|keep|keeping|preserve) "
        r"(my )?(muscle|gains|size)\b"
        r"|\b(lose|losing|keep|keeping|preserve) (my )?(muscle|gains|size)\b"
        r".*\b(diet\w*|deficit|cutting|lean(ing)? out)\b",
        "preserving muscle during a calorie deficit",
    ),
    (
        r"\bshoulders?\b.*\b(feels? better|healed|better now)\b"
        r"|\b(get|getting|come|coming) back to (benching|pressing) heavy\b",
        "returning to pressing after shoulder pain",
    ),
    (
        r"\b(lift\w*|gym|weights)\b.*\b(run\w*|5k|10k|marathon|half)\b.*\b(both|fit|combine)\b"
        r"|\b(run\w*|5k|10k|marathon|half)\b.*\b(lift\w*|gym|weights)\b.*\b(both|fit|combine)\b",
        "concurrent training lifting and running",
    ),
)

COMPILED = tuple((re.compile(pattern), words) for pattern, words in LEXICON)


class PatternSet:
    """Which of many patterns a text matches (``re.search``), in their order.

    Trying the lexicon's patterns one by one costs about 200 us a question. With Hyperscan
    (multi-pattern matching), one scan of the text tests them all, in its prefilter mode: a
    pattern it cannot run exactly (a lookaround) is widened so that it never misses a match,
    and ``re`` confirms the few candidates; about 3 us (``bench.rag_latency``). Only for ASCII
    text, where the two engines' classes (``\\w``, ``\\b``, ``.``) agree; other text, or no
    Hyperscan, takes the patterns one by one. Compiling the set takes about 0.4 s, so the
    compiled database is kept in ``cache_dir`` (a file named by a digest of the patterns) and
    loaded from it after."""

    prefix = "lexicon-"

    def __init__(
        self,
        patterns: Sequence[re.Pattern[str]],
        cache_dir: Path | None = None,
        use_hyperscan: bool = True,
    ) -> None:
        self.patterns = list(patterns)
        self.cache_dir = cache_dir
        self.use_hyperscan = use_hyperscan and hyperscan is not None and bool(self.patterns)
        self._local = threading.local()
        self._lock = threading.Lock()

    def matching(self, text: str) -> list[int]:
        """The indexes of the patterns ``text`` matches, ascending."""
        if not self.use_hyperscan or not text.isascii():
            return [i for i, pattern in enumerate(self.patterns) if pattern.search(text)]
        candidates: list[int] = []
        self.database.scan(
            text.encode(),
            match_event_handler=lambda index, *_: candidates.append(index),
            scratch=self._scratch(),
        )
        return [i for i in sorted(candidates) if self.patterns[i].search(text)]

    @cached_property
    def database(self) -> Any:
        with self._lock:
            path = self._cache_file()
            if path is not None and path.exists():
                try:
                    return hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
                except (OSError, hyperscan.error):  # unreadable: compiled again, stored anew
                    pass
            flags = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH
            database = hyperscan.Database()
            database.compile(
                expressions=[pattern.pattern.encode() for pattern in self.patterns],
                ids=list(range(len(self.patterns))),
                elements=len(self.patterns),
                flags=[flags | hyperscan.HS_FLAG_ALLOWEMPTY] * len(self.patterns),
            )
            if path is not None:
                self._store(path, hyperscan.dumpb(database))
            return database

    def _cache_file(self) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha256()
        for part in [version("hyperscan"), *(pattern.pattern for pattern in self.patterns)]:
            digest.update(part.encode() + b"\0")
        return self.cache_dir / f"{self.prefix}{digest.hexdigest()[:16]}.hsdb"

    def _store(self, path: Path, data: bytes) -> None:
        """Written whole (another process reads either no file or all of it); older sets'
        files removed. A directory that cannot be written leaves the database in memory."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".tmp{os.getpid()}")
            temporary.write_bytes(data)
            os.replace(temporary, path)
            for old in path.parent.glob(f"{self.prefix}*.hsdb"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            return

    def _scratch(self) -> Any:
        """Hyperscan's scratch space, one per thread (a scan must not share it)."""
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self.database)
        return scratch


@lru_cache(maxsize=1)
def matcher() -> PatternSet:
    """The lexicon's patterns, compiled once per process (its database cached under var/)."""
    return PatternSet([pattern for pattern, _ in COMPILED], settings.VAR_DIR / "cache")


def warm() -> None:
    """The matcher's database loaded (or compiled and stored) at a process's start, so that no
    question pays for it."""
    matcher().matching("warm up")


# A phone's typographic apostrophes as the patterns write them ("hasn\u2019t" as "hasn't").
APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})


def expand(question: str) -> list[str]:
    """The knowledge base's words for the lay words in a question, each once, in order."""
    return list(_expand(" ".join(question.lower().translate(APOSTROPHES).split())))


@lru_cache(maxsize=2048)
def _expand(text: str) -> tuple[str, ...]:
    # One retrieval asks for a question's words up to three times (vector, selector, text).
    found = [COMPILED[index][1] for index in matcher().matching(text)]
    return tuple(dict.fromkeys(found))


def clear_cache() -> None:
    """Forget the questions seen (benchmarks of cold retrieval call it with each query)."""
    _expand.cache_clear()
