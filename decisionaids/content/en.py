"""English wording of the decision aids: plain language, Flesch–Kincaid grade 8 or less.

Facts come from the seeds through the catalogue (2026.2); the sentences are ours. Every
key here has a Spanish counterpart in ``es.py`` (a test checks the two trees match).
Result numbers never appear in this text: they come from the stored evidence rows.
"""

from __future__ import annotations

TEXT: dict = {
    "months": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "date": "{month} {day}, {year}",
    "month_year": "{month} {year}",
    "decimal": ".",
    "ordinals": ("first", "second", "third", "fourth", "fifth"),
    "ordinal_more": "{n}th",
    # Numbers in the outcome rows. A fraction of a person, or "N of M", is said in
    # whole people of 100 ("about"), with the study's own count after it.
    "figures": {
        "of_100": "{n} of 100",
        "of_100_about": "about {n} of 100",
        "of_100_range": "{low} to {high} of 100",
        "of_n": "about {n} of 100 ({value} of {of} people)",
        "also": "+ {n} of 100 in gray",
        "median_months": "half lived longer than {n} months",
        "array_label": "{n} of 100 people",
        "array_label_also": "{n} of 100 people, and {m} more in gray",
        "from": "From {ev_id}: {population}. Source: {source}.",
    },
    "arms": {
        "blinatumomab": "Blinatumomab",
        "chemotherapy": "Chemotherapy, same study",
        "chemotherapy_only": "Chemotherapy instead of a transplant (an older study)",
        "inotuzumab": "Inotuzumab",
        "inotuzumab_then_hsct": "A transplant after inotuzumab",
        "tisagenlecleucel": "Tisa-cel",
        "brexucabtagene": "Brexu-cel",
        "obecabtagene": "Obe-cel",
        "revumenib": "Revumenib",
        "nelarabine": "Nelarabine",
        "hsct": "Transplant",
        "hsct_sibling": "Transplant from a brother or sister",
        "hsct_unrelated": "Transplant from a donor who is not family",
        "hsct_mrdneg": "Transplant with no leukemia found on the MRD test",
    },
    "products_short": {
        "tisagenlecleucel": "tisa-cel",
        "brexucabtagene": "brexu-cel",
        "obecabtagene": "obe-cel",
    },
    "products": {
        "tisagenlecleucel": "tisagenlecleucel",
        "brexucabtagene": "brexucabtagene autoleucel",
        "obecabtagene": "obecabtagene autoleucel",
    },
    "treatments": {
        "chemotherapy": "chemotherapy",
        "blinatumomab": "blinatumomab",
        "inotuzumab": "inotuzumab",
        "car_t": "CAR-T cells",
        "revumenib": "revumenib",
        "nelarabine": "nelarabine",
        "tki": "a TKI pill",
        "dli": "donor lymphocytes",
        "it_chemotherapy": "spinal fluid treatment",
        "cranial_rt": "radiation to the head",
    },
    "sites": {
        "marrow": "your bone marrow",
        "cns": "the fluid around your brain and spine",
        "testis": "a testicle",
        "other_extramedullary": "another part of your body",
    },
    "donors": {
        "matched_sibling": "your brother or sister",
        "matched_unrelated": "a donor who is not family",
        "haploidentical": "a half-matched family member",
        "cord": "cord blood",
        "other": "a donor",
        "unknown": "a donor",
    },
    "markers": {"cd19": "CD19", "cd22": "CD22", "cd20": "CD20"},
    # What a person can save, by the fertility aid's variant.
    "cells": {
        "female": "eggs",
        "male": "sperm",
        "default": "eggs, sperm or tissue",
    },
    "common": {
        "made_for": "Made for {name}",
        "made_for_you": "Made for you",
        "printed": "Printed on {date}.",
        "based_on": "Based on your records as of {date}.",
        "care_team": "Your care team: {name}, phone {phone}.",
        "care_team_name_only": "Your care team: {name}. Their phone number is not "
        "set in our system. Ask them how to reach them.",
        "care_team_not_set": "Your care team's name and phone number are not set in "
        "our system. Ask your team how to reach them, and write it here.",
        "footer_name": "{name} · printed {date}",
        "footer_team": "Care team: {name} · {phone}",
        "footer_team_not_set": "Care team phone: not set, ask your team",
        "page": "Page",
        "of": "of",
        "supports": "This sheet is here to help you talk with your care team. It "
        "does not take the place of that talk.",
        "h_decision": "The choice you face",
        "h_why_now": "Why choose now?",
        "h_about": "About you",
        "about_intro": "These facts from your records shape your choices. Tell your "
        "team if something is wrong.",
        "h_safety": "Please read: your safety",
        "h_notes": "What our sources advise for you",
        "h_options": "Your options at a glance",
        "options_intro": "Each row is one option. Each column answers a question "
        "people often ask.",
        "option": "Option",
        "h_removed": "Options that do not fit you now",
        "h_numbers": "What happened to people in studies",
        "more_numbers": "More numbers from the studies",
        "more_numbers_intro": "Each line names only the options with a number for "
        "it. Our sources give no number for the others.",
        "not_compared": "These options were never tested against each other in one "
        "study. Each medicine was compared only with chemotherapy, in its own study, "
        "or it was given to one group with no comparison. So do not compare numbers "
        "across options as if it were a race.",
        "numbers_intro": "Each picture shows 100 people. Black squares had the "
        "result in the heading; white squares did not. Studies of other people cannot "
        "tell what will happen to you.",
        "how_sure": "With each number is the kind of study. A randomised study put "
        "people in groups by chance and compared them: firmer numbers. One group "
        "with no comparison: weaker numbers. The guide for adults rates its own "
        "advice as low certainty.",
        "no_figure": "No figure in our sources: {options}.",
        "no_numbers": "Our sources give no numbers for this option: {options}.",
        "no_numbers_many": "Our sources give no numbers for these options: {options}.",
        "no_numbers_any": "Our sources give no numbers for these options. So this "
        "sheet shows none. Your care team can tell you what they know.",
        "no_numbers_cell": "Our sources give no numbers.",
        "h_glossary": "Words used in this sheet",
        "h_values": "What matters most to you?",
        "values_intro": "Mark one box on each line. There are no right or wrong "
        "answers.",
        "values_scale": ("A lot", "A little", "Not at all"),
        "values_item": "How much does this matter to me?",
        "h_questions": "Questions to ask your care team",
        "own_questions": "My own questions:",
        "h_sure": "Are you ready to choose? The SURE test",
        "sure_intro": "Answer yes or no.",
        "sure_items": (
            ("Sure", "Do you feel sure about the best choice for you?"),
            ("Understand", "Do you know the good and bad points of each option?"),
            (
                "Risk and benefit",
                "Are you clear about which good and bad points matter most to you?",
            ),
            (
                "Encouragement",
                "Do you have enough support and advice to make a choice?",
            ),
        ),
        "yes": "Yes",
        "no": "No",
        "sure_after": "If you answered no to any question, tell your care team. "
        "Talk more before you choose.",
        "h_next": "Your next steps",
        "leaning": "Which option are you leaning toward?",
        "not_sure": "I am not sure yet",
        "who_else": "Who else do you want to help you choose?",
        "who_else_hint": "For example, family, a partner, friends or someone on your "
        "care team.",
        "support": "What support do you need?",
        "support_items": (
            "More facts about my options",
            "Time to think",
            "Help from a social worker with money, school or work",
            "To talk with someone who has been through this",
        ),
        "steps": "What will you do next?",
        "steps_items": (
            "Talk with my care team again",
            "Ask about a clinical trial",
            "Ask for a second opinion",
        ),
        "h_sources": "Where this comes from",
        "sources_intro": "Studies behind the numbers:",
        "guidelines_intro": "Guidelines behind the options:",
        "reviewed": "This content was last checked on {date}.",
        "versions": "Decision aid {aid_id}, content version {version}, rules version "
        "{rules}.",
        "given_before": "You had it before, in {date}.",
        "had_before": "You have had it before.",
        "needs_test_cd19": "A test must first show CD19 on your leukemia cells.",
        "needs_test_cd22": "A test must first show CD22 on your leukemia cells.",
        "products_fit": "May fit you: {products}.",
        "products_check": "Your team will check if you can get: {products}.",
        "and": "and",
        "or": "or",
        "or_plain": "or",
    },
    "rows": {
        "what": "What is it?",
        "how": "How, where and how long? Time in the hospital?",
        "risks": "What are the main risks?",
    },
    # Study designs: the certainty of a figure in words (catalogue "Evidence for
    # decision aids"), printed with every figure.
    "certainty": {
        "randomised_vs_chemotherapy": "randomised study",
        "single_arm": "one group, no comparison",
        "donor_comparison": "not randomised, an older study",
        "registry": "records of transplants, many not in remission",
        "single_institution": "records of one hospital",
    },
    # Like-for-like outcome rows: the same outcome and time frame in every picture.
    "outcome_rows": {
        "remission": "Went into remission",
        "mrd_negative": "No leukemia found, even with the most sensitive test (MRD)",
        "response": "Leukemia shrank or went away",
        "efs_6m": "Alive with the leukemia under control 6 months later",
        "efs_12m": "Alive with the leukemia under control 12 months later",
        "alive_1y": "Alive 1 year later",
        "alive_2y": "Alive 2 years later",
        "median_os": "How long people lived",
        "alive_5y": "Alive 5 years later",
        "alive_3y_mrdneg": "Alive 3 years later, when no leukemia was found before "
        "the transplant",
        "alive_3y_transplanted": "Alive 3 years later, after a transplant",
        "crs_severe": "Severe immune reaction (CRS)",
        "crs_any": "Immune reaction (CRS), mild to severe",
        "neuro_severe": "Severe brain or nerve side effects",
        "icans_severe": "Severe brain side effects (ICANS)",
        "infection_severe": "Severe infection",
        "vod_severe": "Severe liver damage (VOD)",
        "vod_after_hsct": "Liver damage (VOD) in people who had a transplant after "
        "inotuzumab",
        "ds_severe": "Severe differentiation syndrome",
        "qt_severe": "Severe change in heart rhythm (QT)",
        "fn_severe": "Fever with very low white blood cells",
        "fatal": "Died while taking it or in the 30 days after",
        "gvhd_acute": "GVHD in the first months",
        "gvhd_acute_severe": "Severe GVHD in the first months",
        "gvhd_chronic": "Long-lasting GVHD",
    },
    "also_legend": "Gray squares: people who {outcome}.",
    # A second group that does not count toward the row (a partial response is not
    # a remission): told in words under the picture, not drawn.
    "also_apart": "{label}: {n} of 100 more {outcome}. That is not a remission.",
    "cell_notes": {
        "cr_cri_together": "Inotuzumab and its chemotherapy group: these numbers "
        "count remission with or without blood counts back to normal. Our sources "
        "do not split them.",
        "cr_only": "Revumenib: our sources count only complete remission, with "
        "blood counts back to normal.",
    },
    "uncertain": {
        "chance": "The study could not be sure this difference was not due to chance.",
    },
    "row_notes": {
        "alive_3y_transplanted": "These were people who had a transplant for "
        "leukemia that came back or did not go away. Many were not in remission.",
        "alive_5y": "The chemotherapy group was treated instead of a transplant, in "
        "a study from before today's newer medicines.",
    },
    "caveats": {
        "tower_ph_negative": "The blinatumomab study took only people whose "
        "leukemia did not have the Philadelphia chromosome. Yours has it.",
        "nelarabine_age": "The nelarabine study took only adults aged 25 or older. "
        "You are younger.",
    },
    "options": {
        "blinatumomab": {
            "name": "Blinatumomab",
            "what": "A medicine that helps your own immune cells kill leukemia "
            "cells that have CD19.",
            "how": "A drip into a vein, day and night, for 4 weeks, then 2 weeks "
            "off. Each round starts with 2 to 3 days in the hospital.",
            "risks": "Fever and low blood pressure (CRS). Confusion, trouble "
            "speaking or seizures.",
        },
        "inotuzumab": {
            "name": "Inotuzumab",
            "what": "A medicine that sticks to leukemia cells that have CD22. It "
            "brings a strong cell-killing drug right into them.",
            "how": "A drip into a vein on days 1, 8 and 15 of a 3- to 4-week round. "
            "Often no hospital stay: you stay 1 hour after each drip.",
            "risks": "Liver damage (VOD), more so with a transplant later. Low "
            "blood counts.",
        },
        "car_t": {
            "name": "CAR-T cells",
            "what": "Your own immune cells, changed in a lab to attack leukemia "
            "cells that have CD19.",
            "how": "Your blood cells are collected and changed in a lab, which takes "
            "time. A few days of chemotherapy make room. Then the cells go back into "
            "a vein. Only at approved centers.",
            "risks": "Fever and low blood pressure (CRS). Brain side effects "
            "(ICANS). Infections. Low blood counts that can last.",
        },
        "revumenib": {
            "name": "Revumenib",
            "what": "A pill for leukemia with a change in the KMT2A gene. It blocks "
            "what that change does.",
            "how": "Pills by mouth twice a day, at home, with checks at the clinic. "
            "The dose depends on your weight and your other medicines.",
            "risks": "Differentiation syndrome. Heart rhythm changes. Fever with low "
            "white blood cells. Harm to an unborn baby.",
        },
        "nelarabine": {
            "name": "Nelarabine",
            "what": "A chemotherapy medicine used for T-cell leukemia.",
            "how": "A drip into a vein over 2 hours, on days 1, 3 and 5 of each "
            "3-week round.",
            "risks": "Nerve side effects: numbness, tingling, weakness or "
            "confusion. They do not always go away. Low blood counts.",
        },
        "dli": {
            "name": "Donor lymphocytes",
            "what": "White blood cells from your transplant donor. They can help "
            "fight the leukemia.",
            "how": "A drip into a vein, at your transplant center.",
            "risks": "The donor cells can attack your body (GVHD). Ask your team.",
        },
        "chemotherapy": {
            "name": "Chemotherapy",
            "what": "Strong medicines that kill fast-growing cells.",
            "how": "Drips, shots or pills, in the hospital or clinic. The mix is "
            "chosen to fit how strong your body is. Time in the hospital depends on "
            "the mix.",
            "risks": "Low blood counts. Serious infections.",
        },
        "trial": {
            "name": "A clinical trial",
            "what": "A study of a new treatment, or a new way to use one.",
            "how": "It depends on the study. It may be at a hospital far from home.",
            "risks": "Side effects no one knows yet.",
        },
        "hsct": {
            "name": "Transplant",
            "what": "First, strong chemotherapy, sometimes with radiation, clears "
            "your bone marrow. Then blood-forming cells from a donor go into a vein. "
            "They can fight the leukemia.",
            "how": "At a transplant center. The donor may be a brother or sister, or "
            "someone else.",
            "risks": "The donor cells can attack your body (GVHD). Infections. Harm "
            "soon and years later.",
        },
        "no_hsct": {
            "name": "No transplant",
            "what": "Keep the remission with more treatment, then milder treatment "
            "for a long time, or with regular checks.",
            "how": "In the clinic or hospital. Your team chooses the plan, based on "
            "what you had before. Milder treatment often lasts a long time.",
            "risks": "The leukemia is more likely to come back. Our sources give no "
            "long-term numbers for this.",
        },
        "it_systemic": {
            "name": "Spinal fluid treatment plus whole-body treatment",
            "what": "Medicine into the fluid around the brain and spine, plus "
            "treatment for the whole body.",
            "how": "A thin needle in the lower back puts the medicine in, at a clinic "
            "or hospital.",
            "risks": "It can affect memory and thinking.",
        },
        "cranial_rt": {
            "name": "Adding radiation to the head",
            "what": "Radiation to the whole head, plus spinal fluid treatment.",
            "how": "12 short radiation visits at a radiation center, and at least 6 "
            "spinal fluid treatments.",
            "risks": "It can affect memory and thinking.",
        },
        "fertility_counselling": {
            "name": "Talk with a fertility expert",
            "what": "An expert tells you how treatment may affect having children, "
            "and your choices.",
            "how": "A visit or a call, before your next treatment starts. No hospital "
            "stay.",
            "risks": "It is one more thing to think about at a hard time.",
        },
        "fertility_preservation": {
            "name": "Save eggs, sperm or tissue for later",
            "what": "Cells or tissue are frozen and stored. Later you may use them "
            "to try to have a child.",
            "how": "At a fertility clinic, before your next treatment. The fertility "
            "team tells you which ways fit you.",
            "risks": "It may not lead to a child. The cost can be high. Social work "
            "can help.",
        },
        "fertility_not_now": {
            "name": "Choose not to do this now",
            "what": "You can say no. It is your choice.",
            "how": "Nothing is given.",
            "risks": "Treatment may make it harder to have children later.",
        },
    },
    # Wording that replaces an option's general wording for one case's variant.
    "option_variants": {
        "chemotherapy": {
            "second": {
                "what": "Strong medicines that kill fast-growing cells. The "
                "guideline suggests the medicines in the rows above first.",
            },
            "fallback": {
                "what": "Strong medicines that kill fast-growing cells. The main "
                "choice now, as the medicines aimed at CD19 or CD22 do not fit you.",
            },
            "t_other": {
                "name": "Other chemotherapy",
                "what": "Other strong medicines that kill fast-growing cells, "
                "without nelarabine.",
            },
        },
        "trial": {
            "first": {
                "what": "A study of a new treatment. When leukemia has come back "
                "more than once, our sources suggest a trial first.",
            },
            "cart": {
                "what": "A study. CAR-T cells for leukemia in the brain and spine "
                "are being studied.",
            },
        },
        "no_hsct": {
            "blina": {
                "what": "Keep the remission with blinatumomab instead of a transplant.",
                "how": "A drip into a vein, day and night, for 4 weeks, every 12 "
                "weeks. Each round starts in the hospital.",
                "risks": "The leukemia is more likely to come back. There are no "
                "long-term numbers for blinatumomab used this way.",
            },
        },
        "it_systemic": {
            "involved": {
                "name": "Spinal fluid treatment added to your main treatment",
                "what": "Medicine into the fluid around the brain and spine, given "
                "along with your main treatment.",
            },
        },
        "cranial_rt": {
            "involved": {
                "what": "Radiation to the whole head, added to spinal fluid "
                "treatment and your main treatment.",
            },
        },
        "fertility_preservation": {
            "male": {
                "name": "Save sperm for later",
                "what": "Sperm is frozen and stored. Later you may use it to try to "
                "have a child.",
            },
            "female": {
                "name": "Save eggs for later",
                "what": "Eggs are frozen and stored. Later you may use them to try "
                "to have a child.",
            },
        },
    },
    # Wording that one aid uses in place of the option's general wording.
    "option_overrides": {
        "DA-REINDUCTION": {
            "trial": {
                "what": "A study of a new treatment. The guideline says to think "
                "about one at every step."
            },
        },
        "DA-REINDUCTION-T": {
            "trial": {
                "what": "A study of a new treatment. The guideline says to think "
                "about one at every step."
            },
        },
        "DA-TRANSPLANT": {
            "trial": {
                "what": "A study, for example of a new way to keep the remission."
            },
        },
        "DA-CNS-RELAPSE": {},
        "DA-FERTILITY": {},
    },
    "aids": {
        "DA-REINDUCTION": {
            "title": "Choosing your next treatment for leukemia",
            "decision": {
                "relapse": "Your leukemia has come back. You and your care team "
                "will choose the next treatment.",
                "primary_refractory": "Your leukemia did not go away with the first "
                "treatments. You and your care team will choose the next treatment.",
                "progression_after_salvage": "Your leukemia grew again after the "
                "last treatment. You and your care team will choose what to try "
                "next.",
            },
            "goal": "The goal is remission: the usual tests no longer find leukemia.",
            "why_now": "The leukemia needs treatment soon. More than one treatment "
            "can work. They differ in how they are given, how long they take, and "
            "their side effects. The best choice can depend on what matters most "
            "to you.",
            "values": (
                "Having the best chance of remission",
                "Spending less time in the hospital",
                "Avoiding serious side effects",
                "Keeping up with school, work or family",
                "Trying a new treatment in a study",
            ),
            "questions": (
                "Which options fit me best, and why?",
                "Can a medicine I had before work again?",
                "How much time will I spend in the hospital?",
                "Can I join a clinical trial?",
                "What happens if this treatment does not work?",
                "Should I talk with a fertility expert first?",
            ),
        },
        "DA-REINDUCTION-T": {
            "title": "Choosing your next treatment for T-cell leukemia",
            "decision": {
                "relapse": "Your T-cell leukemia has come back. You and your care "
                "team will choose the next treatment.",
                "primary_refractory": "Your T-cell leukemia did not go away with the "
                "first treatments. You and your care team will choose the next "
                "treatment.",
                "progression_after_salvage": "Your T-cell leukemia grew again after "
                "the last treatment. You and your care team will choose what to try "
                "next.",
            },
            "goal": "The goal is remission: the usual tests no longer find leukemia.",
            "why_now": "The leukemia needs treatment soon. The choices differ in "
            "how they are given and in their side effects. The best choice can "
            "depend on what matters most to you.",
            "values": (
                "Having the best chance of remission",
                "Avoiding nerve side effects",
                "Spending less time in the hospital",
                "Keeping up with school, work or family",
                "Trying a new treatment in a study",
            ),
            "questions": (
                "Which option fits me best, and why?",
                "How will you check for nerve side effects?",
                "How much time will I spend in the hospital?",
                "Can I join a clinical trial?",
                "What happens if this treatment does not work?",
                "Should I talk with a fertility expert first?",
            ),
        },
        "DA-TRANSPLANT": {
            "title": "After remission: should you have a transplant?",
            "decision": {
                "default": "Your leukemia is in remission again. Now you and your "
                "care team will choose how to keep it away. One choice is a "
                "transplant from a donor.",
                "not_eligible": "Your leukemia is in remission again. Now you and "
                "your care team will choose how to keep it away. Your team has found "
                "that a transplant is not safe for you now, so this sheet is about "
                "the other choices.",
            },
            "goal": "For leukemia that came back, a transplant has the most proof "
            "that it can cure some people. It does not cure everyone. It can also "
            "cause serious harm.",
            "why_now": "Remissions after a relapse often do not last without more "
            "treatment. Waiting until the leukemia comes back makes a transplant "
            "less likely to work. Doctors who treat children sometimes skip the "
            "transplant. There is not enough proof yet that this is safe for older "
            "teens and young adults.",
            "values": (
                "Having the best chance of a cure",
                "Avoiding side effects that last for years",
                "Time away from school, work or family",
                "Not having to go back to the hospital often",
                "Trying a new treatment in a study",
            ),
            "questions": (
                "Do I have a donor? Who could it be?",
                "What did my last MRD test show?",
                "How long would I be in the hospital?",
                "What is GVHD, and how is it treated?",
                "What happens if the leukemia comes back without a transplant?",
                "Can I join a clinical trial?",
            ),
        },
        "DA-CNS-RELAPSE": {
            "title": "Treating leukemia in the brain and spine",
            "decision": {
                "isolated": "Leukemia cells were found in the fluid around your "
                "brain and spine. They were not found in your bone marrow.",
                "involved": "Leukemia cells were found in your bone marrow and in "
                "the fluid around your brain and spine.",
            },
            "goal": {
                "isolated": "The goal is to clear the leukemia from this fluid and "
                "keep it away. You and your care team will choose how.",
                "involved": "Your main treatment treats your whole body. This sheet "
                "is about the extra treatment for your brain and spine.",
            },
            "why_now": "Leukemia in the brain and spine needs its own treatment. "
            "Many medicines in the blood do not reach this fluid well. The choices "
            "differ in side effects, such as effects on memory and thinking.",
            "values": (
                "Getting rid of the leukemia in my brain and spine",
                "Protecting my memory and thinking",
                "Having fewer treatment visits",
                "Trying a new treatment in a study",
            ),
            "questions": (
                "Why do you suggest this choice for me?",
                "How could this affect my memory, school or work?",
                "How many spinal fluid treatments will I need?",
                "Why do our sources differ about radiation?",
                "Is there a study that fits me?",
            ),
        },
        "DA-FERTILITY": {
            "title": "Protecting your chance to have children",
            "decision": {
                "default": "Some leukemia treatments can make it hard to have "
                "children later. You can choose to save eggs, sperm or tissue "
                "before your next treatment.",
                "female": "Some leukemia treatments can make it hard to have "
                "children later. You can choose to save eggs before your next "
                "treatment.",
                "male": "Some leukemia treatments can make it hard to have children "
                "later. You can choose to save sperm before your next treatment.",
            },
            "goal": "You can also choose to talk with an expert first, or to not do "
            "this now.",
            "why_now": "This works best before your next chemotherapy, transplant "
            "or CAR-T treatment. Once that treatment starts, it may be too late. "
            "The guideline for your age says to offer this before treatment.",
            "values": (
                "Having children in the future",
                "Starting treatment as soon as I can",
                "The cost",
                "What my partner or family thinks",
                "My beliefs",
            ),
            "questions": (
                "How might my treatment affect my chance to have children?",
                "Which ways to save {cells} fit me?",
                "Would this delay my treatment? By how long?",
                "Who pays for this?",
                "Can I talk with a social worker?",
            ),
        },
    },
    # "About you": the patient's own facts.
    "facts": {
        "refractory": "Your leukemia did not go away with your first treatments.",
        "remission_again": "Your leukemia is in remission again, after it came back "
        "for the {nth} time.",
        "remission_again_unknown": "Your leukemia is in remission again, after it "
        "came back.",
        "relapse_n": "Your leukemia came back for the {nth} time in {date}.",
        "relapse_n_undated": "Your leukemia has come back for the {nth} time.",
        "relapse_unknown": "Your leukemia has come back. Our records do not say how "
        "many times.",
        "progression": "It grew again after the last treatment.",
        "remission_length": "Your last remission lasted about {months} months.",
        "remission_length_1": "Your last remission lasted about 1 month.",
        "remission_length_short": "Your last remission lasted less than a month.",
        "remission_length_unknown": "Our records do not say how long your last "
        "remission lasted.",
        "sites": "Leukemia was found in {sites}.",
        "sites_cns_only": "Leukemia was found only in the fluid around your brain "
        "and spine, not in your bone marrow.",
        "t_cell": "Your leukemia is T-cell ALL.",
        "markers_has": "Your leukemia cells have {markers}.",
        "markers_lacks": "They do not have {markers}.",
        "markers_lacks_only": "Your leukemia cells do not have {markers}.",
        "markers_untested": "Not tested yet: {markers}.",
        "ph_positive": "Your leukemia has the Philadelphia chromosome (Ph+).",
        "kmt2a": "Your leukemia has a change in the KMT2A gene.",
        "treatment_before": "You had {treatment} in {date}.",
        "treatment_this_episode": "You had {treatment} in {date}, after the "
        "leukemia came back this time.",
        "transplant": "You had a transplant in {date}, from {donor}.",
        "had_vod_sos": "You had liver damage called VOD in {date}.",
        "had_vod_sos_severe": "You had serious liver damage called VOD in {date}.",
        "had_crs_severe": "You had a severe immune reaction (CRS) in {date}.",
        "had_icans_severe": "You had severe brain side effects (ICANS) in {date}.",
        "mrd_negative": "Your last MRD test in this remission found no leukemia.",
        "mrd_positive": "Your last MRD test in this remission still found a small "
        "amount of leukemia.",
        "mrd_unknown": "Our records have no MRD test from this remission yet.",
        "remission_with": "You reached this remission with {treatment}.",
        "transplant_eligible_yes": "Your care team thinks a transplant could be "
        "safe for you.",
        "transplant_eligible_no": "Your care team has found that a transplant is not "
        "safe for you now.",
        "transplant_eligible_unknown": "Your care team has not yet said if a "
        "transplant would be safe for you.",
    },
    "notes": {
        "guideline_immuno": "The guideline for people aged 15 to 39 suggests "
        "{agents}, rather than chemotherapy, at this step.",
        "guideline_nelarabine": "The guideline for people aged 15 to 39 suggests a "
        "treatment with nelarabine at this step.",
        "multiply_relapsed": "When leukemia has come back more than once, or grew "
        "after treatment, our sources suggest a clinical trial first, if one fits "
        "you.",
        "transplant_later": "If you reach remission, a transplant may be a choice. "
        "You have not had one yet.",
        "late_relapse_retreat": "Your last remission lasted 3 years or more. So the "
        "treatment that brought it may be used again.",
        "ph_tki": "Your leukemia has the Philadelphia chromosome. A pill called a "
        "TKI is added to your treatment. A test of the leukemia helps choose which "
        "one.",
        "tki_this_episode": "The leukemia came back while you were taking a TKI "
        "pill. Your team will look at which TKI to use next.",
        "t315i": "Your leukemia has a change called T315I. It limits which TKI pills "
        "can work. A test guides the choice.",
        "rituximab": "Your leukemia cells have CD20. If you have chemotherapy, a "
        "medicine called rituximab may be added.",
        "chemo_by_fitness_fit": "Your body can handle strong treatment now. So a "
        "stronger chemotherapy mix may be used.",
        "chemo_by_fitness_less_fit": "A gentler chemotherapy mix may be used, to fit "
        "how strong your body is now.",
        "chemo_by_fitness_unknown": "How strong your body is now will decide how "
        "strong the chemotherapy mix is.",
        "cns_second_sheet": "Leukemia was also found in the fluid around your brain "
        "and spine. A second sheet explains the extra treatment for that.",
        "cart_cns": "CAR-T cells for leukemia in the brain and spine are still being "
        "studied.",
        "no_blina_maintenance_cd19": "You reached remission with blinatumomab. But "
        "your leukemia cells do not have CD19 now. So blinatumomab is not offered "
        "to keep the remission.",
        "second_transplant": "You have had a transplant before. Ask your team what a "
        "second one would mean for you.",
        "after_cart": "You reached remission with CAR-T cells. The guideline "
        "suggests thinking about a transplant after CAR-T. The evidence is still "
        "limited.",
        "mrd_positive": "A transplant works best when the MRD test finds no "
        "leukemia. Ask your team what your result means for you.",
        "sources_isolated": "Our two sources differ. The guideline for ages 15 to 39 "
        "advises spinal fluid treatment plus treatment for the whole body. It "
        "advises against radiation alone. A guide for adults suggests radiation to "
        "the head plus spinal fluid treatment. Your team can explain which fits "
        "you.",
        "sources_involved": "A guide for adults suggests radiation to the head plus "
        "spinal fluid treatment when leukemia is found there. The guideline for ages "
        "15 to 39 advises against radiation on its own. Your team can explain which "
        "fits you.",
        "cart_cns_study": "CAR-T cells for leukemia in the brain and spine are being "
        "studied. Ask if a study fits you.",
        "whole_body_too": "Every option here includes treatment for the whole body. "
        "Ask your team which one they suggest for you.",
        "main_treatment_sheet": "The main treatment for the leukemia in your bone "
        "marrow is on a separate sheet.",
        "next_treatment": "Your next treatment is planned to start on {date}. Try "
        "to do this before then.",
        "fertility_done": "Our records show you already had a fertility visit. You "
        "can still use this sheet to think it through.",
        "fertility_overdue": "Your treatment has already started. Ask your team if "
        "it is still possible to save {cells}.",
    },
    "safety": {
        "prior_vod": "You had liver damage called VOD before. VOD is the most "
        "serious side effect of inotuzumab. Your team will weigh this before "
        "choosing it.",
        "ino_hsct_planning": "If you have inotuzumab and then a transplant, the risk "
        "of VOD goes up. In one study, VOD happened to {figure} who had a "
        "transplant after inotuzumab. Your team will plan this with the transplant "
        "team.",
        "ino_vod": "You had inotuzumab. After a transplant, this raises the risk of "
        "serious liver damage called VOD. In one study, it happened to {figure}. "
        "Your transplant team will know about this. They will check your liver "
        "closely. A medicine called defibrotide can treat VOD.",
        "cd19_escape": "You had treatment aimed at CD19 before. Leukemia cells can "
        "lose CD19. Your team will check that your leukemia still has CD19 before "
        "using a treatment aimed at it.",
        "cd19_lost": "You had treatment aimed at CD19 before. Your leukemia cells do "
        "not have CD19 now, so treatments aimed at CD19 may not work.",
        "antigen_unknown": "Your team needs to test your leukemia cells for the "
        "markers CD19 and CD22. Some medicines work only when these markers are "
        "there.",
        "blina_high_burden": "There is a lot of leukemia in your bone marrow. Before "
        "blinatumomab, you may get about a week of other medicine first. This lowers "
        "the risk of CRS.",
        "revumenib_medicines": "Revumenib: tell your team about every medicine you "
        "take. Some change how much revumenib you need. Revumenib can harm an unborn "
        "baby.",
        "revumenib_cyp3a4": "One of your medicines changes how much revumenib you "
        "need. Your team will adjust the dose. Revumenib can harm an unborn baby.",
        "nelarabine_neuro": "Nelarabine can cause nerve side effects. The risk is "
        "higher with leukemia in the brain and spine, spinal fluid treatment, "
        "radiation to the head, or nerve problems before. Tell your team at once "
        "about numbness, tingling, weakness or confusion.",
        "cns_rt_alone": "Your records show radiation to the head without spinal "
        "fluid treatment. The guideline advises against radiation alone.",
        "outside_aya": "The guideline is written for people aged 15 to 39. Your team "
        "will explain how it applies to you.",
    },
    "removed": {
        "blinatumomab_cd19": "Blinatumomab works only when leukemia cells have a "
        "marker called CD19. Tests show your leukemia cells do not have it.",
        "inotuzumab_cd22": "Inotuzumab works only when leukemia cells have a marker "
        "called CD22. Tests show your leukemia cells do not have it.",
        "car_t_cd19": "CAR-T cells work only when leukemia cells have CD19. Tests "
        "show your leukemia cells do not have it.",
        "blinatumomab_untested": "Blinatumomab works only when leukemia cells have "
        "CD19. Your leukemia has not been tested for it yet.",
        "inotuzumab_untested": "Inotuzumab works only when leukemia cells have CD22. "
        "Your leukemia has not been tested for it yet.",
        "car_t_untested": "CAR-T cells work only when leukemia cells have CD19. Your "
        "leukemia has not been tested for it yet.",
        "given_in_episode": "{option}: you had it in {date}, and the leukemia did "
        "not go away or grew again. So it is not offered again now.",
        "given_in_episode_undated": "{option}: you had it since the leukemia came "
        "back this time, and it did not bring a remission. So it is not offered "
        "again now.",
        "car_t_none": "CAR-T cells: none of the CAR-T products is approved for your "
        "situation now.",
        "tisagenlecleucel_age": "Tisagenlecleucel, a CAR-T product, is approved "
        "only for people aged 25 or younger.",
        "tisagenlecleucel_label": "Tisagenlecleucel, a CAR-T product, is approved "
        "only when leukemia did not go away with treatment, or came back two or "
        "more times.",
        "adult_only": "{product}, a CAR-T product, is approved only for adults "
        "aged 18 or older.",
        "revumenib_before": "Revumenib: you have had it before. Our sources suggest "
        "it for people who have not had it.",
        "dli_cord": "Donor lymphocytes: your transplant used cord blood, so there is "
        "no donor to give more cells.",
        "hsct_not_eligible": "Transplant: your care team has found that a "
        "transplant is not safe for you now. Ask them why.",
    },
    # The glossary box: a word this aid prints, and what it means.
    "glossary": {
        "remission": (
            "Remission",
            "The usual tests no longer find leukemia. It is not always a cure.",
        ),
        "mrd": (
            "MRD",
            "A very sensitive test that looks for leukemia cells left after treatment.",
        ),
        "cd19": (
            "CD19, CD22",
            "Markers on the outside of leukemia cells. Some medicines aim at them.",
        ),
        "crs": (
            "CRS",
            "A strong reaction of the immune system: fever, low blood pressure and "
            "feeling very ill. It can be treated.",
        ),
        "icans": (
            "ICANS",
            "Brain side effects of immune treatments: confusion, trouble speaking or "
            "seizures.",
        ),
        "vod": (
            "VOD",
            "Blocked small veins in the liver. It can cause serious liver damage. "
            "Also called SOS.",
        ),
        "gvhd": (
            "GVHD",
            "When donor cells attack your body, for example the skin, gut or liver.",
        ),
        "differentiation_syndrome": (
            "Differentiation syndrome",
            "A reaction as leukemia cells change quickly. It can cause fever, fluid "
            "build-up and trouble breathing. It needs quick treatment.",
        ),
        "conditioning": (
            "Transplant",
            "Strong chemotherapy, sometimes with radiation, clears the bone marrow. "
            "Then donor cells are given.",
        ),
        "intrathecal": (
            "Spinal fluid treatment",
            "Medicine put into the fluid around the brain and spine with a thin "
            "needle in the lower back.",
        ),
    },
    # The words that put a glossary entry in an aid (lower case, as printed).
    "glossary_triggers": {
        "remission": ("remission",),
        "mrd": ("mrd",),
        "cd19": ("cd19", "cd22"),
        "crs": ("crs",),
        "icans": ("icans",),
        "vod": ("vod",),
        "gvhd": ("gvhd",),
        "differentiation_syndrome": ("differentiation syndrome",),
        "conditioning": ("clears your bone marrow",),
        "intrathecal": ("spinal fluid treatment",),
    },
    "sources": {
        "ASH-RR-2026": "ASH-RR-2026: American Society of Hematology 2026 guideline "
        "for relapsed or refractory ALL in people aged 15 to 39.",
        "ASH-FL-2026": "ASH-FL-2026: American Society of Hematology 2026 guideline "
        "for first treatment of ALL in people aged 15 to 39.",
        "REF-ADULT-RR": "REF-ADULT-RR: a clinical guide to treating relapsed or "
        "refractory ALL in adults.",
    },
}
