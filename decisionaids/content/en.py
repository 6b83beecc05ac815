"""English wording of the decision aids: plain language, Flesch–Kincaid grade 8 or less.

Facts come from ../shared/seeds/ through the catalogue; the sentences are ours. Every
key here has a Spanish counterpart in ``es.py`` (a test checks the two trees match).
Numbers never appear in this text: they come from the stored evidence rows.
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
    "decimal": ".",
    # Sentences under icon arrays and in the grid; {arm} is a name from "arms".
    "figures": {
        "of_100": "{n} of 100 people who had {arm} {outcome}.",
        "of_100_about": "About {n} of 100 people who had {arm} {outcome}.",
        "of_100_alone": "{n} of 100 people {outcome}.",
        "of_100_about_alone": "About {n} of 100 people {outcome}.",
        "of_100_range": "{low} to {high} of 100 people who had {arm} {outcome}.",
        "of_100_range_each": "{low} to {high} of 100 people {outcome}, both with "
        "{arm} and with {other}.",
        "median_months_pair": "Half of the people who had {arm} lived longer than "
        "{n} months, and half with {other} longer than {m} months.",
        "also": "{n} more {outcome}.",
        "of_n": "{n} of {of} people who had {arm} {outcome}.",
        "median_months": "Half of the people who had {arm} lived longer than {n} "
        "months.",
        "headline": "{n} of 100: {title}.",
        "headline_about": "About {n} of 100: {title}.",
        "headline_range": "{low} to {high} of 100: {title}.",
        "headline_months": "Half lived longer than {n} months.",
        "headline_arm": "{n} of 100 with {arm}: {title}.",
        "headline_of_n": "{n} of {of}: {title}.",
        "array_label": "{n} of 100 people",
        "from": "From {ev_id}: {population}. Source: {source}.",
        "from_study": "From {ev_id} ({study}). Source: {source}.",
    },
    "arms": {
        "blinatumomab": "blinatumomab",
        "chemotherapy": "chemotherapy",
        "inotuzumab": "inotuzumab",
        "tisagenlecleucel": "tisagenlecleucel",
        "brexucabtagene": "brexucabtagene autoleucel",
        "obecabtagene": "obecabtagene autoleucel",
        "revumenib": "revumenib",
        "nelarabine": "nelarabine",
        "hsct": "a transplant",
        "hsct_sibling": "a transplant from a brother or sister",
        "hsct_unrelated": "a transplant from a donor who was not family",
        "hsct_mrdneg": "a transplant in a later remission, with no leukemia found "
        "on the MRD test",
        "chemotherapy_only": "chemotherapy and no transplant",
        "inotuzumab_then_hsct": "a transplant after inotuzumab",
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
    "common": {
        "made_for": "Made for {name}",
        "made_for_you": "Made for you",
        "prepared": "Based on your records as of {date}.",
        "supports": "This sheet is here to help you talk with your care team. It "
        "does not take the place of that talk.",
        "h_decision": "The choice you face",
        "h_why_now": "Why choose now?",
        "h_notes": "Things that shape your choices",
        "h_options": "Your options side by side",
        "options_intro": "Each column is one option. Each row is a question people "
        "often ask.",
        "row_question": "Question",
        "h_removed": "Options that do not fit you now",
        "h_numbers": "What happened to people in studies",
        "numbers_intro": "Each picture shows 100 people. Black squares had the "
        "result, barred squares are a second group named below, and gray outlines "
        "did not. Studies of other people cannot tell what will happen to you.",
        "compared_with": "{option} compared with {other}",
        "no_numbers": "{option}: our sources give no numbers for this option.",
        "no_numbers_any": "Our sources give no numbers for these options. So this "
        "sheet shows none. Your care team can tell you what they know.",
        "no_numbers_cell": "Our sources give no numbers.",
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
        "h_sources": "Where this comes from",
        "sources_intro": "Studies behind the numbers:",
        "guidelines_intro": "Guidelines behind the options:",
        "reviewed": "This content was last checked on {date}.",
        "rules_version": "Rules version {version}.",
        "footer": "Decision aid {aid_id}. Content version {version}.",
        "page": "Page",
        "of": "of",
        "needs_test_cd19": "A test must first show CD19 on your leukemia cells.",
        "needs_test_cd22": "A test must first show CD22 on your leukemia cells.",
        "products_fit": "May fit you: {products}.",
        "products_check": "Your team will check if you can get: {products}.",
        "and": "and",
    },
    "rows": {
        "what": "What is it?",
        "how": "How and where is it given?",
        "time": "How long does it take? How much time in the hospital?",
        "works": "What did studies find?",
        "risks": "What are the main risks?",
    },
    "options": {
        "blinatumomab": {
            "name": "Blinatumomab",
            "what": "A medicine that helps your immune cells kill leukemia cells.",
            "how": "A drip into a vein, day and night, for 4 weeks. Then 2 weeks off.",
            "where": "Each round starts in the hospital.",
            "hospital": "The first 2 to 3 days of each round.",
            "how_long": "Each round is 6 weeks.",
            "risks": "Fever and low blood pressure (CRS). Confusion or seizures.",
        },
        "inotuzumab": {
            "name": "Inotuzumab",
            "what": "A medicine that carries a poison into leukemia cells.",
            "how": "A drip into a vein on days 1, 8 and 15 of each round.",
            "where": "Often given without a hospital stay.",
            "hospital": "Often none. You stay at least 1 hour after each drip.",
            "how_long": "Each round is 3 to 4 weeks.",
            "risks": "Liver damage (VOD), more so with a transplant later.",
        },
        "car_t": {
            "name": "CAR-T cells",
            "what": "Your own immune cells, changed in a lab to attack leukemia.",
            "how": "Your blood cells are collected. Later the changed cells go back "
            "into a vein.",
            "where": "Only at approved centers.",
            "hospital": "Our sources do not say.",
            "how_long": "Making the cells takes time.",
            "risks": "Fever and low blood pressure (CRS). Brain side effects (ICANS).",
        },
        "revumenib": {
            "name": "Revumenib",
            "what": "A medicine for leukemia with a KMT2A change.",
            "how": "Pills by mouth, twice a day.",
            "where": "At home.",
            "hospital": "Our sources do not say.",
            "how_long": "Our sources do not say.",
            "risks": "Differentiation syndrome. Heart rhythm changes. Harm to an "
            "unborn baby.",
        },
        "chemotherapy": {
            "name": "Chemotherapy",
            "what": "Strong medicines that kill fast-growing cells.",
            "how": "Drips, shots or pills, chosen to fit how strong your body is.",
            "where": "Hospital or clinic, based on the mix.",
            "hospital": "It depends on the mix.",
            "how_long": "It depends on the mix.",
            "risks": "Low blood counts. Serious infections.",
        },
        "trial": {
            "name": "A clinical trial",
            "what": "A study of a new treatment, or a new way to use one.",
            "how": "It depends on the study.",
            "where": "At the hospital that runs it, maybe far from home.",
            "hospital": "It depends on the study.",
            "how_long": "It depends on the study.",
            "risks": "Side effects no one knows yet.",
        },
        "hsct": {
            "name": "Transplant",
            "what": "Blood-forming cells from a donor. They can fight the leukemia.",
            "how": "The donor cells go into a vein. The donor may be a brother, a "
            "sister or someone else.",
            "where": "At a transplant center.",
            "hospital": "Our sources do not say.",
            "how_long": "Our sources do not say.",
            "risks": "The donor cells can attack your body (GVHD). Harms soon and "
            "years later.",
        },
        "no_hsct": {
            "name": "No transplant",
            "what": "Keep the remission with more treatment, or with regular checks.",
            "how": "Some people get blinatumomab drips. Others get other medicines.",
            "where": "Clinic or hospital, based on the plan.",
            "hospital": "It depends on the plan.",
            "how_long": "Blinatumomab: a 4-week drip every 12 weeks.",
            "risks": "The leukemia is more likely to come back.",
        },
        "it_systemic": {
            "name": "Spinal fluid treatment plus whole-body treatment",
            "what": "Medicine into the fluid around the brain and spine, plus "
            "treatment for the whole body.",
            "how": "A thin needle in the lower back.",
            "where": "Clinic or hospital.",
            "hospital": "Our sources do not say.",
            "how_long": "Our sources do not say how many times.",
            "risks": "It can affect memory and thinking.",
        },
        "cranial_rt": {
            "name": "Adding radiation to the head",
            "what": "Radiation to the whole head, added to spinal fluid treatment.",
            "how": "The dose is split into 12 small doses.",
            "where": "At a radiation center.",
            "hospital": "Our sources do not say.",
            "how_long": "12 radiation visits, and at least 6 spinal fluid treatments.",
            "risks": "It can affect memory and thinking.",
        },
        "fertility_counselling": {
            "name": "Talk with a fertility expert",
            "what": "An expert tells you how treatment may affect having children, "
            "and your choices.",
            "how": "A visit or a call.",
            "where": "A fertility clinic, or your cancer clinic.",
            "hospital": "No hospital stay is needed for a talk.",
            "how_long": "It should happen before your next treatment starts.",
            "risks": "It is one more thing to think about at a hard time.",
        },
        "fertility_preservation": {
            "name": "Save eggs, sperm or tissue for later",
            "name_male": "Save sperm for later",
            "name_female": "Save eggs for later",
            "what": "Cells or tissue are frozen and stored. Later you may use them "
            "to try to have a child.",
            "how": "The fertility team tells you which ways fit you.",
            "where": "A fertility clinic.",
            "hospital": "Ask the fertility team.",
            "how_long": "It must be done before your next treatment.",
            "risks": "They may not lead to a child. The cost can be high. Social "
            "work can help.",
        },
        "fertility_not_now": {
            "name": "Choose not to do this now",
            "what": "You can say no. It is your choice.",
            "how": "Nothing is given.",
            "where": "Nowhere.",
            "hospital": "None.",
            "how_long": "None.",
            "risks": "Treatment may make it harder to have children later.",
        },
    },
    # Wording that one aid uses in place of the option's general wording.
    "option_overrides": {
        "DA-REINDUCTION": {
            "trial": {
                "what": "A study of a new treatment. The guideline says to "
                "think about one at every step."
            },
        },
        "DA-TRANSPLANT": {
            "trial": {
                "what": "A study, for example of a new way to keep the remission."
            },
        },
        "DA-CNS-RELAPSE": {
            "trial": {
                "what": "A study. CAR-T cells for leukemia in the brain and "
                "spine are being studied."
            },
        },
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
            "goal": "The goal is remission. Remission means no leukemia can be "
            "seen in your bone marrow.",
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
            },
            "goal": "A transplant is the only treatment proven to cure leukemia "
            "that came back. It can also cause serious harm.",
            "why_now": "Remissions after a relapse often do not last without more "
            "treatment. Waiting until the leukemia comes back makes a transplant "
            "less likely to work. Doctors who treat children sometimes skip the "
            "transplant. There is not enough proof yet that this is safe for teens "
            "and young adults.",
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
                "involved": "Leukemia cells were found in the fluid around your "
                "brain and spine.",
            },
            "goal": "You and your care team will choose how to treat this part of "
            "your body.",
            "why_now": "Leukemia in the brain and spine needs its own treatment. "
            "Medicines in the blood do not reach this fluid well. The choices "
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
                "Why do the two sources differ?",
                "Can I join a study of CAR-T cells?",
            ),
        },
        "DA-FERTILITY": {
            "title": "Protecting your chance to have children",
            "decision": {
                "default": "Some leukemia treatments can make it hard to have "
                "children later. You can choose to save eggs, sperm or tissue "
                "before your next treatment.",
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
                "Which ways to save eggs, sperm or tissue fit me?",
                "Would this delay my treatment? By how long?",
                "Who pays for this?",
                "Can I talk with a social worker?",
            ),
        },
    },
    "notes": {
        "guideline_immuno": "The guideline for people aged 15 to 39 suggests "
        "blinatumomab or inotuzumab, rather than chemotherapy, for this step.",
        "ph_tki": "Your leukemia has the Philadelphia chromosome. A pill called a "
        "TKI is added to your treatment.",
        "t315i": "Your leukemia has a change called T315I. Only two TKIs work "
        "against it: ponatinib and asciminib.",
        "antigen_unknown": "Your team needs to test your leukemia cells for the "
        "markers CD19 and CD22. Some medicines work only when these markers are "
        "there.",
        "cd19_escape": "You had treatment aimed at CD19 before. Your team will "
        "check that your leukemia cells still have CD19.",
        "blina_high_burden": "There is a lot of leukemia in your bone marrow. "
        "Before blinatumomab, you may get about a week of other medicine first. "
        "This lowers the risk of CRS.",
        "cart_age": "You are older than 25, so one CAR-T product is not approved "
        "for you. Other CAR-T products may be.",
        "vod": "You had inotuzumab. After a transplant, this raises the risk of a "
        "serious liver problem called VOD, or SOS.",
        "vod_number": "In one study, {n} of {of} people who had a transplant after "
        "inotuzumab got VOD.",
        "vod_care": "Your transplant team will know about this. They will check "
        "your liver closely. A medicine called defibrotide can treat VOD.",
        "mrd_positive": "Your last test still found a small amount of leukemia "
        "(MRD). A transplant works best when no leukemia can be found. Ask your "
        "team what this means for you.",
        "mrd_negative": "Your last test found no leukemia (MRD-negative). This is "
        "when a transplant works best.",
        "after_cart": "You reached remission with CAR-T cells. The guideline "
        "suggests thinking about a transplant after CAR-T. The proof is still "
        "growing.",
        "blina_maintenance": "You reached remission with blinatumomab. If you do "
        "not have a transplant, you can keep getting blinatumomab: a 4-week drip "
        "every 12 weeks.",
        "sources_differ": "Our two sources do not agree. The guideline for ages 15 "
        "to 39 advises spinal fluid treatment plus treatment for the whole body. "
        "It advises against radiation alone. A guide for adults suggests adding "
        "radiation to the head. Your team can explain which fits you.",
        "cns_rt_alone": "Your records show radiation to the head without spinal "
        "fluid treatment. The guideline advises against radiation alone.",
        "next_treatment": "Your next treatment is planned to start on {date}. Try "
        "to do this before then.",
        "fertility_done": "Our records show you already had a fertility visit. You "
        "can still use this sheet to think it through.",
        "fertility_overdue": "Your treatment has already started. Ask your team "
        "if it is still possible to save eggs, sperm or tissue.",
    },
    "removed": {
        "blinatumomab_cd19": "Blinatumomab works only when leukemia cells have a "
        "marker called CD19. Tests show your leukemia cells do not have it.",
        "inotuzumab_cd22": "Inotuzumab works only when leukemia cells have a marker "
        "called CD22. Tests show your leukemia cells do not have it.",
        "car_t_cd19": "CAR-T cells work only when leukemia cells have CD19. Tests "
        "show your leukemia cells do not have it.",
        "car_t_none": "CAR-T cells: none of the CAR-T products is approved for "
        "your situation.",
        "tisagenlecleucel_age": "Tisagenlecleucel, a CAR-T product, is approved "
        "only for people aged 25 or younger.",
        "tisagenlecleucel_label": "Tisagenlecleucel, a CAR-T product, is approved "
        "only when leukemia did not go away with treatment, or came back two or "
        "more times.",
        "adult_only": "{product}, a CAR-T product, is approved only for adults "
        "aged 18 or older.",
        "hsct_not_eligible": "Transplant: your care team has found that a "
        "transplant is not safe for you now. Ask them why.",
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
